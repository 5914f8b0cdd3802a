/**
 * Argument completions (completion/complete) for prompt arguments and resource template
 * variables: only when the server declares the `completions` capability; the reply is checked
 * (strings only, at most 100 values, as the spec says) before it is shown.
 */
import type { RequestOptions } from '@modelcontextprotocol/client';
import type { McpSession, ServerDetails } from './session.js';
import { isObject } from './json-value.js';

export type CompletionRef =
	{ type: 'ref/prompt'; name: string } | { type: 'ref/resource'; uri: string };

export interface CompletionView {
	values: string[];
	total?: number;
	hasMore: boolean;
	problems: string[];
}

export const MAX_COMPLETION_VALUES = 100;

export function supportsCompletions(
	details: Pick<ServerDetails, 'capabilities'> | undefined
): boolean {
	return !!details && isObject(details.capabilities.completions);
}

export function readCompletionResult(result: unknown): CompletionView {
	const completion = isObject(result) ? result.completion : undefined;
	if (!isObject(completion) || !Array.isArray(completion.values)) {
		return {
			values: [],
			hasMore: false,
			problems: ['The completion/complete result has no "completion.values" array.']
		};
	}
	const problems: string[] = [];
	const values: string[] = [];
	const seen = new Set<string>();
	for (const v of completion.values) {
		if (typeof v !== 'string') {
			problems.push('A completion value that is not a string was left out.');
			continue;
		}
		if (seen.has(v)) continue;
		seen.add(v);
		values.push(v);
	}
	if (values.length > MAX_COMPLETION_VALUES)
		problems.push(
			`The server sent ${values.length} values; the spec allows ${MAX_COMPLETION_VALUES}. Loupe shows the first ${MAX_COMPLETION_VALUES}.`
		);
	const total =
		typeof completion.total === 'number' &&
		Number.isFinite(completion.total) &&
		completion.total >= 0
			? completion.total
			: undefined;
	return {
		values: values.slice(0, MAX_COMPLETION_VALUES),
		total,
		hasMore: completion.hasMore === true,
		problems
	};
}

/**
 * Asks the server to complete one argument. `context` holds the other arguments already filled
 * in (sent as context.arguments, so a server can narrow one argument by another).
 */
export async function complete(
	session: McpSession,
	ref: CompletionRef,
	argument: { name: string; value: string },
	context?: Record<string, string>,
	options?: RequestOptions
): Promise<CompletionView> {
	const others = Object.fromEntries(
		Object.entries(context ?? {}).filter(([k, v]) => k !== argument.name && v !== '')
	);
	const params: Record<string, unknown> = { ref, argument };
	if (Object.keys(others).length) params.context = { arguments: others };
	return readCompletionResult(await session.request('completion/complete', params, options));
}
