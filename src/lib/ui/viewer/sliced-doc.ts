/**
 * A CodeMirror document built from a long text in time slices: the text is cut after a line
 * break every quarter megabyte, each part split into lines on its own and appended, so the
 * hundreds of thousands of line strings of a ten-megabyte text are not made in one long task.
 * The document is the same as `Text.of(text.split(/\r\n?|\n/))`.
 */
import { Text } from '@codemirror/state';
import { runSliced, type SliceOptions } from '../../core/sliced-run.js';

/** Characters split into lines per step. */
export const PART_CHARS = 256 * 1024;

const lines = (text: string) => text.split(/\r\n?|\n/);

/** The document of `text`, one part per step; the document is the generator's return value. */
export function* docSteps(text: string, partChars = PART_CHARS): Generator<void, Text, void> {
	if (text.length <= partChars) return Text.of(lines(text));
	let doc: Text | undefined;
	for (let start = 0; start < text.length;) {
		// Each part ends just after a "\n" (so never inside "\r\n"); its last, empty line joins
		// the next part's first.
		const cut = text.indexOf('\n', start + partChars);
		const end = cut < 0 ? text.length : cut + 1;
		const part = Text.of(lines(text.slice(start, end)));
		doc = doc ? doc.append(part) : part;
		start = end;
		yield;
	}
	return doc ?? Text.empty;
}

/** The document of `text` at once (short text) or in time slices. */
export async function docOf(text: string, options?: SliceOptions): Promise<Text> {
	const steps = docSteps(text);
	let doc: Text | undefined;
	await runSliced(
		{
			next() {
				const step = steps.next();
				if (step.done) doc = step.value;
				return step;
			}
		},
		options
	);
	return doc!;
}
