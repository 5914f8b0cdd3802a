/**
 * A real OAuth 2.1 authorization server for Loupe's sign-in tests and demo, built on
 * `oidc-provider`:
 *
 * - Dynamic Client Registration (open, public clients welcome), CORS on /reg for browsers
 * - authorization code + PKCE S256 required, RFC 9207 `iss` in the response
 * - resource indicators (RFC 8707): access tokens are JWTs whose audience is the resource URL
 * - refresh tokens, rotated on every use; token revocation (RFC 7009)
 * - metadata at /.well-known/oauth-authorization-server and /.well-known/openid-configuration
 * - a plain HTML login page (textbox "Username", button "Sign in") and consent page
 *   (button "Approve", button "Deny"); any non-empty username signs in
 *
 * Resource URLs whose path ends in "-short" get `shortTokenTtl` (default 5 s) access tokens,
 * for refresh tests; everything else gets `tokenTtl` (default 600 s).
 *
 * A second issuer, `<issuer>/closed`, is the same provider configuration mounted under that path
 * with oidc-provider's own CORS only: its registration endpoint allows no browser (out of the box
 * oidc-provider opens discovery, token and revocation to other origins, not registration). Its
 * metadata is also served at the RFC 8414 path-inserted URLs.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { handleInteraction } from './interaction';

export const AUTH_SCOPES = ['mcp:tools', 'mcp:admin'] as const;

/** The path the second issuer (registration closed to browsers) is mounted at. */
export const CLOSED_REGISTRATION_PREFIX = '/closed';

export interface AuthServerOptions {
	port: number;
	host?: string;
	/** Access token lifetime in seconds (default 600). */
	tokenTtl?: number;
	/** Access token lifetime for resources whose path ends in "-short" (default 5). */
	shortTokenTtl?: number;
	onerror?: (error: Error) => void;
}

export interface AuthServer {
	/** The issuer, e.g. http://127.0.0.1:3392 (no trailing slash). */
	issuer: string;
	close(): Promise<void>;
}

function formatHost(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}

/** A resource indicator this AS issues tokens for: an http(s) URL without a fragment. */
function resourceUrl(indicator: string): URL {
	const url = URL.parse(indicator);
	if (!url || !/^https?:$/.test(url.protocol) || url.hash) throw new Error('invalid resource');
	return url;
}

function configuration(
	issuer: string,
	jwk: object,
	opts: AuthServerOptions,
	prefix = ''
): Configuration {
	const tokenTtl = opts.tokenTtl ?? 600;
	const shortTokenTtl = opts.shortTokenTtl ?? 5;
	return {
		jwks: { keys: [jwk as never] },
		// Interactions are served by this module's own pages (see interaction.ts).
		interactions: { url: (_ctx, interaction) => `${prefix}/interaction/${interaction.uid}` },
		findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
		scopes: ['openid', 'offline_access', ...AUTH_SCOPES],
		responseTypes: ['code'],
		clientDefaults: {
			grant_types: ['authorization_code', 'refresh_token'],
			response_types: ['code'],
			token_endpoint_auth_method: 'none'
		},
		pkce: { required: () => true },
		features: {
			devInteractions: { enabled: false },
			registration: { enabled: true },
			revocation: { enabled: true },
			resourceIndicators: {
				enabled: true,
				defaultResource: (_ctx, _client, oneOf) => (oneOf ? oneOf[0] : undefined) as string,
				useGrantedResource: () => true,
				getResourceServerInfo: (_ctx, indicator) => {
					const url = resourceUrl(indicator);
					return {
						scope: AUTH_SCOPES.join(' '),
						audience: url.href,
						accessTokenTTL: url.pathname.endsWith('-short') ? shortTokenTtl : tokenTtl,
						accessTokenFormat: 'jwt',
						jwt: { sign: { alg: 'RS256' } }
					};
				}
			}
		},
		// Public browser clients: any origin may call token/revocation (a test AS, not a product).
		clientBasedCORS: () => true,
		issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
		rotateRefreshToken: true,
		ttl: {
			// The resource server's own lifetime (short for "-short" resources) wins.
			AccessToken: (_ctx: unknown, token: { resourceServer?: { accessTokenTTL?: number } }) =>
				token.resourceServer?.accessTokenTTL ?? tokenTtl,
			AuthorizationCode: 60,
			Grant: 3600,
			Interaction: 600,
			Session: 3600,
			RefreshToken: 3600
		},
		cookies: {
			keys: ['loupe-test-auth-server'],
			// Two issuers on one host: their cookies must not mix.
			...(prefix
				? {
						names: {
							session: '_closed_session',
							interaction: '_closed_interaction',
							resume: '_closed_resume'
						}
					}
				: {})
		},
		renderError: async (ctx: KoaContextWithOIDC, out) => {
			ctx.type = 'html';
			ctx.body = `<!doctype html><title>Sign-in error</title><h1>Sign-in error</h1><p>${escapeHtml(String(out.error))}: ${escapeHtml(String(out.error_description ?? ''))}</p>`;
		}
	} as Configuration;
}

