/**
 * JSON text of big values without a long task: `JSON.stringify(value, null, 2)` produced in time
 * slices (the same text, character for character), with a pause for the event loop whenever a
 * slice is spent. Small parts are handed to the native JSON.stringify whole; only big arrays
 * and objects are walked here, one member at a time.
 */
import { runSliced, type SliceOptions } from './sliced-run.js';
import { BIG_JSON_NODES, countJsonNodes, isSmallJson, weight } from './json-size.js';

interface Frame {
	/** An object's keys; undefined for an array. */
	keys: string[] | undefined;
	items: unknown[] | Record<string, unknown>;
	next: number;
	depth: number;
	indent: string;
	/** Whether a member has been written (an object whose members are all undefined is "{}"). */
	wrote: boolean;
}

const walkable = (v: unknown): v is unknown[] | Record<string, unknown> =>
	typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';

/**
 * The members of `run` (an array, or an object of some keys) as native pretty JSON at nesting
 * `depth`, without their brackets: "    a,\n    b" for depth 1. Wrapping the run in `depth`
 * arrays lets JSON.stringify indent it (no copy to re-indent); the wrapping's lines, (d+1)(d+2)
 * characters at each end, are cut off. Empty when no member has a JSON value.
 */
function membersText(run: unknown[] | Record<string, unknown>, depth: number): string {
	let wrapped: unknown = run;
	for (let i = 0; i < depth; i++) wrapped = [wrapped];
	const text = JSON.stringify(wrapped, null, 2);
	const cut = (depth + 1) * (depth + 2);
	return text.length > 2 * cut ? text.slice(cut, text.length - cut) : '';
}

/**
 * The pieces of `JSON.stringify(value, null, 2)`, in order, pushed onto `out`; yields after each
 * step so a driver can pause. Runs of small members are formatted natively in one go; a big
 * member is walked into. (Cycles are not detected: values here come from JSON.parse.)
 */
export function* prettyJsonPieces(value: unknown, out: string[]): Generator<void, void, void> {
	if (!walkable(value) || isSmallJson(value)) {
		const whole = JSON.stringify(value, null, 2) as string | undefined;
		if (whole !== undefined) out.push(whole);
		return;
	}
	const open = (v: unknown[] | Record<string, unknown>, depth: number): Frame => ({
		keys: Array.isArray(v) ? undefined : Object.keys(v),
		items: v,
		next: 0,
		depth,
		indent: '  '.repeat(depth),
		wrote: false
	});
	const stack: Frame[] = [open(value, 0)];
	while (stack.length) {
		const frame = stack[stack.length - 1];
		const { keys, items, indent } = frame;
		const length = keys ? keys.length : (items as unknown[]).length;
		if (frame.next >= length) {
			stack.pop();
			out.push(frame.wrote ? `\n${indent}${keys ? '}' : ']'}` : keys ? '{}' : '[]');
			continue;
		}
		const memberAt = (i: number) =>
			keys ? (items as Record<string, unknown>)[keys[i]] : (items as unknown[])[i];
		const lead = `${frame.wrote ? ',' : keys ? '{' : '['}\n`;
		// A run of members that are small together…
		const start = frame.next;
		let budget = BIG_JSON_NODES;
		let end = start;
		while (end < length && budget > 0) {
			const member = memberAt(end);
			const cost = walkable(member) ? countJsonNodes(member, budget) : weight(member);
			if (cost > budget && (end > start || walkable(member))) break;
			budget -= cost;
			end++;
		}
		if (end > start) {
			frame.next = end;
			let run: unknown[] | Record<string, unknown>;
			if (keys) {
				// No prototype: a "__proto__" key stays an ordinary key.
				const part: Record<string, unknown> = Object.create(null);
				for (let i = start; i < end; i++) part[keys[i]] = memberAt(i);
				run = part;
			} else run = (items as unknown[]).slice(start, end);
			const text = membersText(run, frame.depth);
			if (text) {
				out.push(lead, text);
				frame.wrote = true;
			}
		} else {
			// …or one big member, walked into.
			frame.next = start + 1;
			out.push(lead, indent, '  ', keys ? `${JSON.stringify(keys[start])}: ` : '');
			frame.wrote = true;
			stack.push(open(memberAt(start) as unknown[] | Record<string, unknown>, frame.depth + 1));
		}
		yield;
	}
}

/**
 * `JSON.stringify(value, null, 2)` in slices; "undefined" for a value JSON cannot express (as a
 * person would want to see it, rather than nothing).
 */
export async function prettyJsonSliced(value: unknown, options?: SliceOptions): Promise<string> {
	const out: string[] = [];
	await runSliced(prettyJsonPieces(value, out), options);
	return out.length ? out.join('') : 'undefined';
}
