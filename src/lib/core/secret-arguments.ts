/**
 * Which argument values are secrets, and a copy of arguments without them (what Loupe may keep in
 * storage). A value is a secret when its schema says so (`format: "password"`, `writeOnly: true`)
 * or when its name plainly names one (`isSecretName`: password, api_key, authorization…) and it is
 * text. The schema comes from the server and is untrusted: local `$ref`s are followed, every
 * `allOf`/`anyOf`/`oneOf` branch is consulted (a value one branch calls secret is secret), and
 * nothing here throws.
 */
import { getPointer, isObject, type JsonObject } from './json-value.js';

const MAX_DEPTH = 64;

/**
 * Words that make a name a secret's name wherever they stand ("password", "db_password",
 * "clientSecret"); "token" and "key" only in the combinations below.
 */
const SECRET_WORDS = new Set([
	'password',
	'passwd',
	'passphrase',
	'secret',
	'credential',
	'credentials',
	'apikey',
	'authorization',
	'cookie',
	'bearer',
	'jwt',
	'privatekey'
]);
/** "<word> key" names a secret ("api_key", "privateKey", "AWS_ACCESS_KEY"), a bare "key" does not. */
const SECRET_KEY_KINDS = new Set(['api', 'private', 'access', 'signing', 'encryption', 'master']);
/** "<word> token" that is a position in a list or a count, not a credential ("pageToken", "max_tokens"). */
const NOT_A_CREDENTIAL_TOKEN = new Set([
	'page',
	'next',
	'prev',
	'previous',
	'continuation',
	'cursor',
	'sync',
	'resume',
	'start'
]);

/** A name's words: "nextPageToken", "API_KEY", "x-api-key" → next page token, api key, x api key. */
function nameWords(name: string): string[] {
	return name
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
}

/**
 * Whether a property or argument name plainly names a secret: password, secret, credentials,
 * api_key / apiKey, authorization, an access token ("token", "githubToken", "id_token"). The
 * concern of `isSecretHeader` (secrets.ts), judged by words rather than substrings, because
 * argument names are freer than header names: "max_tokens", "pageToken" or "tokenizer" are not
 * secrets. (Here, not in secrets.ts, so that it loads with the forms, not with the first screen.)
 */
export function isSecretName(name: string): boolean {
	const words = nameWords(name);
	return words.some((word, i) => {
		if (SECRET_WORDS.has(word)) return true;
		const before = words[i - 1];
		const last = i === words.length - 1;
		if (word === 'key') return before !== undefined && SECRET_KEY_KINDS.has(before);
		if (word === 'token')
			return last && !(before !== undefined && NOT_A_CREDENTIAL_TOKEN.has(before));
		return false;
	});
}

/** The schema itself marks its value as a secret. */
export function isSecretSchema(schema: unknown): boolean {
	return isObject(schema) && (schema.format === 'password' || schema.writeOnly === true);
}

/**
 * A form field holds a secret: by its schema, or by its property name (`name`, when it has one)
 * if it holds text (a "password_length" number is no secret).
 */
export function isSecretField(schema: unknown, name: unknown): boolean {
	if (isSecretSchema(schema)) return true;
	if (typeof name !== 'string' || !isSecretName(name)) return false;
	const type = isObject(schema) ? schema.type : undefined;
	return (
		type === undefined || type === 'string' || (Array.isArray(type) && type.includes('string'))
	);
}

/** Text, or a list of texts: what a name alone can make a secret (a "password_length" of 12 is not). */
const textLike = (value: unknown) =>
	typeof value === 'string' ||
	(Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));

/** The schemas that apply to a value at this point: the node, its local $ref targets and its branches. */
function applicable(schema: unknown, root: unknown, depth: number, out: JsonObject[] = []) {
	if (!isObject(schema) || depth > MAX_DEPTH || out.length > 200 || out.includes(schema))
		return out;
	out.push(schema);
	if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#')) {
		let target: unknown;
		try {
			target = getPointer(root, decodeURIComponent(schema.$ref.slice(1)));
		} catch {
			target = undefined;
		}
		applicable(target, root, depth + 1, out);
	}
	for (const k of ['allOf', 'anyOf', 'oneOf'])
		if (Array.isArray(schema[k]))
			for (const branch of schema[k] as unknown[]) applicable(branch, root, depth + 1, out);
	return out;
}

function propertySchemas(schemas: JsonObject[], key: string): unknown[] {
	const out: unknown[] = [];
	for (const s of schemas) {
		if (isObject(s.properties) && Object.hasOwn(s.properties, key)) {
			out.push(s.properties[key]);
			continue;
		}
		let matched = false;
		if (isObject(s.patternProperties))
			for (const [pattern, sub] of Object.entries(s.patternProperties)) {
				try {
					if (!new RegExp(pattern, 'u').test(key)) continue;
					out.push(sub);
					matched = true;
				} catch {
					// An invalid pattern applies to nothing.
				}
			}
		if (!matched && isObject(s.additionalProperties)) out.push(s.additionalProperties);
	}
	return out;
}

function itemSchemas(schemas: JsonObject[], index: number): unknown[] {
	const out: unknown[] = [];
	for (const s of schemas) {
		const tuple = Array.isArray(s.prefixItems)
			? s.prefixItems
			: Array.isArray(s.items)
				? s.items
				: undefined;
		if (tuple && index < tuple.length) out.push(tuple[index]);
		else if (tuple) out.push(Array.isArray(s.prefixItems) ? s.items : s.additionalItems);
		else out.push(s.items);
	}
	return out;
}

const DROP = Symbol('secret');

/** `value` without its secrets; `dropped` hears each secret value left out. */
function prune(
	value: unknown,
	schemas: unknown[],
	name: string | undefined,
	root: unknown,
	depth: number,
	dropped?: (value: unknown) => void
): unknown {
	const drop = () => (dropped?.(value), DROP);
	if (depth > MAX_DEPTH) return drop();
	const all = schemas.flatMap((s) => applicable(s, root, depth));
	if (all.some(isSecretSchema)) return drop();
	if (name !== undefined && isSecretName(name) && textLike(value)) return drop();
	if (Array.isArray(value)) {
		const out: unknown[] = [];
		value.forEach((item, i) => {
			const kept = prune(item, itemSchemas(all, i), undefined, root, depth + 1, dropped);
			if (kept !== DROP) out.push(kept);
		});
		return out;
	}
	if (isObject(value)) {
		const out: JsonObject = {};
		for (const [key, item] of Object.entries(value)) {
			const kept = prune(item, propertySchemas(all, key), key, root, depth + 1, dropped);
			if (kept !== DROP) out[key] = kept;
		}
		return out;
	}
	return value;
}

/**
 * The arguments without their secret values (at any depth, in objects and arrays); everything
 * else as it was. With no usable schema, names alone decide.
 */
export function withoutSecrets(args: JsonObject, inputSchema?: unknown): JsonObject {
	const kept = prune(args, [inputSchema], undefined, inputSchema, 0);
	return isObject(kept) ? kept : {};
}

/** The texts among the secret values of `args` (strings at any depth inside them), each once. */
export function secretTexts(args: JsonObject, inputSchema?: unknown): string[] {
	const out = new Set<string>();
	const collect = (value: unknown, depth = 0): void => {
		if (typeof value === 'string') out.add(value);
		else if (depth < MAX_DEPTH && (Array.isArray(value) || isObject(value)))
			for (const item of Object.values(value)) collect(item, depth + 1);
	};
	prune(args, [inputSchema], undefined, inputSchema, 0, (value) => collect(value));
	return [...out].filter((text) => text !== '');
}
