/**
 * Long text cut into display rows for a virtual list: a row holds up to ROW_LINES lines and
 * ROW_CHARS characters, ending at a line break; a single line longer than that goes on in the
 * next row (a continuation). Rows stay few (a 15 MB pretty-printed JSON is some 20,000) and none
 * is huge. Rows are kept as start offsets into the text; nothing is copied until a row is shown.
 */

/** Characters in one row at most (a longer line continues in the next row). */
export const ROW_CHARS = 4000;
/** Lines in one row at most. */
export const ROW_LINES = 40;

export interface RowLimits {
	maxChars?: number;
	maxLines?: number;
}

/**
 * Pushes the start offsets of the rows of `text` onto `starts`, yielding every `batch` rows so a
 * driver can pause (see sliced-run.ts). An empty text has one empty row.
 */
export function* rowStarts(
	text: string,
	starts: number[],
	limits: RowLimits = {},
	batch = 2000
): Generator<void, void, void> {
	const { maxChars = ROW_CHARS, maxLines = ROW_LINES } = limits;
	let pos = 0;
	do {
		const start = pos;
		starts.push(start);
		let lines = 0;
		for (;;) {
			const lineEnd = text.indexOf('\n', pos);
			const next = lineEnd < 0 ? text.length : lineEnd + 1;
			// The break that ends a row is not shown, so it does not count against the row's length.
			if (next - start - (lineEnd < 0 ? 0 : 1) > maxChars) {
				if (lines === 0) {
					// One line too long for a row: cut it, never between the halves of a surrogate pair.
					pos = start + maxChars;
					const code = text.charCodeAt(pos - 1);
					if (code >= 0xd800 && code <= 0xdbff) pos--;
				}
				break;
			}
			pos = next;
			if (++lines === maxLines || lineEnd < 0) break;
		}
		if (starts.length % batch === 0) yield;
	} while (pos < text.length);
}

/** All row starts at once (for short texts and tests). */
export function allRowStarts(text: string, limits?: RowLimits): number[] {
	const starts: number[] = [];
	for (const _ of rowStarts(text, starts, limits));
	return starts;
}

/** The text of row `i`, without the line break that ends it. */
export function rowText(text: string, starts: readonly number[], i: number): string {
	const end = i + 1 < starts.length ? starts[i + 1] : text.length;
	return text.slice(starts[i], text.charCodeAt(end - 1) === 10 && end > starts[i] ? end - 1 : end);
}

/** Whether row `i` goes on with the line of the row before it. */
export function isContinuation(text: string, starts: readonly number[], i: number): boolean {
	return i > 0 && text.charCodeAt(starts[i] - 1) !== 10;
}
