/**
 * Validating arguments against a tool's JSON Schema with @cfworker/json-schema (no eval), with
 * messages a person can read.
 */
import { Validator, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';
import {
	cloneJson,
	esc,
	isObject,
	MAX_SCHEMA_NODES,
	unesc,
	type JsonObject
} from './json-value.js';
import { prepareFormSchema, resolveLocal, variantTitle } from './form-schema.js';

export interface ArgumentError {
	/** JSON Pointer into the arguments ("" is the arguments object itself). */
	path: string;
	message: string;
}

function detectDraft(schema: JsonObject): SchemaDraft {
	const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
	if (declared.includes('2020-12')) return '2020-12';
	if (declared.includes('2019-09')) return '2019-09';
	if (/draft-0[67]/.test(declared)) return '7';
	if (/draft-0[34]/.test(declared)) return '4';
	// MCP's default dialect is 2020-12; older-style schemas validate the same way except for $ref siblings.
	if (
		!('$defs' in schema) &&
		('definitions' in schema || Array.isArray((schema as { items?: unknown }).items))
	)
		return '7';
	return '2020-12';
}

const FORMATS: Record<string, string> = {
	email: 'an email address',
	uri: 'an absolute URI, like https://example.com/',
	'uri-reference': 'a URI reference',
	url: 'a URL, like https://example.com/',
	date: 'a date, like 2025-01-31',
	time: 'a time with a time zone, like 09:30:00Z',
	'date-time': 'a date and time with a time zone, like 2025-01-31T09:30:00Z',
	duration: 'an ISO 8601 duration, like P3DT4H',
	uuid: 'a UUID',
	ipv4: 'an IPv4 address',
	ipv6: 'an IPv6 address',
	hostname: 'a host name',
	regex: 'a regular expression'
};
const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);
const typeList = (types: string[]) =>
	types.map((t) => (t === 'null' ? 'null' : article(t))).join(' or ');
const lastNumber = (text: string) =>
	text.replace(/\.$/, '').match(/(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\)?$/i)?.[1] ?? '';
const quoted = (text: string) => text.match(/"((?:[^"\\]|\\.)*)"/)?.[1] ?? '';

function decodeLocation(location: string): string {
	const pointer = location.replace(/^#/, '');
	try {
		return decodeURIComponent(pointer);
	} catch {
		return pointer;
	}
}

/** The schema value at a cfworker keywordLocation, following local `$ref`s along the way. */
function getSchemaAt(root: unknown, keywordLocation: string): unknown {
	if (!isObject(root)) return undefined;
	let cur: unknown = root;
	for (const token of decodeLocation(keywordLocation).split('/').slice(1).map(unesc)) {
		if (token === '$ref' && isObject(cur) && typeof cur.$ref === 'string')
			cur = resolveLocal(root, cur.$ref);
		else if (Array.isArray(cur) && /^\d+$/.test(token)) cur = cur[Number(token)];
		else if (isObject(cur)) cur = cur[token];
		else return undefined;
	}
	return cur;
}

const atLeast = (u: OutputUnit) => (/^min/.test(u.keyword) ? 'at least' : 'at most');

/** Messages that depend on nothing but the unit itself. */
const MESSAGES: Record<string, (u: OutputUnit) => string> = {
	type: (u) => {
		const [got = 'value', ...expected] = [...u.error.matchAll(/"([a-z]+)"/g)].map((m) => m[1]);
		return `Must be ${typeList(expected)}, not ${got === 'null' ? 'null' : article(got)}.`;
	},
	const: (u) =>
		`Must be exactly ${u.error.replace(/^Instance does not match /, '').replace(/\.$/, '')}.`,
	enum: (u) =>
		`Must be one of ${u.error
			.replace(/^Instance does not match any of /, '')
			.replace(/\.$/, '')
			.slice(0, 300)}.`,
	not: () => 'Matches a schema it must not match.',
	false: () => 'No value is allowed here.',
	propertyNames: (u) => `The property name "${quoted(u.error)}" is not allowed.`,
	minProperties: (u) =>
		`Must have ${atLeast(u)} ${lastNumber(u.error.replace(/ properties\.$/, ''))} properties.`,
	minItems: (u) => `Must have ${atLeast(u)} ${lastNumber(u.error)} item(s).`,
	uniqueItems: (u) => {
		const [a, b] = (u.error.match(/\d+/g) ?? []).map(Number);
		return `Items must be unique (${a + 1} and ${b + 1} are the same).`;
	},
	contains: () => 'Must contain at least one matching item.',
	minimum: (u) => {
		const strict = u.keyword.startsWith('exclusive') || /or equal to/.test(u.error);
		const bound = /less than/.test(u.error)
			? strict
				? 'greater than'
				: 'at least'
			: strict
				? 'less than'
				: 'at most';
		return `Must be ${bound} ${lastNumber(u.error)}.`;
	},
	multipleOf: (u) => `Must be a multiple of ${lastNumber(u.error)}.`,
	minLength: (u) => {
		const n = u.error.match(/[<>] (\d+)\)/)?.[1] ?? '';
		return `Must be ${atLeast(u)} ${n} character${n === '1' ? '' : 's'} long.`;
	},
	format: (u) => `Must be ${FORMATS[quoted(u.error)] ?? `in the format "${quoted(u.error)}"`}.`
};
MESSAGES.maxProperties = MESSAGES.minProperties;
MESSAGES.maxItems = MESSAGES.minItems;
MESSAGES.maxLength = MESSAGES.minLength;
MESSAGES.maximum = MESSAGES.exclusiveMinimum = MESSAGES.exclusiveMaximum = MESSAGES.minimum;
/** Units that only say "something below failed": the nested units say what. */
const WRAPPERS = new Set(['$ref', '$recursiveRef', 'properties', 'patternProperties', 'allOf']);

