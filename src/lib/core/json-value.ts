/**
 * Plain JSON values from untrusted sources: safe deep copies and JSON Pointer look-ups.
 */

export type JsonObject = Record<string, unknown>;

/** How many objects and arrays a copy of a schema may hold before the rest is dropped. */
export const MAX_SCHEMA_NODES = 20000;

export const isObject = (v: unknown): v is JsonObject =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
/** A field read from untrusted JSON: the string, or undefined for anything else. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const esc = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');
export const unesc = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');

/** Long values in `briefValue` are cut to this many characters. */
const BRIEF_CHARS = 80;

/** A JSON value shown briefly: strings quoted, objects and arrays as compact JSON. */
export function briefValue(value: unknown): string {
	let text: string;
	try {
		text = JSON.stringify(value) ?? String(value);
	} catch {
		return '…';
	}
	return text.length > BRIEF_CHARS ? `${text.slice(0, BRIEF_CHARS - 1)}…` : text;
}

/** A problem at a path in a JSON value, as one line: "error.code: what is wrong". */
export function issueLine(path: unknown, text: string): string {
	return `${Array.isArray(path) && path.length ? path.map(String).join('.') : '(top level)'}: ${text}`;
}

/**
 * What is wrong with a field of an untrusted entry that must be a non-empty string, as words
 * that follow its subject ("has no name", "has a name that is not a string (42)"); undefined
 * when it is fine.
 */
export function stringFieldProblem(value: unknown, field: string): string | undefined {
	if (typeof value === 'string') return value ? undefined : `has an empty ${field}`;
	if (value === undefined) return `has no ${field}`;
	return `has a ${field} that is not a string (${briefValue(value)})`;
}

/**
 * A JSON-safe deep copy of a value: no cycles, functions, undefined or non-finite numbers.
 * `budget` caps the objects and arrays copied (for schemas); values are copied whole by default.
 */
export function cloneJson(
	value: unknown,
	budget = { n: Infinity },
	seen = new Set<object>()
): unknown {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
	if (typeof value !== 'object' || seen.has(value) || --budget.n < 0) return undefined;
	seen.add(value);
	let out: unknown;
	if (Array.isArray(value)) out = value.map((v) => cloneJson(v, budget, seen) ?? null);
	else {
		const o: JsonObject = {};
		for (const k of Object.keys(value)) {
			if (k === '__proto__') continue;
			const c = cloneJson((value as JsonObject)[k], budget, seen);
			if (c !== undefined) o[k] = c;
		}
		out = o;
	}
	seen.delete(value);
	return out;
}

export function getPointer(root: unknown, pointer: string): unknown {
	if (pointer === '') return root;
	let cur = root;
	for (const token of pointer.slice(1).split('/').map(unesc)) {
		if (Array.isArray(cur) && /^\d+$/.test(token)) cur = cur[Number(token)];
		else if (isObject(cur) && Object.hasOwn(cur, token)) cur = cur[token];
		else return undefined;
	}
	return cur;
}
