/**
 * The test authorization server and the demo server's OAuth-protected endpoint, over real HTTP:
 * challenge, metadata, registration, the login/consent pages, PKCE, JWT audience, refresh
 * rotation, step-up and revocation, as a client without a browser does them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthServer, type AuthServer } from './authorization-server';
import { startDemoServer, type DemoServer } from '../demo';

let as: AuthServer;
let demo: DemoServer;
const ORIGIN = 'http://127.0.0.1:4999';
const REDIRECT = `${ORIGIN}/oauth/callback/`;

beforeAll(async () => {
	as = await startAuthServer({ port: 0, shortTokenTtl: 1 });
	demo = await startDemoServer({ port: 0, authIssuer: as.issuer });
});
afterAll(async () => {
	await demo?.close();
	await as?.close();
});

const b64url = (buf: Buffer) => buf.toString('base64url');

/** A tiny cookie jar + manual redirects, enough to drive the HTML forms. */
async function browse(
	url: string,
	jar: Map<string, string>,
	init: RequestInit = {}
): Promise<Response> {
	const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
	const response = await fetch(url, {
		...init,
		redirect: 'manual',
		headers: { ...(init.headers as object), cookie }
	});
	for (const c of response.headers.getSetCookie()) {
		const [pair] = c.split(';');
		const [name, ...value] = pair.split('=');
		jar.set(name.trim(), value.join('='));
	}
	return response;
}

async function signIn(
	resource: string,
	scope: string,
	clientId: string,
	jar = new Map<string, string>(),
	issuer = as.issuer
) {
	const verifier = b64url(randomBytes(32));
	const challenge = b64url(createHash('sha256').update(verifier).digest());
	const state = b64url(randomBytes(8));
	const auth = new URL(`${issuer}/auth`);
	for (const [k, v] of Object.entries({
		response_type: 'code',
		client_id: clientId,
		redirect_uri: REDIRECT,
		scope,
		state,
		resource,
		code_challenge: challenge,
		code_challenge_method: 'S256'
	}))
		auth.searchParams.set(k, v);
	let response = await browse(auth.href, jar);
	let callback: URL | undefined;
	for (let hops = 0; hops < 10 && !callback; hops++) {
		const location = response.headers.get('location');
		if (location) {
			const next = new URL(location, response.url || auth.href);
			if (next.href.startsWith(REDIRECT)) callback = next;
			else response = await browse(next.href, jar);
			continue;
		}
		const html = await response.text();
		const action = /action="([^"]+)"/.exec(html)?.[1];
		expect(action, html).toBeTruthy();
		const body = html.includes('name="username"') ? 'username=alice' : 'decision=approve';
		response = await browse(new URL(action!, as.issuer).href, jar, {
			method: 'POST',
			body,
			headers: { 'content-type': 'application/x-www-form-urlencoded' }
		});
	}
	expect(callback?.searchParams.get('state')).toBe(state);
	expect(callback?.searchParams.get('iss')).toBe(issuer);
	const token = await fetch(`${issuer}/token`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
		body: new URLSearchParams({
			grant_type: 'authorization_code',
			code: callback!.searchParams.get('code')!,
			redirect_uri: REDIRECT,
			client_id: clientId,
			code_verifier: verifier,
			resource
		})
	});
	expect(token.headers.get('access-control-allow-origin')).toBe(ORIGIN);
	expect(token.status).toBe(200);
	return {
		tokens: (await token.json()) as {
			access_token: string;
			refresh_token?: string;
			scope?: string;
			expires_in: number;
		},
		jar
	};
}

/** Registers a client; `browsers`: whether the endpoint must allow a page's origin (CORS). */
async function register(issuer = as.issuer, browsers = true): Promise<string> {
	const response = await fetch(`${issuer}/reg`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: ORIGIN },
		body: JSON.stringify({
			client_name: 'Loupe test',
			redirect_uris: [REDIRECT],
			grant_types: ['authorization_code', 'refresh_token'],
			response_types: ['code'],
			token_endpoint_auth_method: 'none'
		})
	});
	expect(response.status).toBe(201);
	expect(response.headers.get('access-control-allow-origin')).toBe(browsers ? ORIGIN : null);
	return ((await response.json()) as { client_id: string }).client_id;
}

function mcpCall(path: string, token: string | undefined, body: object) {
	return fetch(`${demo.url}${path}`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			accept: 'application/json, text/event-stream',
			'mcp-protocol-version': '2025-11-25',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: JSON.stringify(body)
	});
}
const INIT = {
	jsonrpc: '2.0',
	id: 1,
	method: 'initialize',
	params: {
		protocolVersion: '2025-11-25',
		capabilities: {},
		clientInfo: { name: 't', version: '1' }
	}
};

