/**
 * Turning an MCP tool's `inputSchema` into something a form can render, and computing the
 * initial arguments.
 *
 * The input schema comes from a remote server and is untrusted: it may be malformed, huge,
 * cyclic through `$ref`, use JSON Schema 2020-12 or an older draft. Nothing here throws on
 * bad input; problems are reported as text instead.
 */
import {
	cloneJson,
	esc,
	getPointer,
	isObject,
	MAX_SCHEMA_NODES,
	unesc,
	type JsonObject
} from './json-value.js';

export type { JsonObject };

/** Marks a subschema that the form should edit as a free JSON value (a textarea). */
export const FREE_JSON = 'x-loupe-json';

export interface PreparedSchema {
	schema: JsonObject;
	problems: string[];
	/** True when the schema can't sensibly be shown as a form (edit the arguments as JSON). */
	unusable: boolean;
}

const MAX_DEPTH = 40;
const MAX_NODES = 4000;
const TYPES = new Set(['string', 'number', 'integer', 'boolean', 'object', 'array', 'null']);
const BASE = 'loupe:/input-schema';

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

interface Pending {
	node: JsonObject;
	ref: string;
	base: string;
}
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

const SHAPE_KEYS = [
	'type',
	'enum',
	'const',
	'oneOf',
	'anyOf',
	'allOf',
	'properties',
	'patternProperties',
	'items',
	'if',
	'dependencies'
];

/** Decide whether a converted subschema is best edited as a free JSON value. */
function markFreeJson(out: JsonObject, hasRef: boolean): void {
	delete out[FREE_JSON];
	if (hasRef) return;
	const shaped = SHAPE_KEYS.some((k) => out[k] !== undefined) || isObject(out.additionalProperties);
	const t = out.type;
	const multi =
		Array.isArray(t) && t.filter((x) => x !== 'null').length > 1 && out.enum === undefined;
	const main = mainType(out);
	const combinators = ['oneOf', 'anyOf', 'allOf', 'if', 'enum', 'const', 'dependencies'].some(
		(k) => out[k] !== undefined
	);
	const ap = out.additionalProperties;
	const freeObject =
		main === 'object' &&
		!combinators &&
		!out.patternProperties &&
		(!isObject(out.properties) || Object.keys(out.properties).length === 0) &&
		!(isObject(ap) && Object.keys(ap).some((k) => k !== FREE_JSON));
	const freeArray = main === 'array' && out.items === undefined && !combinators;
	if (!shaped || multi || freeObject || freeArray) out[FREE_JSON] = true;
}

export function variantTitle(v: JsonObject): string | undefined {
	if (v.const !== undefined) return JSON.stringify(v.const);
	if (isObject(v.properties)) {
		const entries = Object.entries(v.properties);
		for (const [, p] of entries) {
			if (isObject(p) && typeof p.const === 'string') return p.const;
			if (
				isObject(p) &&
				Array.isArray(p.enum) &&
				p.enum.length === 1 &&
				typeof p.enum[0] === 'string'
			)
				return p.enum[0];
		}
		if (entries.length)
			return (
				entries
					.slice(0, 3)
					.map(([k]) => k)
					.join(', ') + (entries.length > 3 ? ', …' : '')
			);
	}
	if (Array.isArray(v.type)) return v.type.join(' or ');
	return typeof v.type === 'string' ? v.type : undefined;
}

const isNullOnly = (v: JsonObject) =>
	v.type === 'null' && Object.keys(v).every((k) => ['type', 'title', 'description'].includes(k));

