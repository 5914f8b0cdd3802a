import { describe, expect, it } from 'vitest';
import { explainError } from '../../src/lib/core/explain-error';
import { describeWait, parseHttpDate, retryAfterMs } from '../../src/lib/core/retry-after';
import type { HttpEntry } from '../../src/lib/core/traffic';

const url = new URL('http://127.0.0.1:3001/mcp');
/** The answer came at this moment: Sun, 06 Nov 1994 08:49:37 GMT. */
const ANSWERED = Date.UTC(1994, 10, 6, 8, 49, 37);

function refusal(
	status: number,
	headers: Record<string, string> = {},
	action = 'tools/call busy',
	origin?: string
) {
	const lastHttp: HttpEntry = {
		type: 'http',
		seq: 1,
		time: ANSWERED - 20,
		durationMs: 20,
		connection: 1,
		method: 'POST',
		url: url.href,
		status,
		requestHeaders: {},
		responseHeaders: headers
	};
	return explainError(Object.assign(new Error(`HTTP ${status}`), { status }), {
		url,
		origin,
		action,
		lastHttp
	});
}

describe('Retry-After, read strictly', () => {
	it('reads seconds and the three HTTP date forms', () => {
		expect(retryAfterMs('30', ANSWERED)).toBe(30_000);
		expect(retryAfterMs(' 0 ', ANSWERED)).toBe(0);
		expect(retryAfterMs('Sun, 06 Nov 1994 08:50:07 GMT', ANSWERED)).toBe(30_000);
		expect(retryAfterMs('Sunday, 06-Nov-94 08:51:37 GMT', ANSWERED)).toBe(120_000);
		expect(retryAfterMs('Sun Nov  6 09:49:37 1994', ANSWERED)).toBe(3_600_000);
	});

	it('ignores what is not a wait: nonsense, negative or fractional numbers, odd dates, the past', () => {
		for (const value of [
			undefined,
			'',
			'soon',
			'-5',
			'1.5',
			'30s',
			'0x1e',
			'1e3',
			'1994-11-06T09:00:00Z',
			'Sun, 31 Feb 1994 08:50:07 GMT',
			'Sun, 06 Nov 1994 25:50:07 GMT',
			'Sun, 06 Nov 1994 08:50:07 PST',
			'Sun, 06 Nov 1994 08:49:00 GMT'
		])
			expect(retryAfterMs(value, ANSWERED), String(value)).toBeUndefined();
		expect(parseHttpDate('Tomorrow', ANSWERED)).toBeUndefined();
	});

	it('says a wait in words, absurd ones capped', () => {
		expect(describeWait(0)).toBe('at once');
		expect(describeWait(30_000)).toBe('in 30 s');
		expect(describeWait(5 * 60_000)).toBe('in 5 min');
		expect(describeWait(3 * 3_600_000)).toBe('in 3 h');
		expect(describeWait(25 * 3_600_000)).toBe('in more than a day');
		expect(describeWait(Number('9'.repeat(15)) * 1000)).toBe('in more than a day');
	});
});

