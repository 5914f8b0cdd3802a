/**
 * The OAuth client end to end in Node: Loupe's McpSession with OAuthClient as the SDK
 * AuthProvider, against a real authorization server and a Bearer-protected MCP server built
 * with the official SDK (tests/servers/oauth-test-server.ts). `authorize` follows the redirect.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { McpSession } from '../../src/lib/core/session.js';
import { TrafficRecorder } from '../../src/lib/core/traffic.js';
import {
	memoryStore,
	OAuthClient,
	OAuthFlowError,
	type AuthStore
} from '../../src/lib/core/oauth/index.js';
import {
	startOAuthTestServer,
	type OAuthTestOptions,
	type OAuthTestServer
} from '../servers/oauth-test-server.js';
import { listTools } from '../../src/lib/core/tools';
import { callTool } from '../../src/lib/core/tool-call';

const REDIRECT_URI = 'http://127.0.0.1:3409/oauth/callback/';
let server: OAuthTestServer | undefined;
const sessions: McpSession[] = [];

afterEach(async () => {
	await Promise.all(sessions.splice(0).map((s) => s.close()));
	await server?.close();
	server = undefined;
});

async function follow(url: URL): Promise<URL> {
	const response = await fetch(url, { redirect: 'manual' });
	await response.body?.cancel();
	return new URL(response.headers.get('location')!, url);
}

async function setup(options: OAuthTestOptions = {}, store: AuthStore = memoryStore()) {
	server = await startOAuthTestServer(options);
	const oauth = new OAuthClient({
		serverUrl: new URL(server.mcpUrl),
		redirectUri: REDIRECT_URI,
		store
	});
	let authorizations = 0;
	oauth.authorize = (url) => {
		authorizations++;
		return follow(url);
	};
	const recorder = new TrafficRecorder();
	const entries: unknown[] = [];
	recorder.subscribe((e) => entries.push(e));
	const open = async () => {
		const session = await McpSession.open({
			url: new URL(server!.mcpUrl),
			transport: 'auto',
			recorder,
			authProvider: oauth,
			wrapFetch: (f) => oauth.wrapFetch(f),
			timeoutMs: 10_000
		});
		sessions.push(session);
		return session;
	};
	return { oauth, open, entries, store, authorizations: () => authorizations, server };
}

/** Every token, code and verifier the server saw, to make sure none is in Loupe's records. */
function secretsSeen(s: OAuthTestServer): string[] {
	const out: string[] = [];
	for (const r of s.log.tokenRequests)
		for (const k of ['code', 'code_verifier', 'refresh_token']) if (r.get(k)) out.push(r.get(k)!);
	return out;
}

