import { describe, expect, it } from 'vitest';
import {
	assertSafeEndpoint,
	checkCallback,
	clientMetadataDocument,
	clientMetadataUrl,
	endpointProblem,
	OAuthFlowError,
	parseWwwAuthenticate,
	resourceMatches,
	resourceMetadataUrls,
	selectScope,
	serverMetadataUrls,
	unionScopes
} from '../../src/lib/core/oauth/index.js';
import { maskBody, maskJsonBody, maskUrl } from '../../src/lib/core/secrets.js';

describe('WWW-Authenticate parsing', () => {
	it('reads the Bearer challenge parameters', () => {
		const c = parseWwwAuthenticate(
			'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp", scope="files:read files:write", error="insufficient_scope", error_description="Needs \\"write\\""'
		);
		expect(c).toEqual({
			resourceMetadata: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
			scope: 'files:read files:write',
			error: 'insufficient_scope',
			errorDescription: 'Needs "write"',
			realm: undefined
		});
	});

	it('finds Bearer among several challenges, any case, with unquoted values and commas in quotes', () => {
		const c = parseWwwAuthenticate(
			'Basic realm="a, b", bearer realm=mcp, Scope="x y", ERROR=invalid_token'
		);
		expect(c?.realm).toBe('mcp');
		expect(c?.scope).toBe('x y');
		expect(c?.error).toBe('invalid_token');
	});

	it('returns undefined without a Bearer challenge', () => {
		expect(parseWwwAuthenticate(null)).toBeUndefined();
		expect(parseWwwAuthenticate('')).toBeUndefined();
		expect(parseWwwAuthenticate('Basic realm="x"')).toBeUndefined();
	});

	it('reads a bare Bearer challenge', () => {
		expect(parseWwwAuthenticate('Bearer')).toEqual({
			resourceMetadata: undefined,
			scope: undefined,
			error: undefined,
			errorDescription: undefined,
			realm: undefined
		});
	});
});

describe('discovery URL order', () => {
	it('tries the challenge URL, then the path-aware well-known, then the root one', () => {
		expect(
			resourceMetadataUrls(
				new URL('https://api.example.com/public/mcp'),
				'https://api.example.com/custom/prm.json'
			)
		).toEqual([
			'https://api.example.com/custom/prm.json',
			'https://api.example.com/.well-known/oauth-protected-resource/public/mcp',
			'https://api.example.com/.well-known/oauth-protected-resource'
		]);
		expect(resourceMetadataUrls(new URL('https://api.example.com/'))).toEqual([
			'https://api.example.com/.well-known/oauth-protected-resource'
		]);
	});

	it('orders authorization server metadata as the MCP spec does, with path insertion first', () => {
		expect(serverMetadataUrls('https://auth.example.com/tenant1')).toEqual([
			'https://auth.example.com/.well-known/oauth-authorization-server/tenant1',
			'https://auth.example.com/.well-known/openid-configuration/tenant1',
			'https://auth.example.com/tenant1/.well-known/openid-configuration'
		]);
		expect(serverMetadataUrls('https://auth.example.com')).toEqual([
			'https://auth.example.com/.well-known/oauth-authorization-server',
			'https://auth.example.com/.well-known/openid-configuration'
		]);
	});

	it('accepts a resource that is the server URL or a parent path on the same origin, nothing else', () => {
		const server = new URL('https://api.example.com/v1/mcp');
		expect(resourceMatches('https://api.example.com/v1/mcp', server)).toBe(true);
		expect(resourceMatches('https://api.example.com/v1/mcp/', server)).toBe(true);
		expect(resourceMatches('https://api.example.com/', server)).toBe(true);
		expect(resourceMatches('https://api.example.com/v1', server)).toBe(true);
		expect(resourceMatches('https://api.example.com/v1/m', server)).toBe(false);
		expect(resourceMatches('https://evil.example.com/v1/mcp', server)).toBe(false);
		expect(resourceMatches('http://api.example.com/v1/mcp', server)).toBe(false);
		expect(resourceMatches('not a url', server)).toBe(false);
	});
});

