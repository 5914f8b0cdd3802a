/**
 * What a form field tells a person about its (untrusted) schema: its constraints in words, as
 * a person reads them ("1–1000", "≥ 0", "pattern ^[a-z]+$", "default 200"), and whether the
 * field can send an explicit `null`.
 *
 * Everything returned is plain text built from the schema's values; callers show it as text.
 */
import { briefValue, isObject, type JsonObject } from './json-value.js';
import { FREE_JSON } from './form-schema.js';

/** Long server strings (patterns, defaults) are cut to this many characters. */
const MAX_SHOWN = 80;
/** An enum with more choices than this says how many there are. */
const MANY_CHOICES = 7;

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const count = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const cut = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text);
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export { briefValue };

/** "2–40 characters", "at least 1 item", "exactly 3 characters"… (`one`/`many`: the unit). */
function sizeRange(min: unknown, max: unknown, one: string, many: string): string | undefined {
	const lo = count(min) && min > 0 ? min : undefined;
	const hi = count(max) ? max : undefined;
	if (lo !== undefined && hi !== undefined) {
		if (lo === hi) return `exactly ${plural(lo, one, many)}`;
		return `${lo}–${hi} ${many}`;
	}
	if (lo !== undefined) return `at least ${plural(lo, one, many)}`;
	if (hi !== undefined) return `at most ${plural(hi, one, many)}`;
	return undefined;
}

/** The tighter of an inclusive and an exclusive bound, as [value, exclusive]. */
function bound(
	inclusive: unknown,
	exclusive: unknown,
	lower: boolean
): [number, boolean] | undefined {
	const a = num(inclusive) ? inclusive : undefined;
	const b = num(exclusive) ? exclusive : undefined;
	if (a === undefined) return b === undefined ? undefined : [b, true];
	if (b === undefined) return [a, false];
	const exclusiveIsTighter = lower ? b >= a : b <= a;
	return exclusiveIsTighter ? [b, true] : [a, false];
}

/** "1–1000", "≥ 0", "> 0 and ≤ 1", "-5 to 5"… */
function numberRange(s: JsonObject): string | undefined {
	const lo = bound(s.minimum, s.exclusiveMinimum, true);
	const hi = bound(s.maximum, s.exclusiveMaximum, false);
	if (lo && hi) {
		if (!lo[1] && !hi[1]) {
			if (lo[0] === hi[0]) return `exactly ${lo[0]}`;
			return lo[0] < 0 || hi[0] < 0 ? `${lo[0]} to ${hi[0]}` : `${lo[0]}–${hi[0]}`;
		}
		return `${lo[1] ? '>' : '≥'} ${lo[0]} and ${hi[1] ? '<' : '≤'} ${hi[0]}`;
	}
	if (lo) return `${lo[1] ? '>' : '≥'} ${lo[0]}`;
	if (hi) return `${hi[1] ? '<' : '≤'} ${hi[0]}`;
	return undefined;
}

/**
 * A field's constraints as short phrases, in reading order: required, range or length, pattern,
 * format, number of choices, items, default, read-only. Empty when the schema says nothing.
 */
export function describeConstraints(
	schema: unknown,
	options: { required?: boolean } = {}
): string[] {
	if (!isObject(schema)) return options.required ? ['required'] : [];
	const s = schema;
	const out: string[] = [];
	const add = (text: string | undefined) => {
		if (text) out.push(text);
	};
	if (options.required) add('required');
	add(numberRange(s));
	if (num(s.multipleOf) && !(s.type === 'integer' && s.multipleOf === 1))
		add(`multiple of ${s.multipleOf}`);
	add(sizeRange(s.minLength, s.maxLength, 'character', 'characters'));
	if (typeof s.pattern === 'string') add(`pattern ${cut(s.pattern)}`);
	if (typeof s.format === 'string' && s.format) add(`format ${cut(s.format)}`);
	if (Array.isArray(s.enum) && s.enum.length > MANY_CHOICES) add(`${s.enum.length} choices`);
	add(sizeRange(s.minItems, s.maxItems, 'item', 'items'));
	if (s.uniqueItems === true) add('unique items');
	add(sizeRange(s.minProperties, s.maxProperties, 'property', 'properties'));
	if (s.default !== undefined && s.const === undefined) add(`default ${briefValue(s.default)}`);
	if (s.readOnly === true) add('read-only');
	return out;
}

/**
 * Whether a field of this schema should offer "send null": its type allows null besides one
 * other type, and nothing else in the form already lets the person pick null (an enum or const
 * holding it, a oneOf/anyOf variant, a free JSON value).
 */
export function canSendNull(schema: unknown): boolean {
	if (!isObject(schema) || schema[FREE_JSON]) return false;
	const t = schema.type;
	if (!Array.isArray(t) || !t.includes('null') || !t.some((x) => x !== 'null')) return false;
	return ['enum', 'const', 'oneOf', 'anyOf'].every((k) => schema[k] === undefined);
}
