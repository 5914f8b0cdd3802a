/**
 * Masks every occurrence of a known secret (known-secrets.ts) in a text, whoever sent it: Loupe,
 * or a server that echoes what it was given. Used where text leaves the tab (the traffic export)
 * and where it is shown (the Message pane); nothing here runs per recorded message, and with no
 * secret known every function returns its input at once.
 *
 * An occurrence is the secret written any way JSON and URL encoders write it: as is; inside a
 * JSON string with `\"`, `\\`, `\/`, `\n`…, and any character but a letter or digit as `\uXXXX`
 * (either case, surrogate pairs as two); inside JSON text that is itself inside a JSON string (the
 * same escapes with more backslashes); percent-encoded (`%XX`, either case, a space also as `+`).
 * Each becomes "••••••".
 *
 * In JSON text (`json`), only string contents are searched, plus numbers whose text is a secret
 * (a PIN echoed as a number, which becomes the string "••••••"): the masked text stays valid JSON,
 * and a number that merely contains a secret (an id, a count) is left whole.
 *
 * Secrets shorter than MIN_SEARCHED characters are not searched for: "abc" would mask words and
 * numbers everywhere, and a secret that short is already weak. They are still masked where Loupe
 * sent them as a whole value (TrafficRecorder.keepSecret).
 */
import { MIN_SEARCHED, type KnownSecrets } from './known-secrets.js';
import { MASK } from './secrets.js';
import { NOT_JSON, type MessageEntry, type TrafficItem } from './traffic.js';

export { MASK };

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

/**
 * One code point of a secret, in every spelling it may take (regex source). Letters and digits
 * only as themselves: no encoder escapes them (JSON encoders escape quotes, backslashes,
 * controls, non-ASCII, `<>&'` and `/`; percent-encoding everything but letters, digits and
 * `-._~`), and the literal runs they leave let the search skip ahead quickly.
 */
function charPattern(ch: string): string {
	if (/^[A-Za-z0-9]$/.test(ch)) return ch;
	const units = [...Array(ch.length)].map((_, i) => ch.charCodeAt(i));
	const ways: string[] = [];
	if (ch === '\\') ways.push('\\\\{1,8}');
	else if (ch === '"') ways.push('\\\\{0,7}"');
	else if (ch === '/') ways.push('\\\\{0,7}\\/');
	else if (ch === ' ') ways.push(' ');
	else ways.push(units.map((u) => `\\u${u.toString(16).padStart(4, '0')}`).join(''));
	ways.push(units.map((u) => `${ESCAPE}u${hex(u, 4)}`).join(''));
	if (SHORT_ESCAPES[ch]) ways.push(ESCAPE + SHORT_ESCAPES[ch]);
	ways.push([...encoder.encode(ch)].map((b) => `%${hex(b, 2)}`).join(''));
	if (ch === ' ') ways.push('\\+');
	return `(?:${ways.join('|')})`;
}

/** A secret in every spelling (regex source). */
function secretPattern(secret: string): string {
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

/** Text of a JSON string (a match: short), every escape in it whole. */
const WHOLE_ESCAPES = /^(?:[^"\\]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*$/;
const QUOTE = 34;
const BACKSLASH = 92;
/** Characters a JSON number is made of. */
const NUMBER_CHAR = /[-+.eE0-9]/;

/** Where the JSON string opened by the quote at `start` ends (its closing quote, or the text's end). */
function stringEnd(text: string, start: number): number {
	for (let at = start + 1; ;) {
		const quote = text.indexOf('"', at);
		if (quote < 0) return text.length;
		let before = quote - 1;
		while (before > start && text.charCodeAt(before) === BACKSLASH) before--;
		// An even run of backslashes before it: the quote closes the string.
		if ((quote - 1 - before) % 2 === 0) return quote;
		at = quote + 1;
	}
}

/**
 * JSON text with secrets masked in its strings' contents, and numbers that are a secret made the
 * string "••••••". A scan rather than one regular expression: a string of megabytes is one
 * `indexOf` walk, with no backtracking.
 */
function maskJson(text: string, all: RegExp, exact: Set<string>): string {
	let out = '';
	let kept = 0;
	for (let at = 0; at < text.length;) {
		const c = text.charCodeAt(at);
		if (c === QUOTE) {
			const end = stringEnd(text, at);
			const content = text.slice(at + 1, end);
			let broken = false;
			const masked = content.replace(all, (match: string, offset: number) => {
				// The match must be whole escapes, not start inside one nor end halfway through one.
				let before = offset - 1;
				while (before >= 0 && content.charCodeAt(before) === BACKSLASH) before--;
				if ((offset - 1 - before) % 2 === 1 || !WHOLE_ESCAPES.test(match)) broken = true;
				return MASK;
			});
			if (masked !== content) {
				// A match that took half an escape with it: the whole string goes.
				out += text.slice(kept, at + 1) + (broken ? MASK : masked);
				kept = end;
			}
			at = end + 1;
		} else if (NUMBER_CHAR.test(text[at])) {
			let end = at + 1;
			while (end < text.length && NUMBER_CHAR.test(text[end])) end++;
			if (exact.has(text.slice(at, end))) {
				out += `${text.slice(kept, at)}"${MASK}"`;
				kept = end;
			}
			at = end;
		} else at++;
	}
	return kept === 0 ? text : out + text.slice(kept);
}

/**
 * `text` with every occurrence of a known secret replaced by "••••••" (the same string when there
 * is none). `json`: the text is JSON, and stays valid JSON (see above).
 */
export function maskSecrets(text: string, secrets: KnownSecrets, json = false): string {
	const { all, any, exact } = matcherOf(secrets);
	if (!all || !any || !any.test(text)) return text;
	return json ? maskJson(text, all, exact) : text.replace(all, MASK);
}

/**
 * Whether a message's text is JSON: all but a received text that did not parse and an unread
 * event's data (an invalid message may well be JSON, refused for its envelope).
 */
const isJson = (m: MessageEntry) => m.kind !== 'ignored' && m.problem !== NOT_JSON;

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
		text('raw', item.raw, isJson(item));
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