describe('OAuth sign-in through the SDK transport', () => {
	it('signs in on the first 401 (discovery, DCR, PKCE, resource) and lists tools, with no secret in its records', async () => {
		const t = await setup({ scopesSupported: ['mcp:tools', 'offline_access'] });
		const session = await t.open();
		const { items: tools } = await listTools(session);
		expect(tools.length).toBeGreaterThan(0);
		expect(t.oauth.signedIn).toBe(true);
		expect(t.oauth.steps.map((s) => `${s.kind}:${s.status}`)).toEqual([
			'challenge:ok',
			'resource-metadata:ok',
			'server-metadata:ok',
			'registration:ok',
			'authorization:ok',
			'callback:ok',
			'token:ok'
		]);
		const auth = t.server.log.authorizations[0];
		expect(auth.get('code_challenge_method')).toBe('S256');
		expect(auth.get('resource')).toBe(t.server.mcpUrl);
		expect(auth.get('scope')).toBe('mcp:tools offline_access');
		expect(t.server.log.tokenRequests[0].get('resource')).toBe(t.server.mcpUrl);

		const records = JSON.stringify(t.oauth.steps) + JSON.stringify(t.entries);
		const secrets = secretsSeen(t.server);
		expect(secrets.length).toBeGreaterThanOrEqual(2);
		for (const secret of secrets) expect(records).not.toContain(secret);
		expect(records).not.toMatch(/at-[0-9a-f]{32}/);
		expect(records).not.toMatch(/rt-[0-9a-f]{32}/);
	});

	it('refreshes before expiry, using the rotated refresh token each time', async () => {
		const t = await setup({ expiresIn: 2 });
		const session = await t.open();
		for (let i = 0; i < 2; i++) {
			await new Promise((r) => setTimeout(r, 1100));
			await listTools(session);
		}
		const grants = t.server.log.tokenRequests.map((r) => r.get('grant_type'));
		expect(grants.filter((g) => g === 'refresh_token').length).toBeGreaterThanOrEqual(2);
		expect(
			t.server.log.tokenRequests
				.filter((r) => r.get('grant_type') === 'refresh_token')
				.every((r) => r.get('resource') === t.server.mcpUrl)
		).toBe(true);
		expect(t.authorizations()).toBe(1);
		expect(t.oauth.steps.filter((s) => s.kind === 'refresh').every((s) => s.status === 'ok')).toBe(
			true
		);
	});

	it('refreshes on a 401 when the server stops accepting the access token', async () => {
		const t = await setup();
		const session = await t.open();
		t.server.expireAccessTokens();
		const { items: tools } = await listTools(session);
		expect(tools.length).toBeGreaterThan(0);
		expect(t.authorizations()).toBe(1);
		expect(t.oauth.steps.at(-1)).toMatchObject({ kind: 'refresh', status: 'ok' });
	});

	it('steps up on 403 insufficient_scope with the union of scopes, then calls the tool', async () => {
		const t = await setup({ toolsCallScope: 'mcp:write' });
		const session = await t.open();
		const { items: tools } = await listTools(session);
		const outcome = await callTool(session, tools.find((x) => x.name === 'echo') ?? tools[0], {
			text: 'hi'
		});
		expect(outcome.result).toBeTruthy();
		expect(t.authorizations()).toBe(2);
		expect(t.server.log.authorizations[1].get('scope')).toBe('mcp:tools mcp:write');
		expect(t.oauth.steps.some((s) => s.kind === 'step-up' && s.status === 'ok')).toBe(true);
		expect(t.oauth.scope).toBe('mcp:tools mcp:write');
	});

	it('gives up stepping up after the limit and passes the 403 on', async () => {
		const t = await setup({ toolsCallScope: 'mcp:never' });
		// The authorization server never grants mcp:never.
		const originalAuthorize = t.oauth.authorize!;
		t.oauth.authorize = (url) => {
			url.searchParams.set('scope', 'mcp:tools');
			return originalAuthorize(url);
		};
		const session = await t.open();
		const { items: tools } = await listTools(session);
		const error = await callTool(session, tools[0], {}).catch((e) => e);
		expect(error).toBeInstanceOf(Error);
		expect(String(error.message)).toMatch(/insufficient_scope|scope/i);
		expect(t.authorizations()).toBe(3); // the first sign-in and two step-ups
	});

	it('signs out: forgets the tokens and revokes them', async () => {
		const store = memoryStore();
		const t = await setup({}, store);
		await t.open();
		await t.oauth.signOut();
		expect(t.oauth.signedIn).toBe(false);
		expect(t.server.log.revoked.length).toBe(2);
		expect(t.oauth.steps.at(-1)).toMatchObject({ kind: 'revocation', status: 'ok' });
		// A new client on the same store starts signed out.
		expect(
			new OAuthClient({ serverUrl: new URL(t.server.mcpUrl), redirectUri: REDIRECT_URI, store })
				.signedIn
		).toBe(false);
	});

	it('keeps the sign-in for a new client on the same store (a reload)', async () => {
		const store = memoryStore();
		const t = await setup({}, store);
		await t.open();
		const again = new OAuthClient({
			serverUrl: new URL(t.server.mcpUrl),
			redirectUri: REDIRECT_URI,
			store
		});
		expect(again.signedIn).toBe(true);
		expect(await again.token()).toMatch(/^at-/);
	});

	it('signs in through a same-tab redirect: begin, navigate away, complete on a new client, once', async () => {
		const store = memoryStore();
		server = await startOAuthTestServer();
		const first = new OAuthClient({
			serverUrl: new URL(server.mcpUrl),
			redirectUri: REDIRECT_URI,
			store
		});
		const url = await first.beginRedirectSignIn();
		expect(url.searchParams.get('code_challenge_method')).toBe('S256');
		const callback = await follow(url);
		// The page reloads: a new client on the same (session) store finishes the sign-in.
		const second = new OAuthClient({
			serverUrl: new URL(server.mcpUrl),
			redirectUri: REDIRECT_URI,
			store
		});
		await second.completeRedirectSignIn(callback);
		expect(second.signedIn).toBe(true);
		expect(await second.token()).toMatch(/^at-/);
		const replay = await second.completeRedirectSignIn(callback).catch((e) => e);
		expect(replay).toBeInstanceOf(OAuthFlowError);
		expect(replay.message).toMatch(/no sign-in waiting/);
	});

	it('without an authorize callback, a 401 means "sign-in required"', async () => {
		server = await startOAuthTestServer();
		const oauth = new OAuthClient({
			serverUrl: new URL(server.mcpUrl),
			redirectUri: REDIRECT_URI,
			store: memoryStore()
		});
		const error = await McpSession.open({
			url: new URL(server.mcpUrl),
			transport: 'auto',
			recorder: new TrafficRecorder(),
			authProvider: oauth,
			timeoutMs: 10_000
		}).catch((e) => e);
		expect(error.problem).toMatchObject({
			kind: 'auth',
			oauth: 'sign-in-required',
			message: expect.stringMatching(/^Sign-in required/)
		});
		expect(server.log.authorizations.length).toBe(0);
	});
});