/** Title untitled variants so the picker says more than "Variant 2"; a pure null variant goes first. */
function nameVariants(list: JsonObject[], c: Ctx): JsonObject[] {
	for (const v of list)
		if (v.title === undefined && c.pending.some((p) => p.node === v)) c.untitled.add(v);
	const titles = list.map((v) =>
		v.title === undefined && !c.untitled.has(v) ? variantTitle(v) : undefined
	);
	titles.forEach((t, i) => {
		if (t !== undefined && titles.indexOf(t) === i && titles.lastIndexOf(t) === i)
			list[i].title = t;
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
	if (
		typeof other.type !== 'string' ||
		other.type === 'null' ||
		other.$ref !== undefined ||
		other.const !== undefined
	)
		return;
	if (['anyOf', 'oneOf', 'allOf', 'if'].some((k) => other[k] !== undefined)) return;
	delete out[key];
	const annotations = { ...out };
	Object.assign(out, other, annotations, { type: [other.type, 'null'] });
	if (Array.isArray(other.enum) && !other.enum.includes(null)) out.enum = [...other.enum, null];
}

function convert(
	raw: unknown,
	orig: string,
	now: string,
	base: string,
	depth: number,
	c: Ctx
): JsonObject {
	c.nodes++;
	if (c.nodes > MAX_NODES || depth > MAX_DEPTH) {
		c.truncated = true;
		c.problems.add('The schema is too large or too deeply nested to show as a form.');
		return { [FREE_JSON]: true };
	}
	if (raw === true) return { [FREE_JSON]: true };
	if (raw === false) return { not: {}, [FREE_JSON]: true };
	if (!isObject(raw)) {
		c.problems.add(
			`Ignored a malformed subschema at ${orig || '/'} (expected an object, got ${Array.isArray(raw) ? 'an array' : typeof raw}).`
		);
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
	for (const k of ['$anchor', '$dynamicAnchor'])
		if (typeof s[k] === 'string') c.anchors.set(`${base}#${s[k]}`, orig);

	const out: JsonObject = {};
	const sub = (v: unknown, o: string, n: string) =>
		convert(v, `${orig}${o}`, `${now}${n}`, base, depth + 1, c);
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
		Array.isArray(v) && v.length > 0
			? v.map((x, i) => sub(x, `/${key}/${i}`, `/${newKey}/${i}`))
			: undefined;

	for (const k of ['title', 'description', 'format', 'contentMediaType', 'contentEncoding']) {
		if (typeof s[k] === 'string')
			out[k] = (s[k] as string).slice(0, k === 'description' ? 4000 : 300);
	}
	if (s.type !== undefined) {
		const list = (Array.isArray(s.type) ? s.type : [s.type]).filter(
			(t): t is string => typeof t === 'string' && TYPES.has(t)
		);
		const types = [...new Set(list)];
		if (s.nullable === true && types.length && !types.includes('null')) types.push('null');
		if (types.length === 0) c.problems.add(`Ignored an invalid type at ${orig || '/'}.`);
		else out.type = types.length === 1 ? types[0] : types;
	}
	if (Array.isArray(s.enum)) {
		if (s.enum.length) out.enum = s.enum.map((v) => cloneJson(v) ?? null);
		else c.problems.add(`Ignored an empty enum at ${orig || '/'}.`);
	}
	for (const k of ['const', 'default'])
		if (s[k] !== undefined && cloneJson(s[k]) !== undefined) out[k] = cloneJson(s[k]);
	if (Array.isArray(s.examples)) out.examples = cloneJson(s.examples);
	for (const k of ['readOnly', 'writeOnly', 'uniqueItems'])
		if (typeof s[k] === 'boolean') out[k] = s[k];
	for (const k of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf']) {
		if (
			typeof s[k] === 'number' &&
			Number.isFinite(s[k]) &&
			(k !== 'multipleOf' || (s[k] as number) > 0)
		)
			out[k] = s[k];
	}
	// Draft 4: boolean exclusiveMinimum/Maximum modify minimum/maximum.
	for (const [ex, lim] of [
		['exclusiveMinimum', 'minimum'],
		['exclusiveMaximum', 'maximum']
	] as const) {
		if (s[ex] === true && typeof out[lim] === 'number') {
			out[ex] = out[lim];
			delete out[lim];
		}
	}
	for (const k of [
		'minLength',
		'maxLength',
		'minItems',
		'maxItems',
		'minProperties',
		'maxProperties'
	]) {
		if (Number.isInteger(s[k]) && (s[k] as number) >= 0) out[k] = s[k];
	}
	if (s.pattern !== undefined) {
		if (validRegex(s.pattern)) out.pattern = s.pattern;
		else c.problems.add(`Ignored an invalid pattern at ${orig || '/'}.`);
	}
	if (Array.isArray(s.required))
		out.required = [...new Set(s.required.filter((r) => typeof r === 'string'))];
	if (isObject(s.discriminator) && typeof s.discriminator.propertyName === 'string') {
		out.discriminator = { propertyName: s.discriminator.propertyName };
	}

	const props = subMap(
		s.properties,
		'properties',
		'properties',
		(k) => (s.properties as JsonObject)[k] !== false
	);
	if (props) out.properties = props;
	const pattern = subMap(s.patternProperties, 'patternProperties', 'patternProperties', (k) => {
		if (validRegex(k)) return true;
		c.problems.add(`Ignored an invalid patternProperties regex "${k}".`);
		return false;
	});
	if (pattern) out.patternProperties = pattern;
	for (const k of [
		'additionalProperties',
		'propertyNames',
		'contains',
		'not',
		'if',
		'then',
		'else'
	]) {
		if (s[k] === undefined) continue;
		if (k === 'additionalProperties' && typeof s[k] === 'boolean') out[k] = s[k];
		else out[k] = sub(s[k], `/${k}`, `/${k}`);
	}
	// Tuples: draft-07 `items: [...]` / 2020-12 `prefixItems` both become `items: [...]` + `additionalItems`.
	const tuple =
		subList(s.prefixItems, 'prefixItems', 'items') ??
		(Array.isArray(s.items) ? subList(s.items, 'items') : undefined);
	if (tuple) {
		out.items = tuple;
		const rest =
			Array.isArray(s.prefixItems) && s.items !== undefined
				? ['items', s.items]
				: ['additionalItems', s.additionalItems];
		if (typeof rest[1] === 'boolean') out.additionalItems = rest[1];
		else if (rest[1] !== undefined)
			out.additionalItems = sub(rest[1], `/${rest[0]}`, '/additionalItems');
	} else if (s.items !== undefined && !Array.isArray(s.items))
		out.items = sub(s.items, '/items', '/items');
	for (const k of ['allOf', 'anyOf', 'oneOf'] as const) {
		const list = subList(s[k], k);
		if (list) out[k] = list;
		else if (s[k] !== undefined)
			c.problems.add(`Ignored an empty or invalid ${k} at ${orig || '/'}.`);
	}
	for (const k of ['$defs', 'definitions']) {
		const defs = subMap(s[k], k);
		if (defs) out[k] = defs;
	}
	// Dependencies: draft-07 `dependencies` and 2020-12 `dependentRequired`/`dependentSchemas`.
	const deps: JsonObject = {};
	const addDep = (key: string, v: unknown, o: string) => {
		const prev = deps[key];
		const next = Array.isArray(v)
			? v.filter((x) => typeof x === 'string')
			: sub(v, o, `/dependencies/${esc(key)}`);
		if (prev === undefined) deps[key] = next;
		else if (Array.isArray(prev) && isObject(next))
			deps[key] = {
				...next,
				required: [...new Set([...prev, ...((next.required as string[]) ?? [])])]
			};
		else if (isObject(prev) && Array.isArray(next))
			prev.required = [...new Set([...((prev.required as string[]) ?? []), ...next])];
	};
	for (const k of ['dependencies', 'dependentRequired', 'dependentSchemas']) {
		if (!isObject(s[k])) continue;
		for (const [key, v] of Object.entries(s[k] as JsonObject))
			if (key !== '__proto__') addDep(key, v, `/${k}/${esc(key)}`);
	}
	if (Object.keys(deps).length) out.dependencies = deps;

	const ref = [s.$ref, s.$dynamicRef, s.$recursiveRef].find((r) => typeof r === 'string') as
		string | undefined;
	if (ref !== undefined) c.pending.push({ node: out, ref, base });

	// Legacy `enumNames` (still in MCP's elicitation schemas): the same choice as titled consts, so the
	// form shows the names. Only when they pair up one to one with distinct values.
	if (Array.isArray(out.enum) && Array.isArray(s.enumNames) && !out.oneOf && !out.anyOf) {
		const values = out.enum as unknown[];
		const names = s.enumNames;
		const distinct = new Set(values.map((v) => JSON.stringify(v))).size === values.length;
		if (distinct && names.length === values.length && names.every((n) => typeof n === 'string')) {
			out.oneOf = values.map((v, i) => ({ const: v, title: (names[i] as string).slice(0, 300) }));
			delete out.enum;
		}
	}
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
			c.problems.add(
				`Could not resolve $ref "${ref.slice(0, 200)}"; that value is edited as JSON.`
			);
			markFreeJson(node, false);
		} else {
			node.$ref = refFor(pointer);
			const target = getPointer(root, pointer);
			if (
				c.untitled.has(node) &&
				isObject(target) &&
				target.title === undefined &&
				pointer.length > 1
			) {
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
				c.problems.add(
					`The $ref "${node.$ref}" ${cur === undefined ? 'points nowhere' : 'is circular'}; that value is edited as JSON.`
				);
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
	const empty = (problem: string): PreparedSchema => ({
		schema: { type: 'object', properties: {} },
		problems: [problem],
		unusable: true
	});
	if (!isObject(inputSchema)) {
		return empty(
			`The input schema is ${inputSchema === null ? 'null' : Array.isArray(inputSchema) ? 'an array' : typeof inputSchema}, not a JSON object.`
		);
	}
	const c: Ctx = {
		problems: new Set(),
		nodes: 0,
		truncated: false,
		pointers: new Map(),
		ids: new Map([[BASE, '']]),
		anchors: new Map(),
		pending: [],
		untitled: new WeakSet()
	};
	try {
		const raw = cloneJson(inputSchema, { n: MAX_SCHEMA_NODES }) as JsonObject;
		const schema = convert(raw, '', '', BASE, 0, c);
		resolveRefs(raw, schema, c);
		let unusable = c.truncated;
		const target = typeof schema.$ref === 'string' ? resolveLocal(schema, schema.$ref) : undefined;
		const rootType = schema.type ?? target?.type;
		if (
			rootType === undefined &&
			schema.$ref === undefined &&
			!schema.oneOf &&
			!schema.anyOf &&
			!schema.allOf
		)
			schema.type = 'object';
		else if (
			rootType !== undefined &&
			!(rootType === 'object' || (Array.isArray(rootType) && rootType.includes('object')))
		) {
			c.problems.add(
				`The input schema's type is ${JSON.stringify(rootType)}, but tool arguments must be an object.`
			);
			unusable = true;
		}
		if (mainType(schema) === 'object') delete schema[FREE_JSON];
		if (schema[FREE_JSON] && schema.$ref === undefined) unusable = true;
		const problems = [...c.problems];
		if (problems.length > 20) problems.splice(20, Infinity, `…and ${problems.length - 20} more.`);
		return { schema, problems, unusable };
	} catch (error) {
		return empty(
			`The input schema could not be read: ${error instanceof Error ? error.message : String(error)}`
		);
	}
}

/** The subschema a local `#/...` reference points at, if any. */
export function resolveLocal(root: JsonObject, ref: string): JsonObject | undefined {
	if (!ref.startsWith('#')) return undefined;
	try {
		const target = getPointer(root, decodeURIComponent(ref.slice(1)));
		return isObject(target) ? target : undefined;
	} catch {
		return undefined;
	}
}

function defaultsFor(
	s: unknown,
	root: JsonObject,
	refs: Set<string>,
	depth: number,
	required: boolean
): unknown {
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
