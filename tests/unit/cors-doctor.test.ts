/**
 * The CORS doctor's deduction, from recorded probe outcomes (what a page learns: answered with a
 * status and the readable headers, or blocked), and its messages, snippets and bridge command.
 */
import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../../src/lib/core/cors-doctor/probe';
import { headersToCheck } from '../../src/lib/core/cors-doctor/probe-plan';
import {
	judgeAllowOrigin,
	judgeDelete,
	judgeExposeHeaders,
	judgePreflight,
	judgeStream,
	legacyMessagesUrl,
	type McpEvidence
} from '../../src/lib/core/cors-doctor/mcp-hops';
import {
	judgeRegistration,
	judgeResourceMetadata,
	judgeServerMetadata,
	judgeToken,
	type OAuthEvidence
} from '../../src/lib/core/cors-doctor/oauth-hops';
import {
	describeBlocked,
	preflightedHeaders
} from '../../src/lib/core/cors-doctor/blocked-request';
import { sessionIdHidden } from '../../src/lib/core/cors-doctor/hidden-session';
import { judgeRetryAfter } from '../../src/lib/core/cors-doctor/retry-after-hop';
import { headerLines, snippets } from '../../src/lib/core/cors-doctor/snippets';
import { bridgeCommandFor as bridgeCommand } from '../../src/lib/core/bridge-command';
import type { HttpEntry } from '../../src/lib/core/traffic';

const URL_ = 'http://127.0.0.1:3001/mcp';
const ORIGIN = 'http://127.0.0.1:4173';
const BRIDGE = bridgeCommand(URL_);
const ok = (status: number, headers: Record<string, string> = {}): ProbeOutcome => ({
	kind: 'answered',
	status,
	headers
});
const blocked: ProbeOutcome = { kind: 'blocked', error: 'TypeError: Failed to fetch' };
const headers = headersToCheck({ authorization: false, customHeaders: [] });

function evidence(more: Partial<McpEvidence>): McpEvidence {
	return { url: URL_, origin: ORIGIN, headers, simplePost: ok(415), simpleGet: ok(400), ...more };
}

describe('a legacy HTTP+SSE stream', () => {
	const stream = (body: string, type = 'text/event-stream'): ProbeOutcome => ({
		kind: 'answered',
		status: 200,
		headers: { 'content-type': type },
		body
	});
	const at = 'https://example.com/sse';

	it('its first event names the messages endpoint, relative or absolute', () => {
		expect(legacyMessagesUrl(stream('event: endpoint\ndata: /messages?sessionId=a1\n\n'), at)).toBe(
			'https://example.com/messages?sessionId=a1'
		);
		expect(
			legacyMessagesUrl(stream('event: endpoint\r\ndata: https://other.example/m\r\n\r\n'), at)
		).toBe('https://other.example/m');
	});

	it('anything else is not a legacy stream', () => {
		expect(legacyMessagesUrl(stream('event: message\ndata: {}\n\n'), at)).toBeUndefined();
		expect(
			legacyMessagesUrl(stream('event: endpoint\ndata: /m\n\n', 'text/plain'), at)
		).toBeUndefined();
		expect(
			legacyMessagesUrl(stream('event: endpoint\ndata: javascript:alert(1)\n\n'), at)
		).toBeUndefined();
		expect(legacyMessagesUrl({ kind: 'blocked', error: 'TypeError' }, at)).toBeUndefined();
	});
});

