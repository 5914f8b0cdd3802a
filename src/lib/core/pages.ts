/**
 * Reading every page of a paginated MCP list (tools, resources, templates, prompts): follows
 * nextCursor, stops on a repeated cursor, a cursor that is not a string, or after too many
 * pages, and says so.
 */
import { briefValue } from './json-value.js';

export interface ListPage<T> {
	items: T[];
	problems: string[];
	nextCursor?: string;
}

export interface AllPages<T> {
	items: T[];
	problems: string[];
}

export const MAX_PAGES = 100;

/**
 * Fetches pages until there is no nextCursor. `fetchPage` sends the list request (with the
 * cursor when there is one); `readPage` checks what came back.
 */
export async function readAllPages<T>(
	fetchPage: (cursor: string | undefined) => Promise<unknown>,
	readPage: (result: unknown) => ListPage<T>,
	what: string,
	maxPages = MAX_PAGES
): Promise<AllPages<T>> {
	const items: T[] = [];
	const problems: string[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		const result = await fetchPage(cursor);
		const read = readPage(result);
		items.push(...read.items);
		problems.push(...read.problems);
		const odd = oddCursor(result);
		if (odd !== undefined)
			problems.push(
				`The server's nextCursor is not a string: ${odd}; the ${what} may be incomplete (Loupe read no further pages).`
			);
		if (!read.nextCursor) return { items, problems };
		if (seenCursors.has(read.nextCursor)) {
			problems.push(
				`The server repeated a pagination cursor; Loupe stopped reading further pages of the ${what}.`
			);
			return { items, problems };
		}
		seenCursors.add(read.nextCursor);
		cursor = read.nextCursor;
	}
	problems.push(`The ${what} has more than ${maxPages} pages; Loupe stopped there.`);
	return { items, problems };
}

/** A page's nextCursor, shown briefly, when it is there but not a string (null, like none, ends the list). */
function oddCursor(result: unknown): string | undefined {
	if (!result || typeof result !== 'object' || !('nextCursor' in result)) return undefined;
	const cursor = (result as Record<string, unknown>).nextCursor;
	return cursor === undefined || cursor === null || typeof cursor === 'string'
		? undefined
		: briefValue(cursor);
}

/** A page's nextCursor when it is a non-empty string. */
export function readCursor(result: Record<string, unknown>): string | undefined {
	return typeof result.nextCursor === 'string' && result.nextCursor ? result.nextCursor : undefined;
}
