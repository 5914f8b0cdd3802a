/**
 * JSON text laid out with two-space indentation, token for token as it was written: numbers,
 * string escapes and duplicate keys stay exactly as received (JSON.parse would round a big
 * integer, fold `\u00e9` into `é` and keep only the last duplicate key), only the whitespace
 * between tokens changes. The layout is that of `JSON.stringify(value, null, 2)`, so text that
 * JSON.stringify wrote comes out as JSON.stringify would pretty-print it.
 *
 * The text is checked against the JSON grammar (RFC 8259) on the way; text that is not JSON
 * gets no layout, only the place and reason it stops being JSON. The work is a generator, so a
 * driver (sliced-run.ts) can spread ten megabytes over many short tasks.
 */
import { runSliced, type SliceOptions } from './sliced-run.js';

export type ReindentOutcome =
	| { ok: true; text: string }
	| {
			ok: false;
			/** 'invalid': the text is not JSON; 'too-big': laid out, it would grow past what a page can hold. */
			problem: 'invalid' | 'too-big';
			/** Where the text stops being JSON, or where the layout gave up (a UTF-16 offset). */
			offset: number;
			reason: string;
	  };

/** Tokens handled between two yields. */
const TOKENS_PER_STEP = 2048;
/** Output pieces joined into one chunk at a time, so the final join is of few, long strings. */
const PIECES_PER_CHUNK = 8192;
/** Indentation grows with nesting: past this many characters of output per character of input (plus a floor), give up. */
const MAX_GROWTH = 8;
const GROWTH_FLOOR = 1 << 20;

// eslint-disable-next-line no-control-regex -- JSON strings exclude the control characters
const STRING = /"(?:[^"\\\u0000-\u001f]+|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** What may come next. */
const Want = {
	/** A value (at the top, after ":", or after "," in an array). */
	Value: 0,
	/** A value or "]" (just after "["). */
	ValueOrClose: 1,
	/** A key (after "," in an object). */
	Key: 2,
	/** A key or "}" (just after "{"). */
	KeyOrClose: 3,
	Colon: 4,
	/** "," or the container's closing bracket (after a member). */
	CommaOrClose: 5,
	/** Nothing but whitespace (after the top-level value). */
	End: 6
} as const;
type Want = (typeof Want)[keyof typeof Want];

const OBJECT = 0;
const ARRAY = 1;

/** A short, readable name for what stands at `offset`. */
function describeAt(text: string, offset: number): string {
	if (offset >= text.length) return 'the text ends';
	const code = text.codePointAt(offset)!;
	const char = String.fromCodePoint(code);
	if (code < 0x20 || code === 0x7f)
		return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	return `“${char}”`;
}

const WANTED: Record<Want, string> = {
	[Want.Value]: 'a value',
	[Want.ValueOrClose]: 'a value or “]”',
	[Want.Key]: 'a key in double quotes',
	[Want.KeyOrClose]: 'a key in double quotes or “}”',
	[Want.Colon]: '“:”',
	[Want.CommaOrClose]: '“,” or a closing bracket',
	[Want.End]: 'the end of the text'
};

/**
 * Lays `source` out; yields every few thousand tokens. The outcome is the generator's return
 * value.
 */