describe('429 and 503, with and without Retry-After', () => {
	it('a 503 with Retry-After in seconds says when the server asks to be tried again', () => {
		const p = refusal(503, { 'retry-after': '30' });
		expect(p.kind).toBe('http');
		expect(p.status).toBe(503);
		expect(p.message).toBe(
			'The server is busy (HTTP 503: service unavailable) and asks to be tried again in 30 s; it did not answer tools/call busy.'
		);
		const until = new Date(ANSWERED + 30_000).toLocaleTimeString();
		expect(p.hints).toEqual([
			`Wait until ${until} before trying again: a request sent sooner is likely to be turned away too.`
		]);
	});

	it('a 429 with an HTTP date says the wait from the time of the answer', () => {
		const p = refusal(429, { 'retry-after': 'Sun, 06 Nov 1994 08:54:37 GMT' });
		expect(p.message).toBe(
			'The server says it was asked too often (HTTP 429: too many requests) and asks to be tried again in 5 min; it did not answer tools/call busy.'
		);
		expect(p.hints[0]).toMatch(/^Wait until .+ before trying again/);
	});

	it('an absurd Retry-After is capped in the wording, and never encourages an early retry', () => {
		const p = refusal(503, { 'retry-after': '999999999999' });
		expect(p.message).toContain('asks to be tried again in more than a day');
		expect(p.hints.join(' ')).toContain('longer than a day');
		expect(p.hints.join(' ')).not.toContain('Invalid Date');
	});

	it('nonsense in Retry-After is ignored: the sentence names no wait and the hint quotes the value', () => {
		const p = refusal(503, { 'retry-after': 'later, maybe' });
		expect(p.message).toBe(
			'The server is busy (HTTP 503: service unavailable); it did not answer tools/call busy.'
		);
		expect(p.hints).toEqual([
			'Its Retry-After header (“later, maybe”) names no wait Loupe can use (neither a number of seconds nor a date still to come): wait a little before trying again.'
		]);
	});

	it('without Retry-After where every header is readable (outside a page), it says the server did not say when', () => {
		const p = refusal(503);
		expect(p.message).toBe(
			'The server is busy (HTTP 503: service unavailable); it did not answer tools/call busy.'
		);
		expect(p.hints).toEqual([
			'It did not say when to try again (no Retry-After header): wait a little before trying again.'
		]);
		expect(p.corsMayExplain).toBeUndefined();
	});

	it('without a readable Retry-After on a page of another origin, it does not claim the server gave no time', () => {
		const PAGE = 'http://127.0.0.1:4173';
		const p = refusal(429, { 'access-control-expose-headers': 'x' }, 'tools/call busy', PAGE);
		// The page cannot read this server's Expose-Headers list (it shows no such header at all).
		const hidden = refusal(429, {}, 'tools/call busy', PAGE);
		expect(hidden.message).toBe(
			'The server says it was asked too often (HTTP 429: too many requests); it did not answer tools/call busy.'
		);
		expect(hidden.hints).toEqual([
			'This page cannot tell when to try again: the answer has no Retry-After header it can read, so the server sent none or did not expose it to this page (CORS). Wait a little before trying again.',
			'For a page to read the wait, the server must list Retry-After: Access-Control-Expose-Headers: Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate, Retry-After'
		]);
		expect(hidden.hints.join(' ')).not.toContain('did not say');
		// "Check server" is offered: it tells whether the server exposes Retry-After.
		expect(hidden.corsMayExplain).toBe(true);
		// A readable Expose-Headers list without Retry-After: still possibly hidden.
		expect(p.hints[0]).toContain('did not expose it');
		// A readable list that names it, or `*`: the header was truly absent.
		for (const list of ['Mcp-Session-Id, Retry-After', '*']) {
			const absent = refusal(
				429,
				{ 'access-control-expose-headers': list },
				'tools/call busy',
				PAGE
			);
			expect(absent.hints, list).toEqual([
				'It did not say when to try again (no Retry-After header): wait a little before trying again.'
			]);
		}
		// The page's own origin hides nothing.
		expect(refusal(429, {}, 'tools/call busy', 'http://127.0.0.1:3001').hints[0]).toContain(
			'It did not say when to try again'
		);
		// A readable Retry-After is read as ever.
		expect(refusal(429, { 'retry-after': '30' }, 'tools/call busy', PAGE).message).toContain(
			'asks to be tried again in 30 s'
		);
	});

	it('a refused connection says Loupe could not connect', () => {
		expect(refusal(503, { 'retry-after': '120' }, 'connecting').message).toBe(
			'The server is busy (HTTP 503: service unavailable) and asks to be tried again in 2 min; Loupe could not connect.'
		);
	});

	it('a Retry-After of another response is not this one', () => {
		const p = refusal(503, { 'retry-after': '30' });
		expect(p.message).toContain('in 30 s');
		const other = explainError(Object.assign(new Error('HTTP 429'), { status: 429 }), {
			url,
			lastHttp: {
				type: 'http',
				seq: 1,
				time: 0,
				durationMs: 1,
				connection: 1,
				method: 'POST',
				url: url.href,
				status: 503,
				requestHeaders: {},
				responseHeaders: { 'retry-after': '30' }
			}
		});
		expect(other.message).not.toContain('tried again in');
	});
});