describe('the MCP endpoint hops', () => {
	it('Allow-Origin: only on successful answers, when errors are hidden but initialize is not', () => {
		const v = judgeAllowOrigin(
			evidence({ simplePost: blocked, simpleGet: blocked, initialize: ok(200) }),
			BRIDGE
		);
		expect(v.status).toBe('failed');
		expect(v.summary).toMatch(/^Only successful answers carry Access-Control-Allow-Origin/);
		expect(v.bridge).toBe(BRIDGE);
	});

	it('Allow-Origin: names the method whose answers lack it', () => {
		const v = judgeAllowOrigin(evidence({ simpleGet: blocked }), BRIDGE);
		expect(v.summary).toBe(
			`Answers to GET carry no Access-Control-Allow-Origin for ${ORIGIN} (answers to POST do).`
		);
	});

	it('Preflight: every header refused alone means the preflight itself is refused', () => {
		const perHeader = Object.fromEntries(headers.map((h) => [h.name, blocked]));
		const v = judgePreflight(evidence({ allHeaders: blocked, perHeader }), BRIDGE);
		expect(v.status).toBe('failed');
		expect(v.summary).toContain('refused the preflight itself (OPTIONS)');
	});

	it('Preflight: one refused header is named, in the words of the issue', () => {
		const perHeader = Object.fromEntries(
			headers.map((h) => [h.name, h.name === 'mcp-protocol-version' ? blocked : ok(404)])
		);
		const v = judgePreflight(evidence({ allHeaders: blocked, perHeader }), BRIDGE);
		expect(v.summary).toBe(
			'The server allowed this origin but refused the request header mcp-protocol-version: Access-Control-Allow-Headers must list it.'
		);
		expect(v.headerLines).toEqual([
			'Access-Control-Allow-Headers: Content-Type, Authorization, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID, Mcp-Method, Mcp-Name'
		]);
	});

	it('Preflight: not judged while answers carry no Allow-Origin', () => {
		expect(
			judgePreflight(evidence({ simplePost: blocked, allHeaders: blocked }), BRIDGE).status
		).toBe('skipped');
	});

	it('Expose-Headers: a hidden WWW-Authenticate on a 401 fails', () => {
		const v = judgeExposeHeaders(evidence({ simplePost: ok(401), initialize: ok(401) }), BRIDGE);
		expect(v.status).toBe('failed');
		expect(v.summary).toContain('WWW-Authenticate header is hidden');
	});

	it('Expose-Headers: a server that keeps no session is fine without a session id', () => {
		const v = judgeExposeHeaders(
			evidence({ allHeaders: ok(404), initialize: ok(200), initializedWithoutSession: ok(202) }),
			BRIDGE
		);
		expect(v.status).toBe('ok');
		expect(v.summary).toContain('keeps no session');
	});

	it('Expose-Headers: a session id not readable, and the next message refused, fails', () => {
		const v = judgeExposeHeaders(
			evidence({ allHeaders: ok(404), initialize: ok(200), initializedWithoutSession: ok(400) }),
			BRIDGE
		);
		expect(v.status).toBe('failed');
		expect(v.headerLines).toEqual([
			'Access-Control-Expose-Headers: Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate, Retry-After'
		]);
	});

	it('GET stream: blocked while a plain GET is answered means its preflight was refused', () => {
		const v = judgeStream(
			evidence({ stream: blocked, sessionHeaders: ['Mcp-Session-Id'] }),
			BRIDGE
		);
		expect(v.status).toBe('failed');
		expect(v.summary).toContain('refused the preflight for the GET stream (with Mcp-Session-Id)');
	});

	it('DELETE: 405 is the server declining to end sessions, not a CORS failure', () => {
		expect(judgeDelete(evidence({ del: ok(405) }), BRIDGE)).toMatchObject({
			status: 'ok',
			summary: expect.stringContaining('HTTP 405')
		});
	});

	it('DELETE: refused alone means the method is missing from Allow-Methods', () => {
		const v = judgeDelete(
			evidence({ del: blocked, bareDelete: blocked, ownSession: true }),
			BRIDGE
		);
		expect(v.status).toBe('failed');
		expect(v.summary).toMatch(/^DELETE is not allowed/);
		expect(v.summary).toContain("check's own session stays open");
	});
});