export function* reindentJsonSteps(source: string): Generator<void, ReindentOutcome, void> {
	const chunks: string[] = [];
	let pieces: string[] = [];
	let written = 0;
	const limit = MAX_GROWTH * source.length + GROWTH_FLOOR;
	const push = (piece: string) => {
		written += piece.length;
		pieces.push(piece);
		if (pieces.length >= PIECES_PER_CHUNK) {
			chunks.push(pieces.join(''));
			pieces = [];
		}
	};
	const indents = ['\n'];
	const newline = (depth: number) => (indents[depth] ??= '\n' + '  '.repeat(depth));

	const stack: number[] = [];
	let want: Want = Want.Value;
	let i = 0;
	let tokens = 0;
	const n = source.length;
	const fail = (reason?: string): ReindentOutcome => ({
		ok: false,
		problem: 'invalid',
		offset: i,
		reason: reason ?? `expected ${WANTED[want]} but found ${describeAt(source, i)}`
	});
	/** What follows a finished value: the end, or a member's separator. */
	const afterValue = (): Want => (stack.length ? Want.CommaOrClose : Want.End);

	for (;;) {
		let c = source.charCodeAt(i);
		while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = source.charCodeAt(++i);
		if (i >= n) break;
		if (++tokens >= TOKENS_PER_STEP) {
			tokens = 0;
			if (written > limit) {
				return {
					ok: false,
					problem: 'too-big',
					offset: i,
					reason: `laid out, it would be more than ${MAX_GROWTH} times its size (it nests ${stack.length} levels deep here)`
				};
			}
			yield;
		}
		const top = stack.length ? stack[stack.length - 1] : -1;

		if (want === Want.End) return fail();
		if (want === Want.Colon) {
			if (c !== 0x3a) return fail();
			push(': ');
			i++;
			want = Want.Value;
			continue;
		}
		if (want === Want.CommaOrClose) {
			if (c === 0x2c) {
				push(',' + newline(stack.length));
				i++;
				want = top === OBJECT ? Want.Key : Want.Value;
				continue;
			}
			if ((c === 0x7d && top === OBJECT) || (c === 0x5d && top === ARRAY)) {
				stack.pop();
				push(newline(stack.length) + source[i]);
				i++;
				want = afterValue();
				continue;
			}
			return fail();
		}
		if (want === Want.KeyOrClose && c === 0x7d) {
			// "{}": an empty object stays on one line, as JSON.stringify writes it.
			stack.pop();
			push('}');
			i++;
			want = afterValue();
			continue;
		}
		if (want === Want.ValueOrClose && c === 0x5d) {
			stack.pop();
			push(']');
			i++;
			want = afterValue();
			continue;
		}
		if (want === Want.Key || want === Want.KeyOrClose) {
			if (c !== 0x22) return fail();
			if (want === Want.KeyOrClose) push(newline(stack.length));
			const end = stringEnd(source, i);
			if (end < 0) return fail(stringProblem(source, i));
			push(source.slice(i, end));
			i = end;
			want = Want.Colon;
			continue;
		}
		// A value.
		if (want === Want.ValueOrClose) push(newline(stack.length));
		if (c === 0x7b || c === 0x5b) {
			stack.push(c === 0x7b ? OBJECT : ARRAY);
			push(source[i]);
			i++;
			want = c === 0x7b ? Want.KeyOrClose : Want.ValueOrClose;
			continue;
		}
		let end = -1;
		if (c === 0x22) {
			end = stringEnd(source, i);
			if (end < 0) return fail(stringProblem(source, i));
		} else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
			NUMBER.lastIndex = i;
			if (NUMBER.test(source)) end = NUMBER.lastIndex;
			// "01", "1." and "1e" are not numbers: what follows the longest number must not be a digit, "." or "e".
			const next = source.charCodeAt(end);
			if (
				end < 0 ||
				(next >= 0x30 && next <= 0x39) ||
				next === 0x2e ||
				next === 0x65 ||
				next === 0x45
			) {
				return fail(`not a valid number at ${describeAt(source, i)}`);
			}
		} else {
			for (const word of ['true', 'false', 'null']) {
				if (source.startsWith(word, i)) end = i + word.length;
			}
			if (end < 0) return fail();
		}
		push(source.slice(i, end));
		i = end;
		want = afterValue();
	}
	if (want !== Want.End) return fail();
	if (pieces.length) chunks.push(pieces.join(''));
	return { ok: true, text: chunks.join('') };
}

/** The offset just past the string starting at `start` (a quote), or -1 if it is no JSON string. */
function stringEnd(source: string, start: number): number {
	STRING.lastIndex = start;
	return STRING.test(source) ? STRING.lastIndex : -1;
}

/** Why the string at `start` is not a JSON string. */
function stringProblem(source: string, start: number): string {
	for (let i = start + 1; i < source.length; i++) {
		const c = source.charCodeAt(i);
		if (c === 0x22) break;
		if (c < 0x20) return `a string holds ${describeAt(source, i)}, which JSON writes escaped`;
		if (c === 0x5c) {
			const e = source[i + 1];
			if (
				e === 'u'
					? !/^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))
					: !'"\\/bfnrt'.includes(e ?? 'x')
			) {
				return `a string holds an invalid escape “\\${source.slice(i + 1, i + 2)}” at character ${i + 1}`;
			}
			i++;
		}
	}
	return 'a string is not closed';
}

/** Lays `source` out at once (for text small enough not to be felt). */
export function reindentJson(source: string): ReindentOutcome {
	const steps = reindentJsonSteps(source);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** Lays `source` out in time slices. */
export async function reindentJsonSliced(
	source: string,
	options?: SliceOptions
): Promise<ReindentOutcome> {
	const steps = reindentJsonSteps(source);
	let outcome: ReindentOutcome | undefined;
	await runSliced(
		{
			next() {
				const step = steps.next();
				if (step.done) outcome = step.value;
				return step;
			}
		},
		options
	);
	return outcome!;
}

/** "line 3, column 14" for an offset in `text` (counted from 1). */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) {
		line++;
		lineStart = at + 1;
	}
	return { line, column: offset - lineStart + 1 };
}
