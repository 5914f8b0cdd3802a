/**
 * Turning an MCP tool's `inputSchema` into something a form can render, computing initial
 * arguments, and validating arguments with readable messages.
 *
 * The input schema comes from a remote server and is untrusted: it may be malformed, huge,
 * cyclic through `$ref`, use JSON Schema 2020-12 or an older draft. Nothing here throws on
 * bad input; problems are reported as text instead.
 */
import { Validator, type OutputUnit, type Schema, type SchemaDraft } from '@cfworker/json-schema';

export type JsonObject = Record<string, unknown>;

/** Marks a subschema that the form should edit as a free JSON value (a textarea). */
export const FREE_JSON = 'x-loupe-json';

export interface PreparedSchema {
	schema: JsonObject;
	problems: string[];
	/** True when the schema can't sensibly be shown as a form (edit the arguments as JSON). */
	unusable: boolean;
}

export interface ArgumentError {
	/** JSON Pointer into the arguments ("" is the arguments object itself). */
	path: string;
	message: string;
}

const MAX_DEPTH = 40;
const MAX_NODES = 4000;
const MAX_VALUE_NODES = 20000;
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const BASE = 'loupe:/input-schema';

export const isObject = (v: unknown): v is JsonObject =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (t: string) => t.replace(/~/g, '~0').replace(/\//g, '~1');
const unesc = (t: string) => t.replace(/~1/g, '/').replace(/~0/g, '~');

/** A JSON-safe deep copy of a value: no cycles, functions, undefined or non-finite numbers. */
export function cloneJson(value: unknown, budget = { n: MAX_VALUE_NODES }, seen = new Set<object>()): unknown {
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

function getPointer(root: unknown, pointer: string): unknown {
	if (pointer === '') return root;
	let cur = root;
	for (const token of pointer.slice(1).split('/').map(unesc)) {
		if (Array.isArray(cur) && /^\d+$/.test(token)) cur = cur[Number(token)];
		else if (isObject(cur) && Object.hasOwn(cur, token)) cur = cur[token];
		else return undefined;
	}
	return cur;
}

/** `#/...` reference text for a JSON Pointer, encoded the way both sjsf and cfworker resolve it. */
const refFor = (pointer: string) => '#' + encodeURI(pointer).replace(/#/g, '%23');

function validRegex(p: unknown): p is string {
	if (typeof p !== 'string') return false;
	try {
		new RegExp(p, 'u');
		return true;
	} catch {
		return false;
	}
}

/** The main (first non-null) type of a schema, if it declares one. */
export function mainType(s: JsonObject): string | undefined {
	const t = s.type;
	if (typeof t === 'string') return t;
	if (Array.isArray(t)) return (t.find((x) => x !== 'null') ?? t[0]) as string | undefined;
	return undefined;
}

interface Pending { node: JsonObject; ref: string; base: string }
interface Ctx {
	problems: Set<string>;
	nodes: number;
	truncated: boolean;
	/** original pointer → pointer in the converted schema */
	pointers: Map<string, string>;
	ids: Map<string, string>;
	anchors: Map<string, string>;
	pending: Pending[];
	/** `$ref` variants of a oneOf/anyOf without a title: named after their target later. */
	untitled: WeakSet<JsonObject>;
}

const SHAPE_KEYS = ['type', 'enum', 'const', 'oneOf', 'anyOf', 'allOf', 'properties', 'patternProperties', 'items', 'if', 'dependencies'];

/** Decide whether a converted subschema is best edited as a free JSON value. */
function markFreeJson(out: JsonObject, hasRef: boolean): void {
	delete out[FREE_JSON];
	if (hasRef) return;
	const shaped = SHAPE_KEYS.some((k) => out[k] !== undefined) || isObject(out.additionalProperties);
	const t = out.type;
	const multi = Array.isArray(t) && t.filter((x) => x !== 'null').length > 1 && out.enum === undefined;
	const main = mainType(out);
	const combinators = ['oneOf', 'anyOf', 'allOf', 'if', 'enum', 'const', 'dependencies'].some((k) => out[k] !== undefined);
	const ap = out.additionalProperties;
	const freeObject =
		main === 'object' && !combinators && !out.patternProperties &&
		(!isObject(out.properties) || Object.keys(out.properties).length === 0) &&
		!(isObject(ap) && Object.keys(ap).some((k) => k !== FREE_JSON));
	const freeArray = main === 'array' && out.items === undefined && !combinators;
	if (!shaped || multi || freeObject || freeArray) out[FREE_JSON] = true;
}

function variantTitle(v: JsonObject): string | undefined {
	if (v.const !== undefined) return JSON.stringify(v.const);
	if (isObject(v.properties)) {
		const entries = Object.entries(v.properties);
		for (const [, p] of entries) {
			if (isObject(p) && typeof p.const === 'string') return p.const;
			if (isObject(p) && Array.isArray(p.enum) && p.enum.length === 1 && typeof p.enum[0] === 'string') return p.enum[0];
		}
		if (entries.length) return entries.slice(0, 3).map(([k]) => k).join(', ') + (entries.length > 3 ? ', …' : '');
	}
	if (Array.isArray(v.type)) return v.type.join(' or ');
	return typeof v.type === 'string' ? v.type : undefined;
}

const isNullOnly = (v: JsonObject) => v.type === 'null' && Object.keys(v).every((k) => ['type', 'title', 'description'].includes(k));

/** Title untitled variants so the picker says more than "Variant 2"; a pure null variant goes first. */
function nameVariants(list: JsonObject[], c: Ctx): JsonObject[] {
	for (const v of list) if (v.title === undefined && c.pending.some((p) => p.node === v)) c.untitled.add(v);
	const titles = list.map((v) => (v.title === undefined && !c.untitled.has(v) ? variantTitle(v) : undefined));
	titles.forEach((t, i) => {
		if (t !== undefined && titles.indexOf(t) === i && titles.lastIndexOf(t) === i) list[i].title = t;
	});
	const nullIndex = list.findIndex(isNullOnly);
	return nullIndex > 0 ? [list[nullIndex], ...list.filter((_, i) => i !== nullIndex)] : list;
}

/** `anyOf: [X, {type: "null"}]` (what Python servers emit for Optional[X]) → X with a nullable type. */
function collapseNullable(out: JsonObject, key: 'anyOf' | 'oneOf'): void {
	const list = out[key] as JsonObject[];
	if (list.length !== 2 || out.type !== undefined || out.properties !== undefined) return;
	if (['anyOf', 'oneOf', 'allOf'].some((k) => k !== key && out[k] !== undefined)) return;
	const nullIndex = list.findIndex(isNullOnly);
	if (nullIndex < 0) return;
	const other = list[1 - nullIndex];
	if (typeof other.type !== 'string' || other.type === 'null' || other.$ref !== undefined || other.const !== undefined) return;
	if (['anyOf', 'oneOf', 'allOf', 'if'].some((k) => other[k] !== undefined)) return;
	delete out[key];
	const annotations = { ...out };
	Object.assign(out, other, annotations, { type: [other.type, 'null'] });
	if (Array.isArray(other.enum) && !other.enum.includes(null)) out.enum = [...other.enum, null];
}

function convert(raw: unknown, orig: string, now: string, base: string, depth: number, c: Ctx): JsonObject {
	c.nodes++;
	if (c.nodes > MAX_NODES || depth > MAX_DEPTH) {
		c.truncated = true;
		c.problems.add('The schema is too large or too deeply nested to show as a form.');
		return { [FREE_JSON]: true };
	}
	if (raw === true) return { [FREE_JSON]: true };
	if (raw === false) return { not: {}, [FREE_JSON]: true };
	if (!isObject(raw)) {
		c.problems.add(`Ignored a malformed subschema at ${orig || '/'} (expected an object, got ${Array.isArray(raw) ? 'an array' : typeof raw}).`);
		return { [FREE_JSON]: true };
	}
	c.pointers.set(orig, now);
	const s = raw;
	if (typeof s.$id === 'string') {
		try {
			const url = new URL(s.$id, base);
			if (url.hash.length > 1 && !url.hash.startsWith('#/')) c.anchors.set(url.href, orig);
			if (!s.$id.startsWith('#')) {
				url.hash = '';
				base = url.href;
				c.ids.set(base, orig);
			}
		} catch {
			c.problems.add(`Ignored an invalid $id "${s.$id}".`);
		}
	}
	for (const k of ['$anchor', '$dynamicAnchor']) if (typeof s[k] === 'string') c.anchors.set(`${base}#${s[k]}`, orig);

	const out: JsonObject = {};
	const sub = (v: unknown, o: string, n: string) => convert(v, `${orig}${o}`, `${now}${n}`, base, depth + 1, c);
	const subMap = (v: unknown, key: string, newKey = key, filter?: (k: string) => boolean) => {
		if (!isObject(v)) return undefined;
		const m: JsonObject = {};
		for (const k of Object.keys(v)) {
			if (k === '__proto__' || (filter && !filter(k))) continue;
			m[k] = sub(v[k], `/${key}/${esc(k)}`, `/${newKey}/${esc(k)}`);
		}
		return m;
	};
	const subList = (v: unknown, key: string, newKey = key) =>
		Array.isArray(v) && v.length > 0 ? v.map((x, i) => sub(x, `/${key}/${i}`, `/${newKey}/${i}`)) : undefined;

	for (const k of ['title', 'description', 'format', 'contentMediaType', 'contentEncoding']) {
		if (typeof s[k] === 'string') out[k] = (s[k] as string).slice(0, k === 'description' ? 4000 : 300);
	}
	if (s.type !== undefined) {
		const list = (Array.isArray(s.type) ? s.type : [s.type]).filter((t): t is string => typeof t === 'string' && TYPES.has(t));
		const types = [...new Set(list)];
		if (s.nullable === true && types.length && !types.includes('null')) types.push('null');
		if (types.length === 0) c.problems.add(`Ignored an invalid type at ${orig || '/'}.`);
		else out.type = types.length === 1 ? types[0] : types;
	}
	if (Array.isArray(s.enum)) {
		if (s.enum.length) out.enum = s.enum.map((v) => cloneJson(v) ?? null);
		else c.problems.add(`Ignored an empty enum at ${orig || '/'}.`);
	}
	for (const k of ['const', 'default']) if (s[k] !== undefined && cloneJson(s[k]) !== undefined) out[k] = cloneJson(s[k]);
	if (Array.isArray(s.examples)) out.examples = cloneJson(s.examples);
	for (const k of ['readOnly', 'writeOnly', 'uniqueItems']) if (typeof s[k] === 'boolean') out[k] = s[k];
	for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']) {
		if (typeof s[k] === 'number' && Number.isFinite(s[k]) && (k !== 'multipleOf' || (s[k] as number) > 0)) out[k] = s[k];
	}
	// Draft 4: boolean exclusiveMinimum/Maximum modify minimum/maximum.
	for (const [ex, lim] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
		if (s[ex] === true && typeof out[lim] === 'number') {
			out[ex] = out[lim];
			delete out[lim];
		}
	}
	for (const k of ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties']) {
		if (Number.isInteger(s[k]) && (s[k] as number) >= 0) out[k] = s[k];
	}
	if (s.pattern !== undefined) {
		if (validRegex(s.pattern)) out.pattern = s.pattern;
		else c.problems.add(`Ignored an invalid pattern at ${orig || '/'}.`);
	}
	if (Array.isArray(s.required)) out.required = [...new Set(s.required.filter((r) => typeof r === 'string'))];
	if (isObject(s.discriminator) && typeof s.discriminator.propertyName === 'string') {
		out.discriminator = { propertyName: s.discriminator.propertyName };
	}

	const props = subMap(s.properties, 'properties', 'properties', (k) => (s.properties as JsonObject)[k] !== false);
	if (props) out.properties = props;
	const pattern = subMap(s.patternProperties, 'patternProperties', 'patternProperties', (k) => {
		if (validRegex(k)) return true;
		c.problems.add(`Ignored an invalid patternProperties regex "${k}".`);
		return false;
	});
	if (pattern) out.patternProperties = pattern;
	for (const k of ['additionalProperties', 'propertyNames', 'contains', 'not', 'if', 'then', 'else']) {
		if (s[k] === undefined) continue;
		if (k === 'additionalProperties' && typeof s[k] === 'boolean') out[k] = s[k];
		else out[k] = sub(s[k], `/${k}`, `/${k}`);
	}
	// Tuples: draft-07 `items: [...]` / 2020-12 `prefixItems` both become `items: [...]` + `additionalItems`.
	const tuple = subList(s.prefixItems, 'prefixItems', 'items') ?? (Array.isArray(s.items) ? subList(s.items, 'items') : undefined);
	if (tuple) {
		out.items = tuple;
		const rest = Array.isArray(s.prefixItems) && s.items !== undefined ? ['items', s.items] : ['additionalItems', s.additionalItems];
		if (typeof rest[1] === 'boolean') out.additionalItems = rest[1];
		else if (rest[1] !== undefined) out.additionalItems = sub(rest[1], `/${rest[0]}`, '/additionalItems');
	} else if (s.items !== undefined && !Array.isArray(s.items)) out.items = sub(s.items, '/items', '/items');
	for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
		const list = subList(s[k], k);
		if (list) out[k] = list;
		else if (s[k] !== undefined) c.problems.add(`Ignored an empty or invalid ${k} at ${orig || '/'}.`);
	}
	for (const k of ['$defs', 'definitions']) {
		const defs = subMap(s[k], k);
		if (defs) out[k] = defs;
	}
	// Dependencies: draft-07 `dependencies` and 2020-12 `dependentRequired`/`dependentSchemas`.
	const deps: JsonObject = {};
	const addDep = (key: string, v: unknown, o: string) => {
		const prev = deps[key];
		const next = Array.isArray(v) ? v.filter((x) => typeof x === 'string') : sub(v, o, `/dependencies/${esc(key)}`);
		if (prev === undefined) deps[key] = next;
		else if (Array.isArray(prev) && isObject(next)) deps[key] = { ...next, required: [...new Set([...prev, ...((next.required as string[]) ?? [])])] };
		else if (isObject(prev) && Array.isArray(next)) prev.required = [...new Set([...((prev.required as string[]) ?? []), ...next])];
	};
	for (const k of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
		if (!isObject(s[k])) continue;
		for (const [key, v] of Object.entries(s[k] as JsonObject)) if (key !== '__proto__') addDep(key, v, `/${k}/${esc(key)}`);
	}
	if (Object.keys(deps).length) out.dependencies = deps;

	const ref = [s.$ref, s.$dynamicRef, s.$recursiveRef].find((r) => typeof r === 'string') as string | undefined;
	if (ref !== undefined) c.pending.push({ node: out, ref, base });

	for (const k of ['oneOf', 'anyOf'] as const) {
		if (out[k]) collapseNullable(out, k);
		if (out[k]) out[k] = nameVariants(out[k] as JsonObject[], c);
	}
	markFreeJson(out, ref !== undefined);
	return out;
}

/** Turn `$ref`s into `#/...` pointers within the converted schema; unresolvable ones become JSON fields. */
function resolveRefs(raw: JsonObject, root: JsonObject, c: Ctx): void {
	let extra = 0;
	const extraDefs = new Map<string, string>();
	for (let i = 0; i < c.pending.length; i++) {
		const { node, ref, base } = c.pending[i];
		let target: string | undefined;
		try {
			const url = new URL(ref, base);
			const fragment = decodeURIComponent(url.hash.slice(1));
			const anchor = url.href;
			url.hash = '';
			const doc = c.ids.get(url.href);
			if (doc !== undefined) {
				if (fragment === '' || fragment.startsWith('/')) target = doc + fragment;
				else target = c.anchors.get(anchor);
			}
		} catch {
			target = undefined;
		}
		let pointer = target === undefined ? undefined : c.pointers.get(target);
		if (target !== undefined && pointer === undefined) {
			// A pointer into a part of the document we didn't visit (e.g. `#/components/schemas/X`).
			pointer = extraDefs.get(target);
			const found = getPointer(raw, target);
			if (pointer === undefined && found !== undefined) {
				pointer = `/$defs/loupe-ref-${extra++}`;
				extraDefs.set(target, pointer);
				const defs = (root.$defs = isObject(root.$defs) ? root.$defs : {});
				defs[pointer.slice(7)] = convert(found, target, pointer, base, 1, c);
			}
		}
		if (pointer === undefined) {
			c.problems.add(`Could not resolve $ref "${ref.slice(0, 200)}"; that value is edited as JSON.`);
			markFreeJson(node, false);
		} else {
			node.$ref = refFor(pointer);
			const target = getPointer(root, pointer);
			if (c.untitled.has(node) && isObject(target) && target.title === undefined && pointer.length > 1) {
				node.title = unesc(pointer.slice(pointer.lastIndexOf('/') + 1));
			}
		}
	}
	// Break reference chains that only point at each other (the form library can't expand them).
	for (const { node } of c.pending) {
		const seen = new Set<unknown>([node]);
		let cur: unknown = node;
		while (isObject(cur) && typeof cur.$ref === 'string') {
			cur = getPointer(root, decodeURIComponent((cur.$ref as string).slice(1)));
			if (cur === undefined || seen.has(cur)) {
				c.problems.add(`The $ref "${node.$ref}" ${cur === undefined ? 'points nowhere' : 'is circular'}; that value is edited as JSON.`);
				delete node.$ref;
				markFreeJson(node, false);
				break;
			}
			seen.add(cur);
		}
	}
}

/**
 * Make an untrusted `inputSchema` renderable by @sjsf/form: a defensive deep copy in which
 * 2020-12 keywords are converted (prefixItems → tuple items, dependentRequired/dependentSchemas →
 * dependencies), every `$ref` is rewritten to a `#/...` pointer inside the copy, `$schema`/`$id`/
 * anchors are dropped, and values without a usable shape are marked {@link FREE_JSON}.
 */
export function prepareFormSchema(inputSchema: unknown): PreparedSchema {
	const empty = (problem: string): PreparedSchema => ({ schema: { type: 'object', properties: {} }, problems: [problem], unusable: true });
	if (!isObject(inputSchema)) {
		return empty(`The input schema is ${inputSchema === null ? 'null' : Array.isArray(inputSchema) ? 'an array' : typeof inputSchema}, not a JSON object.`);
	}
	const c: Ctx = { problems: new Set(), nodes: 0, truncated: false, pointers: new Map(), ids: new Map([[BASE, '']]), anchors: new Map(), pending: [], untitled: new WeakSet() };
	try {
		const raw = cloneJson(inputSchema) as JsonObject;
		const schema = convert(raw, '', '', BASE, 0, c);
		resolveRefs(raw, schema, c);
		let unusable = c.truncated;
		const target = typeof schema.$ref === 'string' ? resolveLocal(schema, schema.$ref) : undefined;
		const rootType = schema.type ?? target?.type;
		if (rootType === undefined && schema.$ref === undefined && !schema.oneOf && !schema.anyOf && !schema.allOf) schema.type = 'object';
		else if (rootType !== undefined && !(rootType === 'object' || (Array.isArray(rootType) && rootType.includes('object')))) {
			c.problems.add(`The input schema's type is ${JSON.stringify(rootType)}, but tool arguments must be an object.`);
			unusable = true;
		}
		if (mainType(schema) === 'object') delete schema[FREE_JSON];
		if (schema[FREE_JSON] && schema.$ref === undefined) unusable = true;
		const problems = [...c.problems];
		if (problems.length > 20) problems.splice(20, Infinity, `…and ${problems.length - 20} more.`);
		return { schema, problems, unusable };
	} catch (error) {
		return empty(`The input schema could not be read: ${error instanceof Error ? error.message : String(error)}`);
	}
}

function resolveLocal(root: JsonObject, ref: string): JsonObject | undefined {
	if (!ref.startsWith('#')) return undefined;
	try {
		const target = getPointer(root, decodeURIComponent(ref.slice(1)));
		return isObject(target) ? target : undefined;
	} catch {
		return undefined;
	}
}

function defaultsFor(s: unknown, root: JsonObject, refs: Set<string>, depth: number, required: boolean): unknown {
	if (!isObject(s) || depth > 24) return undefined;
	if (typeof s.$ref === 'string') {
		if (refs.has(s.$ref)) return s.default !== undefined ? cloneJson(s.default) : undefined;
		const { $ref, ...rest } = s;
		const merged = { ...(resolveLocal(root, $ref) ?? {}), ...rest };
		return defaultsFor(merged, root, new Set(refs).add($ref), depth + 1, required);
	}
	if (s.default !== undefined) return cloneJson(s.default);
	if (s.const !== undefined) return cloneJson(s.const);
	const isObj = mainType(s) === 'object' || (s.type === undefined && isObject(s.properties));
	if (isObj && !s[FREE_JSON]) {
		const out: JsonObject = {};
		const req = new Set(Array.isArray(s.required) ? s.required : []);
		if (isObject(s.properties)) {
			for (const [k, p] of Object.entries(s.properties)) {
				const d = defaultsFor(p, root, refs, depth + 1, req.has(k));
				if (d !== undefined) out[k] = d;
			}
		}
		for (const part of Array.isArray(s.allOf) ? s.allOf : []) {
			const d = defaultsFor(part, root, refs, depth + 1, false);
			if (isObject(d)) for (const [k, v] of Object.entries(d)) if (!(k in out)) out[k] = v;
		}
		if (Object.keys(out).length || required) return out;
		return undefined;
	}
	if (required && mainType(s) === 'array' && isObject(s.items) && Number.isInteger(s.minItems)) {
		const item = defaultsFor(s.items, root, refs, depth + 1, true);
		const n = Math.min(s.minItems as number, 10);
		return item === undefined ? undefined : Array.from({ length: n }, () => cloneJson(item));
	}
	const variants = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
	if (required && variants?.length) return defaultsFor(variants[0], root, refs, depth + 1, true);
	return undefined;
}

/** Initial arguments: defaults and consts, with required nested objects filled in recursively. */
export function defaultArguments(schema: unknown): Record<string, unknown> {
	if (!isObject(schema)) return {};
	const value = defaultsFor(schema, schema, new Set(), 0, true);
	return isObject(value) ? value : {};
}

function detectDraft(schema: JsonObject): SchemaDraft {
	const declared = typeof schema.$schema === 'string' ? schema.$schema : '';
	if (declared.includes('2020-12')) return '2020-12';
	if (declared.includes('2019-09')) return '2019-09';
	if (/draft-0[67]/.test(declared)) return '7';
	if (/draft-0[34]/.test(declared)) return '4';
	// MCP's default dialect is 2020-12; older-style schemas validate the same way except for $ref siblings.
	if (!('$defs' in schema) && ('definitions' in schema || Array.isArray((schema as { items?: unknown }).items))) return '7';
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
const typeList = (types: string[]) => types.map((t) => (t === 'null' ? 'null' : article(t))).join(' or ');
const lastNumber = (text: string) => text.replace(/\.$/, '').match(/(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\)?$/i)?.[1] ?? '';
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
		if (token === '$ref' && isObject(cur) && typeof cur.$ref === 'string') cur = resolveLocal(root, cur.$ref);
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
	const: (u) => `Must be exactly ${u.error.replace(/^Instance does not match /, '').replace(/\.$/, '')}.`,
	enum: (u) => `Must be one of ${u.error.replace(/^Instance does not match any of /, '').replace(/\.$/, '').slice(0, 300)}.`,
	not: () => 'Matches a schema it must not match.',
	false: () => 'No value is allowed here.',
	propertyNames: (u) => `The property name "${quoted(u.error)}" is not allowed.`,
	minProperties: (u) => `Must have ${atLeast(u)} ${lastNumber(u.error.replace(/ properties\.$/, ''))} properties.`,
	minItems: (u) => `Must have ${atLeast(u)} ${lastNumber(u.error)} item(s).`,
	uniqueItems: (u) => {
		const [a, b] = (u.error.match(/\d+/g) ?? []).map(Number);
		return `Items must be unique (${a + 1} and ${b + 1} are the same).`;
	},
	contains: () => 'Must contain at least one matching item.',
	minimum: (u) => {
		const strict = u.keyword.startsWith('exclusive') || /or equal to/.test(u.error);
		const bound = /less than/.test(u.error) ? (strict ? 'greater than' : 'at least') : strict ? 'less than' : 'at most';
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
		const below = () => units.filter((x) => x !== u && x.keywordLocation.startsWith(`${u.keywordLocation}/`));
		const simple = MESSAGES[u.keyword];
		if (simple) add(path, simple(u));
		else if (u.keyword === 'required') add(`${path}/${esc(quoted(u.error))}`, 'Required.');
		else if (u.keyword === 'pattern') {
			const p = getSchemaAt(schema, u.keywordLocation);
			add(path, typeof p === 'string' && p.length < 120 ? `Must match the pattern ${p}.` : "Doesn't match the required pattern.");
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
						((x.keyword === 'const' || x.keyword === 'enum') && x.instanceLocation.lastIndexOf('/') === u.instanceLocation.length)
				);
			const candidates = [...byBranch.values()].filter((list) => !ruledOut(list));
			const total = Array.isArray(variants) ? variants.length : byBranch.size;
			if (matches === 0 && candidates.length === 1 && byBranch.size === total) {
				branches.filter((x) => !candidates[0].includes(x)).forEach((x) => consumed.add(x));
			} else {
				branches.forEach((x) => consumed.add(x));
				const names = Array.isArray(variants) ? variants.map((v) => (isObject(v) ? (typeof v.title === 'string' ? v.title : variantTitle(v)) : undefined)) : [];
				const list = names.length && names.every(Boolean) ? ` (${names.join(', ')})` : '';
				add(path, matches > 1 ? `Matches ${matches} of the allowed variants${list}; it must match exactly one.` : `Doesn't match any of the allowed variants${list}.`);
			}
		} else if (u.keyword === 'additionalProperties' || u.keyword === 'unevaluatedProperties') {
			const child = `${u.instanceLocation}/${encodeURI(esc(quoted(u.error))).replace(/#/g, '%23')}`;
			const nested = units.filter((x) => x.instanceLocation === child && x.keyword === 'false');
			nested.forEach((x) => consumed.add(x));
			if (nested.length || !units.some((x) => x.instanceLocation.startsWith(child) && !consumed.has(x))) {
				add(decodeLocation(child), 'This property is not allowed.');
			}
		} else if (['dependentRequired', 'dependencies', 'dependentSchemas'].includes(u.keyword)) {
			const [has, missing] = [...u.error.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]);
			if (/does not have/.test(u.error)) add(`${path}/${esc(missing)}`, `Required when "${has}" is set.`);
			else if (below().length === 0) add(path, `Doesn't match what "${has}" requires.`);
		} else if (u.keyword === 'then' || u.keyword === 'else') {
			if (below().length === 0) add(path, `Doesn't meet a conditional requirement ("${u.keyword}").`);
		} else if (['items', 'prefixItems', 'additionalItems', 'unevaluatedItems'].includes(u.keyword)) {
			for (const x of units) {
				if (x.keyword === 'false' && !consumed.has(x) && x.instanceLocation.slice(0, x.instanceLocation.lastIndexOf('/')) === u.instanceLocation) {
					consumed.add(x);
					add(decodeLocation(x.instanceLocation), 'This item is not allowed (the list is too long).');
				}
			}
		} else add(path, u.error);
	}
	return out;
}

const validators = new WeakMap<object, { validator: Validator; schema: unknown } | { error: string }>();

function validatorFor(schema: JsonObject): { validator: Validator; schema: unknown } | { error: string } {
	let entry = validators.get(schema);
	if (!entry) {
		try {
			const copy = cloneJson(schema) as JsonObject;
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
 * from {@link prepareFormSchema} is used instead.
 */
export function validateArguments(schema: unknown, value: unknown): { valid: boolean; errors: ArgumentError[] } {
	const instance = cloneJson(value) ?? null;
	const attempt = (s: JsonObject) => {
		const entry = validatorFor(s);
		if ('error' in entry) throw new Error(entry.error);
		const result = entry.validator.validate(instance);
		return { valid: result.valid, errors: result.valid ? [] : readableErrors(result.errors, entry.schema) };
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
		return { valid: false, errors: [{ path: '', message: `The schema can't be used for validation: ${message}` }] };
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
		.map((t, i) => (/^\d+$/.test(t) ? `[${t}]` : /^[A-Za-z_$][\w$-]*$/.test(t) ? (i ? `.${t}` : t) : `[${JSON.stringify(t)}]`))
		.join('');
}