describe("Retry-After: whether a page reads a busy server's wait", () => {
	const LINE =
		'Access-Control-Expose-Headers: Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate, Retry-After';

	it('an explicit Expose-Headers list the page cannot read: not judged, says it is not confirmed, with the line', () => {
		const v = judgeRetryAfter(
			evidence({ allHeaders: ok(404), initialize: ok(200, { 'mcp-session-id': 's1' }) })
		);
		expect(v.status).toBe('skipped');
		expect(v.summary).toMatch(/^Not confirmed: no answer showed Retry-After/);
		expect(v.summary).toContain('Loupe can only say "wait a little"');
		expect(v.headerLines).toEqual([LINE]);
		expect(v.fix?.exposeHeaders).toContain('Retry-After');
	});

	it('a readable Expose-Headers list without Retry-After: a warning that names the list', () => {
		const v = judgeRetryAfter(
			evidence({
				initialize: ok(200, {
					'mcp-session-id': 's1',
					'access-control-expose-headers': 'Mcp-Session-Id, Access-Control-Expose-Headers'
				})
			})
		);
		expect(v.status).toBe('warning');
		expect(v.summary).toMatch(
			/^Access-Control-Expose-Headers lists mcp-session-id, access-control-expose-headers but not Retry-After/
		);
		expect(v.headerLines).toEqual([LINE]);
	});

	it('OK when an answer shows Retry-After, when the list is * or names it, or on the same origin', () => {
		expect(
			judgeRetryAfter(evidence({ simplePost: ok(429, { 'retry-after': '5' }) }))
		).toMatchObject({ status: 'ok', summary: expect.stringContaining('HTTP 429') });
		expect(
			judgeRetryAfter(evidence({ simpleGet: ok(405, { 'access-control-expose-headers': '*' }) }))
				.summary
		).toContain('exposes every response header');
		expect(
			judgeRetryAfter(
				evidence({ simpleGet: ok(405, { 'access-control-expose-headers': 'retry-after' }) })
			).status
		).toBe('ok');
		const same = judgeRetryAfter({ ...evidence({}), origin: 'http://127.0.0.1:3001' });
		expect(same.status).toBe('ok');
		expect(same.headerLines).toBeUndefined();
	});

	it('no readable answer: skipped', () => {
		expect(judgeRetryAfter(evidence({ simplePost: blocked, simpleGet: blocked })).status).toBe(
			'skipped'
		);
	});
});

describe('the sign-in hops', () => {
	const base: OAuthEvidence = {
		origin: ORIGIN,
		asksForAuth: true,
		resourceMetadata: [],
		serverMetadata: [],
		clientIdSet: false
	};

	it('protected resource metadata refused by CORS fails when the server asks for sign-in', () => {
		const url = 'http://127.0.0.1:3001/.well-known/oauth-protected-resource/mcp';
		const v = judgeResourceMetadata({
			...base,
			resourceMetadata: [{ url, outcome: blocked, reachable: true }]
		});
		expect(v.status).toBe('failed');
		expect(v.summary).toContain(`${url} does not allow requests from this page`);
		expect(v.headerLines?.[0]).toBe(`Access-Control-Allow-Origin: ${ORIGIN}`);
	});

	it('no metadata and no sign-in asked: skipped', () => {
		const v = judgeResourceMetadata({
			...base,
			asksForAuth: false,
			resourceMetadata: [{ url: 'http://x/.well-known/oauth-protected-resource', outcome: ok(404) }]
		});
		expect(v.status).toBe('skipped');
	});

	it('authorization server metadata that nothing serves fails with where it looked', () => {
		const v = judgeServerMetadata({
			...base,
			serverMetadata: [
				{
					url: 'https://as.example/.well-known/oauth-authorization-server',
					outcome: blocked,
					reachable: false
				}
			]
		});
		expect(v).toMatchObject({
			status: 'failed',
			summary: expect.stringContaining('nothing answered at https://as.example/')
		});
	});

	const found: OAuthEvidence = {
		...base,
		serverMetadata: [
			{
				url: 'https://as.example/.well-known/oauth-authorization-server',
				outcome: ok(200),
				document: true
			}
		],
		serverMetadataFound: true,
		registrationEndpoint: 'https://as.example/reg',
		tokenEndpoint: 'https://as.example/token'
	};

	it('registration: a refused preflight is told apart from answers without Allow-Origin', () => {
		const registration = { url: 'https://as.example/reg', outcome: blocked, reachable: true };
		const preflight = judgeRegistration({ ...found, registration, simpleRegistration: ok(400) });
		expect(preflight.status).toBe('failed');
		expect(preflight.summary).toContain('refuses the preflight (OPTIONS)');
		const none = judgeRegistration({ ...found, registration, simpleRegistration: blocked });
		expect(none.summary).toBe(
			"The authorization server's registration endpoint does not allow requests from this page: its answers carry no Access-Control-Allow-Origin for this origin, so Loupe cannot register itself."
		);
		expect(none.advice?.[0]).toContain('Client ID');
		expect(none.fix).toMatchObject({ url: 'https://as.example/reg', methods: ['POST', 'OPTIONS'] });
	});

	it('registration is not needed with a Client ID', () => {
		expect(judgeRegistration({ ...found, clientIdSet: true }).status).toBe('skipped');
	});

	it('token endpoint refused: sign-in could never get a token', () => {
		const v = judgeToken({
			...found,
			token: { url: 'https://as.example/token', outcome: blocked, reachable: true }
		});
		expect(v).toMatchObject({
			status: 'failed',
			summary: expect.stringContaining('could never receive a token')
		});
	});
});