describe('OAuth refusals', () => {
	async function signInError(options: OAuthTestOptions) {
		server = await startOAuthTestServer(options);
		const oauth = new OAuthClient({
			serverUrl: new URL(server.mcpUrl),
			redirectUri: REDIRECT_URI,
			store: memoryStore()
		});
		const error = await oauth.signIn(follow).catch((e) => e);
		expect(error).toBeInstanceOf(OAuthFlowError);
		expect(oauth.signedIn).toBe(false);
		return { error: error as OAuthFlowError, oauth, server };
	}

	it('stops when the resource metadata names another resource', async () => {
		const { error, server } = await signInError({ prmResource: 'https://evil.example/mcp' });
		expect(error.step).toBe('resource-metadata');
		expect(error.message).toMatch(/evil\.example.*must|match/);
		expect(server.log.authorizations.length).toBe(0);
	});

	it('explains a failed sign-in during connect as a flow failure', async () => {
		const t = await setup({ prmResource: 'https://evil.example/mcp' });
		const error = await t.open().catch((e) => e);
		expect(error.problem).toMatchObject({
			kind: 'auth',
			oauth: 'flow-failed',
			message: expect.stringMatching(/^Sign-in failed: .*evil\.example/)
		});
		expect(t.authorizations()).toBe(0);
	});

	it('refuses an authorization server without S256, saying why', async () => {
		const missing = await signInError({ codeChallengeMethods: null });
		expect(missing.error.message).toMatch(/no code_challenge_methods_supported.*S256/);
		await missing.server.close();
		server = undefined;
		const plainOnly = await signInError({ codeChallengeMethods: ['plain'] });
		expect(plainOnly.error.message).toMatch(/\(plain\) lacks S256/);
		expect(plainOnly.server.log.authorizations.length).toBe(0);
	});

	it('refuses an unsafe authorization endpoint from metadata', async () => {
		const { error, server } = await signInError({ authorizationEndpoint: 'javascript:alert(1)' });
		expect(error.message).toMatch(/authorization_endpoint.*javascript: scheme/);
		expect(server.log.authorizations.length).toBe(0);
	});

	it('ignores a callback naming another issuer, and one without iss when the server promised it', async () => {
		const wrong = await signInError({ iss: 'wrong' });
		expect(wrong.error.step).toBe('callback');
		expect(wrong.error.message).toMatch(/evil\.example.*mix-up/);
		expect(wrong.server.log.tokenRequests.length).toBe(0);
		await wrong.server.close();
		server = undefined;
		const missing = await signInError({ iss: 'missing' });
		expect(missing.error.message).toMatch(/no iss parameter/);
		expect(missing.oauth.steps.at(-1)).toMatchObject({ kind: 'callback', status: 'failed' });
	});
});

describe('OAuth token refresh under concurrency', () => {
	it('requests that find the token due together share one refresh', async () => {
		const t = await setup({ expiresIn: 2 });
		const session = await t.open();
		await new Promise((r) => setTimeout(r, 1100));
		await Promise.all([listTools(session), listTools(session), listTools(session)]);
		expect(
			t.server.log.tokenRequests.filter((r) => r.get('grant_type') === 'refresh_token').length
		).toBe(1);
	});
});