describe('OAuth-protected demo endpoint', () => {
	it('answers 401 with a resource_metadata challenge and serves its metadata', async () => {
		const response = await mcpCall('/mcp-oauth', undefined, INIT);
		expect(response.status).toBe(401);
		const challenge = response.headers.get('www-authenticate')!;
		expect(challenge).toMatch(/^Bearer /);
		const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge)![1];
		expect(metadataUrl).toBe(`${demo.url}/.well-known/oauth-protected-resource/mcp-oauth`);
		const prm = await (await fetch(metadataUrl)).json();
		expect(prm).toMatchObject({
			resource: `${demo.url}/mcp-oauth`,
			authorization_servers: [as.issuer]
		});
		const bad = await mcpCall('/mcp-oauth', 'not.a.jwt', INIT);
		expect(bad.status).toBe(401);
		expect(bad.headers.get('www-authenticate')).toMatch(/error="invalid_token"/);
	});

	it('signs in with DCR + PKCE, takes the JWT, steps up, refreshes with rotation and revokes', async () => {
		const clientId = await register();
		const resource = `${demo.url}/mcp-oauth`;
		const { tokens, jar } = await signIn(resource, 'mcp:tools', clientId);
		expect(tokens.refresh_token).toBeTruthy();
		const ok = await mcpCall('/mcp-oauth', tokens.access_token, INIT);
		expect(ok.status).toBe(200);
		const sessionId = ok.headers.get('mcp-session-id')!;
		await ok.text();

		// A token for another resource is refused (audience).
		const other = await signIn(`${demo.url}/mcp-oauth-short`, 'mcp:tools', clientId, jar);
		expect((await mcpCall('/mcp-oauth', other.tokens.access_token, INIT)).status).toBe(401);

		// The scoped tool: 403 insufficient_scope naming the scope, then a token with it works.
		const call = {
			jsonrpc: '2.0',
			id: 2,
			method: 'tools/call',
			params: { name: 'admin_report', arguments: {} }
		};
		const denied = await fetch(`${demo.url}/mcp-oauth`, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				accept: 'application/json, text/event-stream',
				'mcp-protocol-version': '2025-11-25',
				'mcp-session-id': sessionId,
				authorization: `Bearer ${tokens.access_token}`
			},
			body: JSON.stringify(call)
		});
		expect(denied.status).toBe(403);
		expect(denied.headers.get('www-authenticate')).toMatch(
			/error="insufficient_scope".*scope="mcp:tools mcp:admin"|scope="mcp:tools mcp:admin".*error="insufficient_scope"/
		);
		const stepped = await signIn(resource, 'mcp:tools mcp:admin', clientId, jar);
		expect(stepped.tokens.scope).toContain('mcp:admin');

		// Refresh rotates: the old refresh token no longer works.
		const refresh = (rt: string) =>
			fetch(`${as.issuer}/token`, {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
				body: new URLSearchParams({
					grant_type: 'refresh_token',
					refresh_token: rt,
					client_id: clientId,
					resource
				})
			});
		const refreshed = await refresh(tokens.refresh_token!);
		expect(refreshed.status).toBe(200);
		const next = (await refreshed.json()) as { access_token: string; refresh_token: string };
		expect(next.refresh_token).not.toBe(tokens.refresh_token);
		expect((await mcpCall('/mcp-oauth', next.access_token, INIT)).status).toBe(200);
		expect((await refresh(tokens.refresh_token!)).status).toBe(400);

		// Revocation.
		const revoked = await fetch(`${as.issuer}/token/revocation`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', origin: ORIGIN },
			body: new URLSearchParams({ token: next.refresh_token, client_id: clientId })
		});
		expect(revoked.status).toBe(200);
		expect((await refresh(next.refresh_token)).status).toBe(400);
	});

	it('serves a second issuer at /closed, a real AS whose registration allows no browser', async () => {
		const closed = `${as.issuer}/closed`;
		const challenge = await mcpCall('/mcp-oauth-closed-registration', undefined, INIT);
		const prm = await (
			await fetch(
				/resource_metadata="([^"]+)"/.exec(challenge.headers.get('www-authenticate')!)![1]
			)
		).json();
		expect(prm.authorization_servers).toEqual([closed]);
		const metadata = await (
			await fetch(`${as.issuer}/.well-known/oauth-authorization-server/closed`)
		).json();
		expect(metadata).toMatchObject({
			issuer: closed,
			registration_endpoint: `${closed}/reg`,
			token_endpoint: `${closed}/token`
		});
		const preflight = await fetch(`${closed}/reg`, {
			method: 'OPTIONS',
			headers: {
				origin: ORIGIN,
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'content-type'
			}
		});
		expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
		// Registered from a server (no CORS there), the rest of sign-in works as with the first issuer.
		const clientId = await register(closed, false);
		const { tokens } = await signIn(
			`${demo.url}/mcp-oauth-closed-registration`,
			'mcp:tools',
			clientId,
			new Map(),
			closed
		);
		const ok = await mcpCall('/mcp-oauth-closed-registration', tokens.access_token, INIT);
		expect(ok.status).toBe(200);
		await ok.text();
	});

	it('gives /mcp-oauth-short tokens that expire', async () => {
		const clientId = await register();
		const { tokens } = await signIn(`${demo.url}/mcp-oauth-short`, 'mcp:tools', clientId);
		expect(tokens.expires_in).toBeLessThanOrEqual(1);
		await new Promise((r) => setTimeout(r, 2100));
		const expired = await mcpCall('/mcp-oauth-short', tokens.access_token, INIT);
		expect(expired.status).toBe(401);
		expect(expired.headers.get('www-authenticate')).toMatch(/invalid_token/);
	});
});
