/**
 * Splits a text stream into lines as it arrives, in chunks of any size: a line ends at CRLF, LF
 * or a lone CR (as server-sent events define it). One pass over each chunk, remembering where
 * the next CR and the next LF are, so no part of a chunk is searched twice; a line cut across
 * chunks waits as pieces, joined once when it ends. The work is linear in the input whatever
 * the line endings, the chunk sizes or the line lengths.
 */

const LF = 10;
const BOM = 0xfeff;

export interface LineSplitter {
	/** The next piece of text, in order. */
	push(chunk: string): void;
	/** The stream ended: a last line without its line ending is dropped (as event streams do). */
	end(): void;
}

export function lineSplitter(onLine: (line: string) => void): LineSplitter {
	/** The pieces of a line whose end has not arrived yet. */
	let pieces: string[] = [];
	/** The previous chunk ended with a CR: a LF at the start of the next one completes that CRLF. */
	let afterCr = false;
	let first = true;

	const emit = (chunk: string, start: number, end: number) => {
		if (pieces.length === 0) return onLine(chunk.slice(start, end));
		pieces.push(chunk.slice(start, end));
		const line = pieces.join('');
		pieces = [];
		onLine(line);
	};

	return {
		push(chunk) {
			const length = chunk.length;
			if (length === 0) return;
			let start = 0;
			if (first) {
				first = false;
				// A byte order mark opening the stream is not part of the first line.
				if (chunk.charCodeAt(0) === BOM) start = 1;
			}
			if (afterCr) {
				afterCr = false;
				if (chunk.charCodeAt(start) === LF) start++;
			}
			// Where the next CR and LF are at or after `start`; `length` when there is none left.
			let cr = -1;
			let lf = -1;
			while (start < length) {
				if (cr < start) {
					cr = chunk.indexOf('\r', start);
					if (cr === -1) cr = length;
				}
				if (lf < start) {
					lf = chunk.indexOf('\n', start);
					if (lf === -1) lf = length;
				}
				if (cr === length && lf === length) {
					pieces.push(start === 0 ? chunk : chunk.slice(start));
					return;
				}
				if (lf < cr) {
					emit(chunk, start, lf);
					start = lf + 1;
				} else {
					emit(chunk, start, cr);
					if (cr + 1 === length) afterCr = true;
					start = chunk.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
				}
			}
		},
		end() {
			pieces = [];
			afterCr = false;
		}
	};
}