describe('messages after a failure', () => {
	const url = new URL(URL_);
	it('names the refused headers, or DELETE for Disconnect', () => {
		expect(
			describeBlocked({ originAllowed: true, refusedHeaders: ['mcp-method', 'mcp-name'] }, url)
				?.message
		).toBe(
			`The server at ${URL_} allowed this origin but refused the request headers mcp-method and mcp-name (CORS).`
		);
		expect(
			describeBlocked(
				{ originAllowed: true, refusedMethod: 'DELETE', refusedHeaders: [] },
				url,
				true
			)?.message
		).toMatch(/^DELETE is not allowed, so the session could not be ended on the server/);
		expect(describeBlocked({ originAllowed: false, refusedHeaders: [] }, url)).toBeUndefined();
	});

	it('a refused per-tool header joins the Allow-Headers line, capitalised', () => {
		const hints = describeBlocked(
			{ originAllowed: true, refusedHeaders: ['mcp-param-region'] },
			url
		)?.hints;
		expect(hints?.[0]).toMatch(
			/^Access-Control-Allow-Headers: Content-Type, .*, Mcp-Param-Region$/
		);
	});

	it("asks only about headers that need the server's allowance", () => {
		expect(
			preflightedHeaders({
				accept: 'application/json',
				'content-type': 'text/plain',
				'mcp-session-id': 'x'
			})
		).toEqual(['mcp-session-id']);
		expect(preflightedHeaders({ 'content-type': 'application/json' })).toEqual(['content-type']);
	});

	const entry = (
		method: string,
		status: number | undefined,
		more: Partial<HttpEntry>
	): HttpEntry => ({
		type: 'http',
		seq: 1,
		time: 0,
		connection: 1,
		method,
		url: URL_,
		status,
		durationMs: 1,
		requestHeaders: {},
		responseHeaders: {},
		...more
	});
	it('spots a session id the page could not read from the connection attempt itself', () => {
		const init = entry('POST', 200, {
			requestBody: '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{}}'
		});
		const next = entry('POST', 400, {
			requestBody: '{"jsonrpc":"2.0","method":"notifications/initialized"}',
			responseBody: '{"error":{"message":"Bad Request: No valid session ID provided"}}'
		});
		expect(sessionIdHidden([init, next])).toBe(true);
		expect(sessionIdHidden([{ ...init, responseHeaders: { 'mcp-session-id': 'abc' } }, next])).toBe(
			false
		);
		expect(sessionIdHidden([init, { ...next, responseBody: 'Bad Request' }])).toBe(false);
	});
});

describe('what a failure shows', () => {
	const fix = {
		url: "http://127.0.0.1:3001/m'cp",
		origin: ORIGIN,
		methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
		allowHeaders: ['Content-Type', 'X-Api-Key'],
		exposeHeaders: ['Mcp-Session-Id']
	};

	it('header lines, and a snippet per stack with the same set-up', () => {
		expect(headerLines(fix)).toEqual([
			`Access-Control-Allow-Origin: ${ORIGIN}`,
			'Access-Control-Allow-Methods: GET, POST, DELETE, OPTIONS',
			'Access-Control-Allow-Headers: Content-Type, X-Api-Key',
			'Access-Control-Expose-Headers: Mcp-Session-Id'
		]);
		const all = snippets(fix);
		expect(all.map((s) => s.stack)).toEqual([
			'Express (cors)',
			'Hono (cors)',
			'Starlette / FastAPI (CORSMiddleware)',
			'nginx',
			'Cloudflare Workers'
		]);
		for (const s of all) {
			expect(s.code).toContain(ORIGIN);
			expect(s.code).toContain('X-Api-Key');
			// The path's quote cannot end a string literal in the snippet.
			expect(s.code).not.toContain("m'cp");
		}
		expect(all[3].code).toContain(
			'add_header Access-Control-Allow-Origin "http://127.0.0.1:4173" always;'
		);
	});

	it('checks Authorization when a token is used, and the custom headers by name', () => {
		const names = headersToCheck({
			authorization: true,
			customHeaders: ['X-Api-Key', 'accept', 'Mcp-Session-Id']
		}).map((h) => h.name);
		expect(names).toEqual([
			'content-type',
			'authorization',
			'mcp-session-id',
			'mcp-protocol-version',
			'mcp-method',
			'mcp-name',
			'last-event-id',
			'x-api-key'
		]);
	});
});
