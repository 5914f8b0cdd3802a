/**
 * A small OAuth 2.1 authorization server and an MCP server it protects, on one port, for tests:
 *   /.well-known/oauth-protected-resource/mcp   Protected Resource Metadata (RFC 9728)
 *   /mcp                                        the demo MCP server (2025 era), Bearer token required
 *   /.well-known/oauth-authorization-server     AS metadata (RFC 8414)
 *   /authorize  approves at once: 302 to redirect_uri with code, state and iss
 *   /token      authorization_code (PKCE S256) and refresh_token (rotating) grants
 *   /register   Dynamic Client Registration (RFC 7591), public clients
 *   /revoke     RFC 7009
 * Knobs (`OAuthTestOptions`) make it misbehave in the ways Loupe must catch.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setCorsHeaders, writePreflight } from './cors';
import { createDemoMcpServer } from './mcp-server';
import { readBody, sendWebResponse, serveFetch, toWebRequest } from './node-http';
import { LegacySessionEndpoint } from './streamable';

export interface OAuthTestOptions {
	host?: string;
	port?: number;
	/** Access token lifetime in seconds (default 3600). */
	expiresIn?: number;
	/** What `iss` the authorization response carries (default: the right one). */
	iss?: 'correct' | 'wrong' | 'missing';
	/** Advertise authorization_response_iss_parameter_supported (default true). */
	issSupported?: boolean;
	/** code_challenge_methods_supported (default ['S256']; null leaves it out). */
	codeChallengeMethods?: string[] | null;
	/** Replaces the PRM's resource (default: the /mcp URL). */
	prmResource?: string;
	/** Replaces the metadata's authorization_endpoint. */
	authorizationEndpoint?: string;
	/** scopes_supported in the AS metadata. */
	scopesSupported?: string[];
	/** tools/call needs this scope too: 403 insufficient_scope otherwise (step-up). */
	toolsCallScope?: string;
}

export interface OAuthTestServer {
	url: string;
	mcpUrl: string;
	/** Invalidates every access token (refresh tokens stay valid). */
	expireAccessTokens(): void;
	/** What happened, for assertions. */
	readonly log: {
		authorizations: URLSearchParams[];
		tokenRequests: URLSearchParams[];
		revoked: string[];
		registrations: number;
	};
	close(): Promise<void>;
}