export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

/** CORS for the registration endpoint, which oidc-provider does not open to browsers itself. */
function registrationCors(req: IncomingMessage, res: ServerResponse): boolean {
	res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
	res.setHeader('Vary', 'Origin');
	if (req.method === 'OPTIONS') {
		res.setHeader('Access-Control-Allow-Methods', 'POST, OPTIONS');
		res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
		res.setHeader('Access-Control-Max-Age', '600');
		res.statusCode = 204;
		res.end();
		return true;
	}
	return false;
}

/**
 * The second issuer's requests, mounted the way Express mounts an app (`originalUrl` and
 * `baseUrl` tell oidc-provider where it lives): the path below the prefix, or undefined for the
 * first issuer's. The RFC 8414 path-inserted metadata URLs map to its metadata.
 */
function mountedPath(
	req: IncomingMessage & { originalUrl?: string; baseUrl?: string },
	path: string
): string | undefined {
	const url = req.url ?? '/';
	let mounted: string | undefined;
	if (path === CLOSED_REGISTRATION_PREFIX || path.startsWith(CLOSED_REGISTRATION_PREFIX + '/')) {
		mounted = url.slice(CLOSED_REGISTRATION_PREFIX.length) || '/';
	} else {
		for (const wellKnown of [
			'/.well-known/oauth-authorization-server',
			'/.well-known/openid-configuration'
		]) {
			if (path === wellKnown + CLOSED_REGISTRATION_PREFIX)
				mounted = wellKnown + url.slice(path.length);
		}
	}
	if (mounted === undefined) return undefined;
	req.originalUrl = url;
	req.baseUrl = CLOSED_REGISTRATION_PREFIX;
	return mounted;
}

export async function startAuthServer(opts: AuthServerOptions): Promise<AuthServer> {
	const host = opts.host ?? '127.0.0.1';
	const { privateKey } = await generateKeyPair('RS256', { extractable: true });
	const jwk = { ...(await exportJWK(privateKey)), use: 'sig', alg: 'RS256', kid: 'loupe-test' };

	// The port is known only after listen() when 0 was asked for: the providers are made then.
	/* eslint-disable prefer-const -- assigned once listening, read by the request handler declared before */
	let provider: Provider | undefined;
	let callback: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
	let closed:
		| { provider: Provider; callback: (req: IncomingMessage, res: ServerResponse) => void }
		| undefined;
	/* eslint-enable prefer-const */
	const server = createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		if (!provider || !callback || !closed) {
			res.statusCode = 503;
			return void res.end();
		}
		const mounted = mountedPath(req, path);
		if (mounted !== undefined) {
			req.url = mounted;
			if (!mounted.startsWith('/interaction/')) return closed.callback(req, res);
		}
		const target = mounted !== undefined ? closed.provider : provider;
		if ((mounted ?? path).startsWith('/interaction/')) {
			handleInteraction(
				target,
				req,
				res,
				mounted !== undefined ? CLOSED_REGISTRATION_PREFIX : ''
			).catch((error: unknown) => {
				opts.onerror?.(error instanceof Error ? error : new Error(String(error)));
				if (!res.headersSent) {
					res.statusCode = 500;
					res.setHeader('Content-Type', 'text/plain; charset=utf-8');
				}
				res.end(`Interaction failed: ${error instanceof Error ? error.message : String(error)}\n`);
			});
			return;
		}
		if (path === '/reg' && registrationCors(req, res)) return;
		callback(req, res);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	const issuer = `http://${formatHost(host)}:${port}`;
	provider = new Provider(issuer, configuration(issuer, jwk, opts));
	provider.on('server_error', (_ctx, error) => opts.onerror?.(error));
	callback = provider.callback() as (req: IncomingMessage, res: ServerResponse) => void;
	const closedIssuer = issuer + CLOSED_REGISTRATION_PREFIX;
	const closedProvider = new Provider(
		closedIssuer,
		configuration(closedIssuer, jwk, opts, CLOSED_REGISTRATION_PREFIX)
	);
	closedProvider.on('server_error', (_ctx, error) => opts.onerror?.(error));
	closed = {
		provider: closedProvider,
		callback: closedProvider.callback() as (req: IncomingMessage, res: ServerResponse) => void
	};

	let closing: Promise<void> | undefined;
	return {
		issuer,
		close() {
			closing ??= (async () => {
				const closed = new Promise<void>((resolve) => server.close(() => resolve()));
				server.closeAllConnections();
				await closed;
			})();
			return closing;
		}
	};
}
