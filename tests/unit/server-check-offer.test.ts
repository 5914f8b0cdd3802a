/**
 * Which alerts offer "Check server" (the CORS doctor): those where CORS or reachability can be
 * the cause, as the explanations built by the core say.
 */
import { describe, expect, it } from 'vitest';
import { explainError } from '../../src/lib/core/explain-error';
import { bridgeTokenRefusal } from '../../src/lib/core/bridge-link';
import { offersServerCheck } from '../../src/lib/features/cors-doctor/cors-doctor.svelte';
import type { HttpEntry } from '../../src/lib/core/traffic';

const url = new URL('http://127.0.0.1:3001/mcp');
const answered = (status: number, responseHeaders: Record<string, string> = {}): HttpEntry => ({
	type: 'http',
	seq: 1,
	time: 0,
	connection: 1,
	method: 'POST',
	url: url.href,
	status,
	durationMs: 1,
	requestHeaders: {},
	responseHeaders
});
const failed: HttpEntry = {
	...answered(0),
	status: undefined,
	error: 'TypeError: Failed to fetch'
};
const networkError = new TypeError('Failed to fetch');
const httpError = (status: number) => Object.assign(new Error(`HTTP ${status}`), { status });

describe('"Check server" is offered where CORS or reachability can be the cause', () => {
	it('a refusal of this origin, and nothing answering', () => {
		const cors = explainError(networkError, { url, lastHttp: failed, reachable: true });
		expect(cors.kind).toBe('cors');
		expect(offersServerCheck(cors)).toBe(true);
		const down = explainError(networkError, { url, lastHttp: failed, reachable: false });
		expect(down.kind).toBe('unreachable');
		expect(offersServerCheck(down)).toBe(true);
	});

	it("a 401 from a server (CORS may hide WWW-Authenticate or the metadata), but not the bridge's own refusal", () => {
		expect(offersServerCheck(explainError(httpError(401), { url, lastHttp: answered(401) }))).toBe(
			true
		);
		const bridge = bridgeTokenRefusal(answered(401, { 'x-loupe-bridge': 'token-required' }), url);
		expect(bridge?.message).toContain('needs its token');
		expect(offersServerCheck(bridge)).toBe(false);
	});

	it('not an HTTP status the page could read, nor a sign-in the server asked for', () => {
		for (const status of [400, 404, 429, 500, 503])
			expect(
				offersServerCheck(explainError(httpError(status), { url, lastHttp: answered(status) })),
				String(status)
			).toBe(false);
		const signIn = explainError(
			Object.assign(new Error('Sign-in required'), { name: 'SignInRequiredError' }),
			{ url }
		);
		expect(offersServerCheck(signIn)).toBe(false);
	});

	it('a sign-in step only when an endpoint refused this page (CORS)', () => {
		const step = (cors: boolean) =>
			explainError(
				Object.assign(new Error('the token endpoint refused'), { name: 'OAuthFlowError', cors }),
				{ url }
			);
		expect(offersServerCheck(step(true))).toBe(true);
		expect(offersServerCheck(step(false))).toBe(false);
	});
});