export async function startOAuthTestServer(
	options: OAuthTestOptions = {}
): Promise<OAuthTestServer> {
	const host = options.host ?? '127.0.0.1';
	const mcp = new LegacySessionEndpoint(createDemoMcpServer);
	const codes = new Map<
		string,
		{ challenge: string; clientId: string; redirectUri: string; scope?: string; resource?: string }
	>();
	const accessTokens = new Map<string, string | undefined>();
	const refreshTokens = new Map<string, { scope?: string }>();
	const log: OAuthTestServer['log'] = {
		authorizations: [],
		tokenRequests: [],
		revoked: [],
		registrations: 0
	};
	let base = '';
	const token = () => randomBytes(16).toString('hex');

	function json(
		res: ServerResponse,
		status: number,
		body: unknown,
		headers: Record<string, string> = {}
	) {
		res.writeHead(status, {
			'Content-Type': 'application/json',
			'Cache-Control': 'no-store',
			...headers
		});
		res.end(JSON.stringify(body));
	}
	async function form(req: IncomingMessage): Promise<URLSearchParams> {
		let text = '';
		for await (const chunk of req) text += chunk;
		return new URLSearchParams(text);
	}
	function issueTokens(res: ServerResponse, scope: string | undefined) {
		const access = `at-${token()}`;
		const refresh = `rt-${token()}`;
		accessTokens.set(access, scope);
		refreshTokens.set(refresh, { scope });
		json(res, 200, {
			access_token: access,
			token_type: 'Bearer',
			expires_in: options.expiresIn ?? 3600,
			refresh_token: refresh,
			...(scope ? { scope } : {})
		});
	}

	async function route(req: IncomingMessage, res: ServerResponse) {
		const url = new URL(req.url ?? '/', base);
		if (req.method === 'OPTIONS') return writePreflight(req, res);
		setCorsHeaders(req, res);
		switch (url.pathname) {
			case '/.well-known/oauth-protected-resource/mcp':
				return json(res, 200, {
					resource: options.prmResource ?? `${base}/mcp`,
					authorization_servers: [base],
					scopes_supported: ['mcp:tools']
				});
			case '/.well-known/oauth-authorization-server':
				return json(res, 200, {
					issuer: base,
					authorization_endpoint: options.authorizationEndpoint ?? `${base}/authorize`,
					token_endpoint: `${base}/token`,
					registration_endpoint: `${base}/register`,
					revocation_endpoint: `${base}/revoke`,
					response_types_supported: ['code'],
					grant_types_supported: ['authorization_code', 'refresh_token'],
					token_endpoint_auth_methods_supported: ['none'],
					authorization_response_iss_parameter_supported: options.issSupported ?? true,
					...(options.codeChallengeMethods === null
						? {}
						: { code_challenge_methods_supported: options.codeChallengeMethods ?? ['S256'] }),
					...(options.scopesSupported ? { scopes_supported: options.scopesSupported } : {})
				});
			case '/authorize': {
				const q = url.searchParams;
				log.authorizations.push(q);
				const code = `code-${token()}`;
				codes.set(code, {
					challenge: q.get('code_challenge') ?? '',
					clientId: q.get('client_id') ?? '',
					redirectUri: q.get('redirect_uri') ?? '',
					scope: q.get('scope') ?? undefined,
					resource: q.get('resource') ?? undefined
				});
				const back = new URL(q.get('redirect_uri') ?? '');
				back.searchParams.set('code', code);
				if (q.get('state')) back.searchParams.set('state', q.get('state')!);
				const iss = options.iss ?? 'correct';
				if (iss !== 'missing')
					back.searchParams.set('iss', iss === 'correct' ? base : 'https://evil.example');
				res.writeHead(302, { Location: back.href });
				return void res.end();
			}
			case '/token': {
				const body = await form(req);
				log.tokenRequests.push(body);
				if (body.get('grant_type') === 'authorization_code') {
					const grant = codes.get(body.get('code') ?? '');
					codes.delete(body.get('code') ?? '');
					const verifier = body.get('code_verifier') ?? '';
					const challenge = createHash('sha256').update(verifier).digest('base64url');
					if (
						!grant ||
						grant.challenge !== challenge ||
						grant.redirectUri !== body.get('redirect_uri')
					) {
						return json(res, 400, {
							error: 'invalid_grant',
							error_description: 'Bad code, verifier or redirect_uri'
						});
					}
					return issueTokens(res, grant.scope);
				}
				if (body.get('grant_type') === 'refresh_token') {
					const held = refreshTokens.get(body.get('refresh_token') ?? '');
					if (!held)
						return json(res, 400, {
							error: 'invalid_grant',
							error_description: 'Unknown refresh token'
						});
					refreshTokens.delete(body.get('refresh_token')!); // rotation
					return issueTokens(res, held.scope);
				}
				return json(res, 400, { error: 'unsupported_grant_type' });
			}
			case '/register': {
				let text = '';
				for await (const chunk of req) text += chunk;
				const meta = JSON.parse(text) as Record<string, unknown>;
				log.registrations++;
				return json(res, 201, {
					...meta,
					client_id: `client-${token()}`,
					token_endpoint_auth_method: 'none'
				});
			}
			case '/revoke': {
				const body = await form(req);
				const t = body.get('token') ?? '';
				log.revoked.push(t);
				accessTokens.delete(t);
				refreshTokens.delete(t);
				res.writeHead(200);
				return void res.end();
			}
			case '/mcp': {
				const auth = req.headers.authorization ?? '';
				if (!auth.startsWith('Bearer ') || !accessTokens.has(auth.slice(7))) {
					return json(
						res,
						401,
						{ error: 'invalid_token' },
						{
							'WWW-Authenticate': `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp", scope="mcp:tools"${auth ? ', error="invalid_token"' : ''}`
						}
					);
				}
				if (!options.toolsCallScope) return serveFetch(req, res, mcp.fetch);
				const body = await readBody(req);
				let method: unknown;
				try {
					method = (JSON.parse(body.toString() || '{}') as { method?: unknown }).method;
				} catch {
					method = undefined;
				}
				const granted = (accessTokens.get(auth.slice(7)) ?? '').split(' ');
				if (method === 'tools/call' && !granted.includes(options.toolsCallScope)) {
					const needed = ['mcp:tools', options.toolsCallScope].join(' ');
					return json(
						res,
						403,
						{ error: 'insufficient_scope' },
						{
							'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${needed}", resource_metadata="${base}/.well-known/oauth-protected-resource/mcp"`
						}
					);
				}
				return sendWebResponse(res, await mcp.fetch(toWebRequest(req, body)));
			}
			default:
				res.writeHead(404);
				return void res.end();
		}
	}

	const server = createServer((req, res) => {
		route(req, res).catch(() => {
			if (!res.headersSent) res.writeHead(500);
			res.end();
		});
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
	const { port } = server.address() as AddressInfo;
	base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
	return {
		url: base,
		mcpUrl: `${base}/mcp`,
		log,
		expireAccessTokens: () => accessTokens.clear(),
		async close() {
			await mcp.close().catch(() => {});
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			server.closeAllConnections();
			await closed;
		}
	};
}
