/**
 * The CORS doctor against the real demo servers over real HTTP: each endpoint with a CORS
 * defect, a protected one whose authorization server keeps registration closed (oidc-provider's
 * default), and healthy ones. Node's fetch ignores CORS, so browserCorsFetch applies the
 * browser's rules (preflight, Allow-Origin, exposed headers); Chromium runs the same checks in
 * tests/browser/cors-doctor.spec.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type AuthServer } from '../servers/auth/authorization-server';
import { startDemoServer, type DemoServer } from '../servers/demo';
import { startOAuthTestServer, type OAuthTestServer } from '../servers/oauth-test-server';
import { checkServer } from '../../src/lib/core/cors-doctor/doctor';
import {
	diagnoseBlockedRequest,
	describeBlocked
} from '../../src/lib/core/cors-doctor/blocked-request';
import { probeReachable } from '../../src/lib/core/errors';
import type { HopStatus, HopVerdict } from '../../src/lib/core/cors-doctor/verdicts';
import { browserCorsFetch } from './browser-cors-fetch';

const ORIGIN = 'http://127.0.0.1:4999';
const fetchAsPage = browserCorsFetch(ORIGIN);
let as: AuthServer;
let demo: DemoServer;
let oauthTest: OAuthTestServer;

beforeAll(async () => {
	as = await startAuthServer({ port: 0 });
	demo = await startDemoServer({ port: 0, authIssuer: as.issuer });
	oauthTest = await startOAuthTestServer();
});
afterAll(async () => {
	await demo?.close();
	await as?.close();
	await oauthTest?.close();
});

async function check(
	url: string,
	extra: { customHeaders?: string[]; authorization?: boolean } = {}
): Promise<Record<string, HopVerdict>> {
	const verdicts = await checkServer({
		url: new URL(url),
		origin: ORIGIN,
		fetch: fetchAsPage,
		reachable: (u) => probeReachable(u, fetchAsPage, 2000),
		authorization: extra.authorization ?? false,
		customHeaders: extra.customHeaders ?? [],
		clientIdSet: false,
		clientSecretSet: false,
		timeoutMs: 3000
	});
	expect(verdicts.map((v) => v.hop)).toEqual([
		'reachable',
		'allow-origin',
		'preflight',
		'expose-headers',
		'retry-after',
		'get-stream',
		'delete',
		'resource-metadata',
		'server-metadata',
		'registration',
		'token'
	]);
	return Object.fromEntries(verdicts.map((v) => [v.hop, v]));
}

function statuses(v: Record<string, HopVerdict>): Record<string, HopStatus> {
	return Object.fromEntries(Object.entries(v).map(([hop, verdict]) => [hop, verdict.status]));
}

describe('the CORS doctor over real HTTP', () => {
	it('finds every hop of a healthy endpoint open, and its own session ended', async () => {
		const v = await check(`${demo.url}/mcp-legacy`, { customHeaders: ['X-Api-Key'] });
		expect(statuses(v)).toMatchObject({
			reachable: 'ok',
			'allow-origin': 'ok',
			preflight: 'ok',
			'expose-headers': 'ok',
			'get-stream': 'ok',
			delete: 'ok'
		});
		expect(v.preflight.summary).toContain('X-Api-Key');
		expect(v.delete.summary).toContain('ended its own session');
		expect(v['resource-metadata'].status).toBe('skipped');
	});

	it('Retry-After: not judged, with the line to check, when no answer shows it readable; OK when the server exposes *', async () => {
		const v = await check(`${demo.url}/mcp-legacy`);
		expect(v['retry-after'].status).toBe('skipped');
		expect(v['retry-after'].summary).toMatch(/^Not confirmed/);
		expect(v['retry-after'].headerLines).toEqual([
			'Access-Control-Expose-Headers: Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate, Retry-After'
		]);
		const all = await check(`${demo.url}/mcp-cors-expose-all`);
		expect(statuses(all)).toMatchObject({
			'allow-origin': 'ok',
			preflight: 'ok',
			'expose-headers': 'ok',
			'retry-after': 'ok',
			delete: 'ok'
		});
		expect(all['retry-after'].summary).toContain('Access-Control-Expose-Headers: *');
	});

	it('a legacy HTTP+SSE server: the stream names its messages endpoint, the POST hops are judged there', async () => {
		const v = await check(`${demo.url}/sse`);
		expect(statuses(v)).toMatchObject({
			reachable: 'ok',
			'allow-origin': 'ok',
			preflight: 'ok',
			'expose-headers': 'ok',
			'get-stream': 'ok',
			delete: 'skipped'
		});
		expect(v['get-stream'].summary).toMatch(
			new RegExp(`named its messages endpoint ${demo.url}/messages\\?sessionId=`)
		);
		expect(v['expose-headers'].summary).toContain('keeps its session in the messages URL');
		expect(v.delete.summary).toContain('has no DELETE');
	});

	it('no CORS at all: Allow-Origin fails, the preflight cannot be judged', async () => {
		const v = await check(`${demo.url}/mcp-nocors`);
		expect(statuses(v)).toMatchObject({
			reachable: 'ok',
			'allow-origin': 'failed',
			preflight: 'skipped'
		});
		expect(v['allow-origin'].headerLines).toEqual([
			`Access-Control-Allow-Origin: ${ORIGIN} (on every answer, errors included)`
		]);
		expect(v['allow-origin'].bridge).toBe(`npm run bridge -- --to ${demo.url}/mcp-nocors`);
	});

	it('Allow-Headers without the MCP headers: the preflight names each refused header', async () => {
		const v = await check(`${demo.url}/mcp-cors-no-mcp-headers`, { customHeaders: ['X-Api-Key'] });
		expect(v.preflight.status).toBe('failed');
		expect(v.preflight.summary).toContain(
			'refused the request headers mcp-protocol-version, mcp-method, mcp-name, last-event-id, x-api-key'
		);
		expect(v.preflight.headerLines?.[0]).toBe(
			'Access-Control-Allow-Headers: Content-Type, Authorization, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID, Mcp-Method, Mcp-Name, X-Api-Key'
		);
		expect(statuses(v)).toMatchObject({
			'allow-origin': 'ok',
			'expose-headers': 'ok',
			'get-stream': 'ok',
			delete: 'ok'
		});
	});

	it('no Expose-Headers: the session id is hidden', async () => {
		const v = await check(`${demo.url}/mcp-cors-no-expose`);
		expect(v['expose-headers'].status).toBe('failed');
		expect(v['expose-headers'].summary).toContain('session id (Mcp-Session-Id) is hidden');
		expect(statuses(v)).toMatchObject({ 'allow-origin': 'ok', preflight: 'ok' });
	});

	it('no DELETE: the method is named', async () => {
		const v = await check(`${demo.url}/mcp-cors-no-delete`);
		expect(v.delete.status).toBe('failed');
		expect(v.delete.summary).toMatch(/^DELETE is not allowed/);
		expect(v.delete.headerLines).toEqual([
			'Access-Control-Allow-Methods: GET, POST, DELETE, OPTIONS'
		]);
		expect(statuses(v)).toMatchObject({ preflight: 'ok', 'get-stream': 'ok' });
	});

	it('a closed registration endpoint (oidc-provider out of the box): registration fails, the rest of sign-in is open', async () => {
		const v = await check(`${demo.url}/mcp-oauth-closed-registration`);
		expect(statuses(v)).toMatchObject({
			'resource-metadata': 'ok',
			'server-metadata': 'ok',
			registration: 'failed',
			token: 'ok'
		});
		expect(v.registration.summary).toContain(
			"The authorization server's registration endpoint does not allow requests from this page"
		);
		expect(v.registration.fix?.url).toBe(`${as.issuer}/closed/reg`);
		expect(v.preflight.summary).toContain('Authorization');
		expect(v['expose-headers'].summary).toContain('WWW-Authenticate is readable on a 401');
	});

	it('an open authorization server: every sign-in hop OK', async () => {
		const v = await check(`${demo.url}/mcp-oauth`);
		expect(statuses(v)).toMatchObject({
			'resource-metadata': 'ok',
			'server-metadata': 'ok',
			registration: 'ok',
			token: 'ok'
		});
	});

	it('registers nothing and gets no token from the authorization server', async () => {
		const v = await check(oauthTest.mcpUrl);
		expect(statuses(v)).toMatchObject({ registration: 'ok', token: 'ok' });
		expect(oauthTest.log.registrations).toBe(0);
		expect(oauthTest.log.tokenRequests.map((r) => r.get('grant_type'))).toEqual([
			'loupe-server-check'
		]);
	});

	it('nothing listening: Reachable fails and nothing else is tried', async () => {
		const v = await check('http://127.0.0.1:9/mcp');
		expect(v.reachable.status).toBe('failed');
		expect(Object.values(v).filter((x) => x.status !== 'skipped')).toHaveLength(1);
	});
});

describe('a blocked request, diagnosed after the fact', () => {
	it('names the header the server refused after initialize passed', async () => {
		const url = new URL(`${demo.url}/mcp-cors-no-mcp-headers`);
		const failed = {
			method: 'POST',
			requestHeaders: {
				accept: 'application/json, text/event-stream',
				'content-type': 'application/json',
				'mcp-session-id': 'abc',
				'mcp-protocol-version': '2025-11-25'
			}
		};
		const d = await diagnoseBlockedRequest(failed, url, fetchAsPage);
		expect(d).toEqual({
			originAllowed: true,
			refusedMethod: undefined,
			refusedHeaders: ['mcp-protocol-version']
		});
		expect(describeBlocked(d, url)?.message).toBe(
			`The server at ${url.href} allowed this origin but refused the request header mcp-protocol-version (CORS).`
		);
	});

	it('names DELETE when Disconnect could not end the session', async () => {
		const url = new URL(`${demo.url}/mcp-cors-no-delete`);
		const d = await diagnoseBlockedRequest(
			{
				method: 'DELETE',
				requestHeaders: { 'mcp-session-id': 'abc', 'mcp-protocol-version': '2025-11-25' }
			},
			url,
			fetchAsPage
		);
		expect(d).toEqual({ originAllowed: true, refusedMethod: 'DELETE', refusedHeaders: [] });
		expect(describeBlocked(d, url, true)?.message).toMatch(
			/^DELETE is not allowed, so the session could not be ended on the server/
		);
	});

	it('says nothing more precise when the origin is not allowed at all', async () => {
		const url = new URL(`${demo.url}/mcp-nocors`);
		const d = await diagnoseBlockedRequest(
			{ method: 'POST', requestHeaders: { 'content-type': 'application/json' } },
			url,
			fetchAsPage
		);
		expect(d.originAllowed).toBe(false);
		expect(describeBlocked(d, url)).toBeUndefined();
	});
});
