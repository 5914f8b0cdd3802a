/**
 * Wrapping a very long line is slow to lay out (Chromium lays out the whole line once: about a
 * second per megabyte), so the viewer offers wrapping only when no line is longer than this.
 * Unwrapped, CodeMirror draws only the part of a long line that is on screen.
 */
export const WRAP_LIMIT = 50_000;

/** Whether some line of `text` is longer than `limit` characters (no copy of the text made). */
export function hasLineLongerThan(text: string, limit: number): boolean {
	if (text.length <= limit) return false;
	let start = 0;
	for (;;) {
		const end = text.indexOf('\n', start);
		if ((end < 0 ? text.length : end) - start > limit) return true;
		if (end < 0) return false;
		start = end + 1;
	}
}