/** Readable messages from cfworker's (non-short-circuited) output units. */
export function readableErrors(units: OutputUnit[], schema?: unknown): ArgumentError[] {
	const out: ArgumentError[] = [];
	const consumed = new Set<OutputUnit>();
	const add = (path: string, message: string) => {
		if (!out.some((e) => e.path === path && e.message === message)) out.push({ path, message });
	};
	for (const u of units) {
		if (consumed.has(u) || WRAPPERS.has(u.keyword)) continue;
		const path = decodeLocation(u.instanceLocation);
		const below = () =>
			units.filter((x) => x !== u && x.keywordLocation.startsWith(`${u.keywordLocation}/`));
		const simple = MESSAGES[u.keyword];
		if (simple) add(path, simple(u));
		else if (u.keyword === 'required') add(`${path}/${esc(quoted(u.error))}`, 'Required.');
		else if (u.keyword === 'pattern') {
			const p = getSchemaAt(schema, u.keywordLocation);
			add(
				path,
				typeof p === 'string' && p.length < 120
					? `Must match the pattern ${p}.`
					: "Doesn't match the required pattern."
			);
		} else if (u.keyword === 'anyOf' || u.keyword === 'oneOf') {
			const branches = below();
			const matches = Number(u.error.match(/\((\d+) matches\)/)?.[1] ?? 0);
			const variants = getSchemaAt(schema, u.keywordLocation);
			// If the value's type (or a const/enum "kind" property) rules out all variants but one,
			// report what is wrong within that variant instead.
			const byBranch = new Map<string, OutputUnit[]>();
			for (const x of branches) {
				const i = x.keywordLocation.slice(u.keywordLocation.length + 1).split('/')[0];
				byBranch.set(i, [...(byBranch.get(i) ?? []), x]);
			}
			const ruledOut = (list: OutputUnit[]) =>
				list.some(
					(x) =>
						(x.keyword === 'type' && x.instanceLocation === u.instanceLocation) ||
						((x.keyword === 'const' || x.keyword === 'enum') &&
							x.instanceLocation.lastIndexOf('/') === u.instanceLocation.length)
				);
			const candidates = [...byBranch.values()].filter((list) => !ruledOut(list));
			const total = Array.isArray(variants) ? variants.length : byBranch.size;
			if (matches === 0 && candidates.length === 1 && byBranch.size === total) {
				branches.filter((x) => !candidates[0].includes(x)).forEach((x) => consumed.add(x));
			} else {
				branches.forEach((x) => consumed.add(x));
				const names = Array.isArray(variants)
					? variants.map((v) =>
							isObject(v) ? (typeof v.title === 'string' ? v.title : variantTitle(v)) : undefined
						)
					: [];
				const list = names.length && names.every(Boolean) ? ` (${names.join(', ')})` : '';
				add(
					path,
					matches > 1
						? `Matches ${matches} of the allowed variants${list}; it must match exactly one.`
						: `Doesn't match any of the allowed variants${list}.`
				);
			}
		} else if (u.keyword === 'additionalProperties' || u.keyword === 'unevaluatedProperties') {
			const child = `${u.instanceLocation}/${encodeURI(esc(quoted(u.error))).replace(/#/g, '%23')}`;
			const nested = units.filter((x) => x.instanceLocation === child && x.keyword === 'false');
			nested.forEach((x) => consumed.add(x));
			if (
				nested.length ||
				!units.some((x) => x.instanceLocation.startsWith(child) && !consumed.has(x))
			) {
				add(decodeLocation(child), 'This property is not allowed.');
			}
		} else if (['dependentRequired', 'dependencies', 'dependentSchemas'].includes(u.keyword)) {
			const [has, missing] = [...u.error.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
			if (/does not have/.test(u.error))
				add(`${path}/${esc(missing)}`, `Required when "${has}" is set.`);
			else if (below().length === 0) add(path, `Doesn't match what "${has}" requires.`);
		} else if (u.keyword === 'then' || u.keyword === 'else') {
			if (below().length === 0)
				add(path, `Doesn't meet a conditional requirement ("${u.keyword}").`);
		} else if (
			['items', 'prefixItems', 'additionalItems', 'unevaluatedItems'].includes(u.keyword)
		) {
			for (const x of units) {
				if (
					x.keyword === 'false' &&
					!consumed.has(x) &&
					x.instanceLocation.slice(0, x.instanceLocation.lastIndexOf('/')) === u.instanceLocation
				) {
					consumed.add(x);
					add(
						decodeLocation(x.instanceLocation),
						'This item is not allowed (the list is too long).'
					);
				}
			}
		} else add(path, u.error);
	}
	return out;
}

const validators = new WeakMap<
	object,
	{ validator: Validator; schema: unknown } | { error: string }
>();

function validatorFor(
	schema: JsonObject
): { validator: Validator; schema: unknown } | { error: string } {
	let entry = validators.get(schema);
	if (!entry) {
		try {
			const copy = cloneJson(schema, { n: MAX_SCHEMA_NODES }) as JsonObject;
			entry = { validator: new Validator(copy as Schema, detectDraft(copy), false), schema: copy };
		} catch (error) {
			entry = { error: error instanceof Error ? error.message : String(error) };
		}
		validators.set(schema, entry);
	}
	return entry;
}

/**
 * Validate tool arguments against a JSON Schema (draft 2020-12, 2019-09, 07 or 04, picked from
 * `$schema`). If the schema itself can't be used (e.g. an external `$ref`), its form-ready version
 * from {@link prepareFormSchema} is used instead. `parsed`: the value came straight from JSON.parse.
 */
export function validateArguments(
	schema: unknown,
	value: unknown,
	options?: { parsed?: boolean }
): { valid: boolean; errors: ArgumentError[] } {
	// A value fresh from JSON.parse is plain JSON already: copying 10 MB would only cost time.
	const instance = options?.parsed ? value : (cloneJson(value) ?? null);
	const attempt = (s: JsonObject) => {
		const entry = validatorFor(s);
		if ('error' in entry) throw new Error(entry.error);
		const result = entry.validator.validate(instance);
		return {
			valid: result.valid,
			errors: result.valid ? [] : readableErrors(result.errors, entry.schema)
		};
	};
	try {
		if (isObject(schema) && !unusableForValidation.has(schema)) return attempt(schema);
	} catch {
		// e.g. an external or broken $ref: fall back to the form-ready copy, whose refs are all local
		if (isObject(schema)) unusableForValidation.add(schema);
	}
	try {
		return attempt(preparedCache(schema));
	} catch (error) {
		const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
		return {
			valid: false,
			errors: [{ path: '', message: `The schema can't be used for validation: ${message}` }]
		};
	}
}

const unusableForValidation = new WeakSet<object>();
const prepared = new WeakMap<object, JsonObject>();
function preparedCache(schema: unknown): JsonObject {
	if (!isObject(schema)) return { type: 'object' };
	let p = prepared.get(schema);
	if (!p) prepared.set(schema, (p = prepareFormSchema(schema).schema));
	return p;
}

/** `/items/0/sku` → `items[0].sku`, for showing an error's location to a person. */
export function describePath(pointer: string): string {
	if (pointer === '') return '';
	return pointer
		.slice(1)
		.split('/')
		.map(unesc)
		.map((t, i) =>
			/^\d+$/.test(t)
				? `[${t}]`
				: /^[A-Za-z_$][\w$-]*$/.test(t)
					? i
						? `.${t}`
						: t
					: `[${JSON.stringify(t)}]`
		)
		.join('');
}