describe('scope selection', () => {
	it('takes the challenge scope first, then the resource scopes, else none', () => {
		expect(selectScope({ challengeScope: 'a b', resourceScopes: ['c'] })).toBe('a b');
		expect(selectScope({ resourceScopes: ['c', 'd'] })).toBe('c d');
		expect(selectScope({})).toBeUndefined();
		expect(selectScope({ resourceScopes: [] })).toBeUndefined();
	});

	it('adds offline_access only when the authorization server lists it', () => {
		expect(selectScope({ resourceScopes: ['mcp'], serverScopes: ['mcp', 'offline_access'] })).toBe(
			'mcp offline_access'
		);
		expect(selectScope({ resourceScopes: ['mcp'], serverScopes: ['mcp'] })).toBe('mcp');
		expect(
			selectScope({ challengeScope: 'mcp offline_access', serverScopes: ['offline_access'] })
		).toBe('mcp offline_access');
	});

	it('unions scopes for step-up, without duplicates', () => {
		expect(unionScopes('a b', 'b c', undefined)).toBe('a b c');
		expect(unionScopes(undefined, '')).toBeUndefined();
	});
});

describe('callback checks', () => {
	const expected = {
		state: 's1',
		issuer: 'https://auth.example.com',
		issRequired: false,
		redirectUri: 'https://loupe.example/oauth/callback/'
	};
	const cb = (query: string) => new URL(`https://loupe.example/oauth/callback/?${query}`);

	it('accepts a matching state and issuer', () => {
		expect(
			checkCallback(cb('code=abc&state=s1&iss=https%3A%2F%2Fauth.example.com'), expected)
		).toEqual({ ok: true, code: 'abc' });
		expect(checkCallback(cb('code=abc&state=s1'), expected)).toEqual({ ok: true, code: 'abc' });
	});

	it('rejects a wrong or missing state before anything else', () => {
		const r = checkCallback(cb('error=access_denied&state=other'), expected);
		expect(r.ok).toBe(false);
		if (!r.ok) {
			expect(r.message).toMatch(/different state/);
			expect(r.serverError).toBeUndefined();
		}
		expect(checkCallback(cb('code=abc'), expected)).toMatchObject({
			ok: false,
			message: expect.stringMatching(/no state/)
		});
	});

	it('rejects a different issuer, and a missing one when the server promised it (RFC 9207)', () => {
		const wrong = checkCallback(
			cb('error=access_denied&state=s1&iss=https%3A%2F%2Fevil.example'),
			expected
		);
		expect(wrong).toMatchObject({
			ok: false,
			message: expect.stringMatching(/evil\.example.*mix-up/)
		});
		expect(wrong.ok === false && wrong.serverError).toBeFalsy();
		expect(
			checkCallback(cb('code=abc&state=s1'), { ...expected, issRequired: true })
		).toMatchObject({
			ok: false,
			message: expect.stringMatching(/no iss parameter/)
		});
	});

	it('shows the server error as plain text once state and iss check out', () => {
		const r = checkCallback(
			cb('error=access_denied&error_description=No%0Athanks%20%3Cb%3E&state=s1'),
			expected
		);
		expect(r).toMatchObject({ ok: false, serverError: 'access_denied: No thanks <b>' });
	});

	it('rejects a callback to another page', () => {
		const r = checkCallback(
			new URL('https://evil.example/oauth/callback/?code=abc&state=s1'),
			expected
		);
		expect(r).toMatchObject({
			ok: false,
			message: expect.stringMatching(/not to Loupe's redirect URI/)
		});
	});
});

describe('endpoint safety', () => {
	it('allows https anywhere and http only on loopback hosts', () => {
		expect(endpointProblem('https://auth.example.com/token')).toBeUndefined();
		expect(endpointProblem('http://localhost:3000/token')).toBeUndefined();
		expect(endpointProblem('http://127.0.0.1/token')).toBeUndefined();
		expect(endpointProblem('http://[::1]:8080/token')).toBeUndefined();
		expect(endpointProblem('http://auth.example.com/token')).toMatch(/not localhost/);
		expect(endpointProblem('http://127.0.0.2/token')).toBeUndefined(); // all of 127.0.0.0/8 (url-safety.ts)
		expect(endpointProblem('http://10.0.0.2/token')).toMatch(/not localhost/);
	});

	it('refuses other schemes and credentials in URLs', () => {
		expect(endpointProblem('javascript:alert(1)')).toMatch(/javascript: scheme/);
		expect(endpointProblem('data:text/html,hi')).toMatch(/data: scheme/);
		expect(endpointProblem('file:///etc/passwd')).toMatch(/file: scheme/);
		expect(endpointProblem('/relative')).toMatch(/not a valid absolute URL/);
		expect(endpointProblem('https://user:pw@auth.example.com/')).toMatch(/credentials/);
	});

	it('assertSafeEndpoint throws an OAuthFlowError naming the endpoint', () => {
		expect(() => assertSafeEndpoint('javascript:alert(1)', 'authorization endpoint')).toThrow(
			OAuthFlowError
		);
		expect(() => assertSafeEndpoint('javascript:alert(1)', 'authorization endpoint')).toThrow(
			/authorization endpoint/
		);
		expect(assertSafeEndpoint('https://a.example/x', 'x').href).toBe('https://a.example/x');
	});
});

describe('masking OAuth secrets', () => {
	it('masks tokens and client secrets in JSON responses, keeping the rest', () => {
		const masked = maskJsonBody(
			JSON.stringify({
				access_token: 'AT',
				refresh_token: 'RT',
				id_token: 'IT',
				token_type: 'Bearer',
				expires_in: 60,
				client_id: 'c',
				client_secret: 'CS',
				registration_access_token: 'RAT'
			})
		);
		for (const secret of ['"AT"', '"RT"', '"IT"', '"CS"', '"RAT"'])
			expect(masked).not.toContain(secret);
		expect(JSON.parse(masked)).toMatchObject({
			token_type: 'Bearer',
			expires_in: 60,
			client_id: 'c'
		});
		expect(maskJsonBody('not json')).toBe('not json');
	});

	it('masks code, code_verifier, client_secret and refresh_token in form bodies and URLs', () => {
		const body = maskBody(
			'grant_type=authorization_code&code=C0DE&code_verifier=VER&client_secret=SEC&redirect_uri=x',
			'application/x-www-form-urlencoded'
		);
		for (const secret of ['C0DE', 'VER', 'SEC']) expect(body).not.toContain(secret);
		expect(body).toContain('grant_type=authorization_code');
		expect(
			maskBody('grant_type=refresh_token&refresh_token=RT', 'application/x-www-form-urlencoded')
		).not.toContain('RT&');
		expect(maskUrl('https://loupe.example/cb?code=C0DE&state=s')).toBe(
			'https://loupe.example/cb?code=••••••&state=s'
		);
	});
});

describe('client ID metadata document', () => {
	it('exists only for https origins, under the base path', () => {
		expect(clientMetadataUrl('https://example.github.io', '/loupe')).toBe(
			'https://example.github.io/loupe/oauth/client-metadata.json'
		);
		expect(clientMetadataUrl('https://loupe.example', '')).toBe(
			'https://loupe.example/oauth/client-metadata.json'
		);
		expect(clientMetadataUrl('http://localhost:4173', '')).toBeUndefined();
		expect(clientMetadataUrl(undefined)).toBeUndefined();
		expect(clientMetadataDocument('https://loupe.example', '')).toMatchObject({
			client_id: 'https://loupe.example/oauth/client-metadata.json',
			redirect_uris: ['https://loupe.example/oauth/callback/'],
			token_endpoint_auth_method: 'none'
		});
	});
});

describe('recorded OAuth exchanges', () => {
	it('keep names and shapes but never a token, code, verifier or client secret', async () => {
		const { StepLog } = await import('../../src/lib/core/oauth/steps.js');
		const answer = JSON.stringify({
			access_token: 'AT-SECRET',
			refresh_token: 'RT-SECRET',
			token_type: 'Bearer',
			client_secret: 'CS-SECRET'
		});
		const base = (async () =>
			new Response(answer, {
				headers: { 'content-type': 'application/json', 'set-cookie': 'sid=COOKIE-SECRET' }
			})) as typeof fetch;
		const steps: unknown[] = [];
		const log = new StepLog(
			() => base,
			(s) => steps.push(s)
		);
		const draft = log.begin('token', 'Token request');
		await draft.fetch('https://auth.example/token?access_token=Q-SECRET', {
			method: 'POST',
			headers: {
				authorization: 'Basic QkFTSUMtU0VDUkVU',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				grant_type: 'authorization_code',
				code: 'CODE-SECRET',
				code_verifier: 'VERIFIER-SECRET',
				client_secret: 'CS2-SECRET'
			})
		});
		draft.ok('done');
		const text = JSON.stringify(steps);
		expect(text).not.toMatch(/[A-Z0-9]+-SECRET|QkFTSUMtU0VDUkVU/);
		expect(text).toContain('grant_type=authorization_code');
		expect(text).toContain('token_type');
		expect(log.steps[0]).toMatchObject({
			kind: 'token',
			status: 'ok',
			exchanges: [{ method: 'POST', requestHeaders: { authorization: 'Basic ••••••' } }]
		});
	});
});
