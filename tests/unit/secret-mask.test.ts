import { describe, expect, it } from 'vitest';
import { KnownSecrets, MIN_SEARCHED } from '../../src/lib/core/known-secrets';
import { MASK, maskedItem, maskSecrets, masksAnything } from '../../src/lib/core/secret-mask';
import { TrafficRecorder, type TrafficItem } from '../../src/lib/core/traffic';
import { secretHeaderValues } from '../../src/lib/core/secrets';

function known(...texts: string[]): KnownSecrets {
	const secrets = new KnownSecrets();
	secrets.add(texts);
	return secrets;
}

/** `value` as JSON text, and that text again inside a JSON string (a tool returning JSON as text). */
const json = (value: unknown) => JSON.stringify(value);
const nested = (value: unknown) => JSON.stringify({ text: JSON.stringify(value) });

describe('maskSecrets', () => {
	it('returns every text as it is while no secret is known, and after only short ones', () => {
		const none = new KnownSecrets();
		const text = '{"password":"hunter2"}';
		expect(masksAnything(none)).toBe(false);
		expect(maskSecrets(text, none, true)).toBe(text);
		const short = known('abc');
		expect(MIN_SEARCHED).toBe(4);
		expect(masksAnything(short)).toBe(false);
		expect(maskSecrets('abcabc "abc"', short)).toBe('abcabc "abc"');
	});

	it('masks every occurrence, in plain text and inside JSON strings and keys', () => {
		const secrets = known('hunter2');
		expect(maskSecrets('Echo: hunter2, again hunter2.', secrets)).toBe(
			`Echo: ${MASK}, again ${MASK}.`
		);
		const text = json({ result: { text: 'your password is hunter2', hunter2: 1 } });
		const masked = maskSecrets(text, secrets, true);
		expect(masked).not.toContain('hunter2');
		expect(JSON.parse(masked)).toEqual({
			result: { text: `your password is ${MASK}`, [MASK]: 1 }
		});
	});

	it('finds a secret however JSON escapes it: quotes, backslashes, slashes, controls, \\u escapes in either case, surrogate pairs', () => {
		const secret = 'p"a\\s/s\nw é😀<&>';
		const secrets = known(secret);
		const nonAscii = /[^ -~\n\\]/g;
		const spellings = [
			json(secret),
			// PHP's json_encode: "\/"; Python's json.dumps: every non-ASCII as \u escapes.
			json(secret).replace('/', '\\/'),
			json(secret).replace(nonAscii, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
			json(secret).replace(
				nonAscii,
				(c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
			),
			// Go's encoder: "<", "&" and ">" as \u escapes; a newline may be one too.
			json(secret)
				.replace('<', '\\u003c')
				.replace('&', '\\u0026')
				.replace('>', '\\u003e')
				.replace('\\n', '\\u000a')
		];
		for (const spelling of spellings) {
			const text = `{"echo":${spelling},"n":1}`;
			expect(JSON.parse(text).echo).toBe(secret);
			const masked = maskSecrets(text, secrets, true);
			expect(masked, spelling).toBe(`{"echo":"${MASK}","n":1}`);
		}
	});

	it('finds a secret in JSON text inside a JSON string (escaped twice)', () => {
		const secret = 'sk-"live"\\key';
		const secrets = known(secret);
		const text = nested({ apiKey: secret, plain: 'kept' });
		expect(text).toContain('sk-\\\\\\"live');
		const masked = maskSecrets(text, secrets, true);
		expect(masked).not.toContain('live');
		expect(JSON.parse(JSON.parse(masked).text)).toEqual({ apiKey: MASK, plain: 'kept' });
	});

	it('finds a secret percent-encoded, in either case, a space also as "+"', () => {
		const secrets = known('pa ss/wörd');
		for (const url of [
			`https://x.test/?p=${encodeURIComponent('pa ss/wörd')}`,
			`https://x.test/?p=${encodeURIComponent('pa ss/wörd').toLowerCase()}`,
			`https://x.test/?${new URLSearchParams({ p: 'pa ss/wörd' })}`
		])
			expect(maskSecrets(url, secrets), url).toBe(`https://x.test/?p=${MASK}`);
	});

	it('keeps JSON valid: numbers equal to a secret become the string "••••••", others are left alone', () => {
		const secrets = known('1234');
		const text = json({ pin: 1234, id: 12345, year: 2024, note: 'pin 1234 ok', n: -1234 });
		const masked = maskSecrets(text, secrets, true);
		expect(JSON.parse(masked)).toEqual({
			pin: MASK,
			id: 12345,
			year: 2024,
			note: `pin ${MASK} ok`,
			n: -1234
		});
		// As plain text (an HTTP body), every occurrence goes.
		expect(maskSecrets('pin=1234&id=12345', secrets)).toBe(`pin=${MASK}&id=${MASK}5`);
	});

	it('masks a whole JSON string when a match would leave a broken escape behind', () => {
		// The secret ends with a backslash; the text has a quote escaped right after "abcd".
		const secrets = known('abcd\\');
		const text = json({ s: 'abcd"', t: 'abcd\\' });
		const masked = maskSecrets(text, secrets, true);
		expect(JSON.parse(masked)).toEqual({ s: MASK, t: MASK });
	});

	it('copes with a JSON string of megabytes full of escapes', () => {
		const secrets = known('needle-secret');
		const text = json({ big: 'a"\\b\n'.repeat(1_000_000) + 'needle-secret', n: 1234 });
		const masked = maskSecrets(text, secrets, true);
		expect(masked.endsWith(`b\\n${MASK}","n":1234}`)).toBe(true);
		expect(JSON.parse(masked).big.length).toBe(5_000_000 + MASK.length);
	});

	it('masks several secrets, the longest first, and secrets learned later too', () => {
		const secrets = known('token-1234');
		expect(maskSecrets('a token-1234 b', secrets)).toBe(`a ${MASK} b`);
		secrets.add(['token-1234-extended', 'other-secret']);
		expect(maskSecrets('token-1234-extended / other-secret', secrets)).toBe(`${MASK} / ${MASK}`);
	});

	it('treats regular-expression characters in a secret as text', () => {
		const secrets = known('a.b*c+(d)[e]{2}^$|?');
		expect(maskSecrets('a.b*c+(d)[e]{2}^$|? axbbbc', secrets)).toBe(`${MASK} axbbbc`);
	});
});

describe('maskedItem', () => {
	const secrets = known('hunter2');
	const recorder = new TrafficRecorder(() => 0);

	it('an invalid message that is still JSON is masked as JSON: a number that only contains a secret stays whole', () => {
		const pin = known('2345');
		// Refused for its envelope (a member JSON-RPC does not define), but JSON all the same.
		const odd = recorder.message('received', {
			jsonrpc: '2.0',
			id: 12345,
			result: { text: 'pin 2345' },
			extra: true
		});
		expect(odd.kind).toBe('invalid');
		const masked = maskedItem(odd, pin);
		expect(() => JSON.parse(masked.raw)).not.toThrow();
		expect(JSON.parse(masked.raw)).toMatchObject({ id: 12345, result: { text: `pin ${MASK}` } });
	});

	it('masks a received message that echoes a secret, and returns an entry without one as it is', () => {
		const echo = recorder.message('received', {
			jsonrpc: '2.0',
			id: 1,
			result: { content: [{ type: 'text', text: 'Echo: hunter2' }] }
		});
		const masked = maskedItem(echo, secrets);
		expect(masked).not.toBe(echo);
		expect(masked.raw).toBe(echo.raw.replace('hunter2', MASK));
		expect(echo.raw).toContain('hunter2');
		const plain = recorder.message('received', { jsonrpc: '2.0', id: 2, result: {} });
		expect(maskedItem(plain, secrets)).toBe(plain);
	});

	it('masks an HTTP exchange: URL, headers and bodies in both directions', () => {
		const http: TrafficItem = {
			type: 'http',
			seq: 9,
			time: 0,
			connection: 1,
			method: 'POST',
			url: 'http://x.test/mcp?q=hunter2',
			status: 200,
			durationMs: 1,
			requestHeaders: { 'x-note': 'hunter2', accept: 'text/event-stream' },
			responseHeaders: { 'x-echo': 'Bearer hunter2' },
			requestBody: '{"a":"hunter2"}',
			responseBody: 'event: message\ndata: {"text":"hunter2"}\n\n'
		};
		const masked = maskedItem(http, secrets);
		expect(JSON.stringify(masked)).not.toContain('hunter2');
		expect(masked).toMatchObject({
			url: `http://x.test/mcp?q=${MASK}`,
			requestHeaders: { 'x-note': MASK, accept: 'text/event-stream' },
			responseHeaders: { 'x-echo': `Bearer ${MASK}` }
		});
		expect(http.url).toContain('hunter2');
	});
});

describe('what becomes a known secret', () => {
	it('keepSecret adds to the recorder’s registry, shared when given', () => {
		const shared = new KnownSecrets();
		const a = new TrafficRecorder(undefined, shared);
		const b = new TrafficRecorder(undefined, shared);
		let changes = 0;
		shared.subscribe(() => changes++);
		a.keepSecret(['s3cret-value', '']);
		b.keepSecret(['s3cret-value']);
		expect(b.secrets).toBe(shared);
		expect([...shared.texts()]).toEqual(['s3cret-value']);
		expect(changes).toBe(1);
	});

	it('the values of secret request headers, without their scheme; not DPoP proofs', () => {
		const headers = new Headers({
			authorization: 'Bearer tok-123',
			'x-api-key': 'key-456',
			'x-custom': 'custom-789',
			dpop: 'proof',
			accept: 'application/json'
		});
		expect(secretHeaderValues(headers, new Set(['x-custom'])).sort()).toEqual([
			'custom-789',
			'key-456',
			'tok-123'
		]);
	});
});
