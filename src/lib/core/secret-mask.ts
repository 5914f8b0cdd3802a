/**
 * Masks every occurrence of a known secret (known-secrets.ts) in a text, whoever sent it: Loupe,
 * or a server that echoes what it was given. Used where text leaves the tab (the traffic export)
 * and where it is shown (the Message pane); nothing here runs per recorded message, and with no
 * secret known every function returns its input at once.
 *
 * An occurrence is the secret written any way JSON or a URL allows: as is; inside a JSON string
 * with `\"`, `\\`, `\/`, `\n`… or any character as `\uXXXX` (either case, surrogate pairs as two);
 * inside JSON text that is itself inside a JSON string (the same escapes with more backslashes);
 * percent-encoded (`%XX`, either case, a space also as `+`). Each becomes "••••••".
 *
 * In JSON text (`json`), only string contents are searched, plus numbers whose text is a secret
 * (a PIN echoed as a number, which becomes the string "••••••"): the masked text stays valid JSON,
 * and a secret that happens to be part of an id or a count does not mangle it.
 *
 * Secrets shorter than MIN_SEARCHED characters are not searched for: "abc" would mask words and
 * numbers everywhere, and a secret that short is already weak. They are still masked where Loupe
 * sent them as a whole value (TrafficRecorder.keepSecret).
 */
import { MIN_SEARCHED, type KnownSecrets } from './known-secrets.js';
import type { TrafficItem } from './traffic.js';

export const MASK = '••••••';

/** One to seven backslashes (regex source): an escape, or an escape inside JSON inside JSON. */
const ESCAPE = '\\\\{1,7}';
const SHORT_ESCAPES: Record<string, string> = {
	'\b': 'b',
	'\f': 'f',
	'\n': 'n',
	'\r': 'r',
	'\t': 't'
};
const encoder = new TextEncoder();

/** Hex digits of `value`, `width` wide, each letter in either case (regex source). */
function hex(value: number, width: number): string {
	return value
		.toString(16)
		.padStart(width, '0')
		.replace(/[a-f]/g, (c) => `[${c}${c.toUpperCase()}]`);
}

/** One code point of a secret, in every spelling it may take (regex source). */
function charPattern(ch: string): string {
	const units = [...Array(ch.length)].map((_, i) => ch.charCodeAt(i));
	const ways: string[] = [];
	if (ch === '\\') ways.push('\\\\{1,8}');
	else if (ch === '"') ways.push('\\\\{0,7}"');
	else if (ch === '/') ways.push('\\\\{0,7}\\/');
	else if (/^[A-Za-z0-9 ]$/.test(ch)) ways.push(ch);
	else ways.push(units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join(''));
	ways.push(units.map((u) => `${ESCAPE}u${hex(u, 4)}`).join(''));
	if (SHORT_ESCAPES[ch]) ways.push(ESCAPE + SHORT_ESCAPES[ch]);
	if (!/^[A-Za-z0-9]$/.test(ch))
		ways.push([...encoder.encode(ch)].map((b) => `%${hex(b, 2)}`).join(''));
	if (ch === ' ') ways.push('\\+');
	return `(?:${ways.join('|')})`;
}

/** A secret in every spelling (regex source). */
export function secretPattern(secret: string): string {
	return [...secret].map(charPattern).join('');
}

interface Matcher {
	version: number;
	/** Every searched secret, longest first; undefined when none is searched. */
	all: RegExp | undefined;
	/** The same, not global: to ask whether a text has any at all. */
	any: RegExp | undefined;
	/** The searched secrets as they are: numbers in JSON are compared with these. */
	exact: Set<string>;
}

const matchers = new WeakMap<KnownSecrets, Matcher>();

/** The matcher of the secrets known now (built again only when a secret was added). */
function matcherOf(secrets: KnownSecrets): Matcher {
	const kept = matchers.get(secrets);
	if (kept && kept.version === secrets.version) return kept;
	const searched = [...secrets.texts()]
		.filter((text) => text.length >= MIN_SEARCHED)
		.sort((a, b) => b.length - a.length);
	const source = searched.map(secretPattern).join('|');
	const matcher: Matcher = {
		version: secrets.version,
		all: searched.length ? new RegExp(source, 'g') : undefined,
		any: searched.length ? new RegExp(source) : undefined,
		exact: new Set(searched)
	};
	matchers.set(secrets, matcher);
	return matcher;
}

/** Whether any secret is searched for at all (false: masking returns every text as it is). */
export function masksAnything(secrets: KnownSecrets): boolean {
	return matcherOf(secrets).all !== undefined;
}

/** A JSON string token or a number token, outside strings. */
const JSON_TOKEN = /"(?:[^"\\]|\\[\s\S])*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
/** The content of a JSON string, every escape well-formed. */
const STRING_CONTENT = /^(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*$/;

/**
 * `text` with every occurrence of a known secret replaced by "••••••" (the same string when there
 * is none). `json`: the text is JSON, and stays valid JSON (see above).
 */
export function maskSecrets(text: string, secrets: KnownSecrets, json = false): string {
	const { all, any, exact } = matcherOf(secrets);
	if (!all || !any || !any.test(text)) return text;
	if (!json) return text.replace(all, MASK);
	return text.replace(JSON_TOKEN, (token) => {
		if (token[0] !== '"') return exact.has(token) ? `"${MASK}"` : token;
		const content = token.slice(1, -1);
		const masked = content.replace(all, MASK);
		if (masked === content) return token;
		// A match that took half an escape with it: the whole string goes.
		return STRING_CONTENT.test(masked) ? `"${masked}"` : `"${MASK}"`;
	});
}

/** Whether a message's text is JSON (a refused or unread one may be anything). */
const isJson = (kind: string) => kind !== 'invalid' && kind !== 'ignored';

function maskRecord(record: Record<string, string>, secrets: KnownSecrets): Record<string, string> {
	let out = record;
	for (const [name, value] of Object.entries(record)) {
		const masked = maskSecrets(value, secrets);
		if (masked !== value) out = { ...out, [name]: masked };
	}
	return out;
}

/**
 * A traffic entry with every known secret masked in its texts (message text, subject, URL,
 * headers, bodies, error): a copy when it held one, else the entry itself.
 */
export function maskedItem<T extends TrafficItem>(item: T, secrets: KnownSecrets): T {
	if (!masksAnything(secrets)) return item;
	const patch: Record<string, unknown> = {};
	const text = (key: string, value: string | undefined, json = false) => {
		if (value === undefined) return;
		const masked = maskSecrets(value, secrets, json);
		if (masked !== value) patch[key] = masked;
	};
	if (item.type === 'message') {
		text('raw', item.raw, isJson(item.kind));
		text('subject', item.subject);
		text('problem', item.problem);
	} else if (item.type === 'http') {
		text('url', item.url);
		text('requestBody', item.requestBody);
		text('responseBody', item.responseBody);
		text('error', item.error);
		for (const key of ['requestHeaders', 'responseHeaders'] as const) {
			const masked = maskRecord(item[key], secrets);
			if (masked !== item[key]) patch[key] = masked;
		}
	} else {
		text('url', item.url);
		text('server', item.server);
	}
	return Object.keys(patch).length ? { ...item, ...patch } : item;
}
