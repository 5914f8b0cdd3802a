import { describe, expect, it } from 'vitest';
import { explainError } from '../../src/lib/core/explain-error';
import { describeWait, parseHttpDate, retryAfterMs } from '../../src/lib/core/retry-after';
import type { HttpEntry } from '../../src/lib/core/traffic';

const url = new URL('http://127.0.0.1:3001/mcp');
/** The answer came at this moment: Sun, 06 Nov 1994 08:49:37 GMT. */
const ANSWERED = Date.UTC(1994, 10, 6, 8, 49, 37);

function refusal(status: number, headers: Record<string, string> = {}, action = 'tools/call busy') {
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

	it('nonsense in Retry-After is ignored: the sentence says the server did not say when', () => {
		for (const headers of [{ 'retry-after': 'later, maybe' }, {}] as Record<string, string>[]) {
			const p = refusal(503, headers);
			expect(p.message).toBe(
				'The server is busy (HTTP 503: service unavailable); it did not answer tools/call busy.'
			);
			expect(p.hints).toEqual([
				'It did not say when to try again (no Retry-After header this page can read): wait a little before trying again.'
			]);
		}
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
