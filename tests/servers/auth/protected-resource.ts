/**
 * OAuth-protected MCP endpoints of the demo server (an OAuth 2.1 resource server):
 *
 *   /mcp-oauth        both eras, the demo tools plus `admin_report` (needs scope mcp:admin)
 *   /mcp-oauth-short  the same; the test AS gives its tokens a short lifetime (refresh tests)
 *   /mcp-oauth-wrong-resource  misconfigured: its metadata names /mcp-oauth as the resource
 *                     (RFC 9728 §3.3 says a client must stop), for the Auth panel's failed steps
 *   /.well-known/oauth-protected-resource/mcp-oauth[-short]   Protected Resource Metadata (RFC 9728)
 *
 * Every request needs `Authorization: Bearer <JWT>` signed by the AS (keys from its JWKS), with
 * the endpoint's URL as audience, not expired, holding scope mcp:tools. Otherwise 401 with
 * `WWW-Authenticate: Bearer resource_metadata="…"`. Calling `admin_report` without mcp:admin
 * gets 403 `insufficient_scope` naming the scopes needed (step-up).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { McpServer } from '@modelcontextprotocol/server';
import { readBody, sendWebResponse, toWebRequest, BodyTooLargeError } from '../node-http';
import { DualEraEndpoint, type McpEndpoint, type ServerFactory } from '../streamable';
import { AUTH_SCOPES } from './authorization-server';

export const OAUTH_PATHS = ['/mcp-oauth', '/mcp-oauth-short', '/mcp-oauth-wrong-resource'] as const;
/** Protected by the test AS's second issuer, whose registration endpoint allows no browser. */
export const CLOSED_REGISTRATION_PATH = '/mcp-oauth-closed-registration';
export const PRM_PREFIX = '/.well-known/oauth-protected-resource';
/** The scope every request needs, and the extra one `admin_report` needs. */
export const BASE_SCOPE = 'mcp:tools';
export const ADMIN_SCOPE = 'mcp:admin';
export const SCOPED_TOOL = 'admin_report';

/** The demo server plus the tool that needs the extra scope. */
export function withScopedTool(factory: ServerFactory): ServerFactory {
	return () => {
		const server: McpServer = factory();
		server.registerTool(
			SCOPED_TOOL,
			{
				title: 'Admin report',
				description: `Needs the OAuth scope ${ADMIN_SCOPE} (a step-up after sign-in).`
			},
			async () => ({ content: [{ type: 'text', text: 'Admin report: 3 users, 0 incidents.' }] })
		);
		return server;
	};
}

/** The URL a request reached, from its Host header (the resource identifier clients use). */
function origin(req: IncomingMessage): string {
	const host = req.headers.host ?? '127.0.0.1';
	return /^[A-Za-z0-9.:[\]-]+$/.test(host) ? `http://${host}` : 'http://127.0.0.1';
}

function quote(value: string): string {
	return `"${value.replace(/["\\]/g, '')}"`;
}

function challenge(
	res: ServerResponse,
	status: 401 | 403,
	params: Record<string, string>,
	description: string
): void {
	const header =
		'Bearer ' +
		Object.entries(params)
			.map(([k, v]) => `${k}=${quote(v)}`)
			.join(', ');
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'WWW-Authenticate': header,
		'Cache-Control': 'no-store'
	});
	res.end(
		JSON.stringify({ error: params.error ?? 'unauthorized', error_description: description })
	);
}

/** Tool names called in a JSON-RPC body (one message or a batch). */
function calledTools(body: Buffer): string[] {
	try {
		const parsed = JSON.parse(body.toString('utf8'));
		const messages = Array.isArray(parsed) ? parsed : [parsed];
		return messages
			.filter((m) => m?.method === 'tools/call' && typeof m.params?.name === 'string')
			.map((m) => m.params.name as string);
	} catch {
		return [];
	}
}

export class OAuthProtectedEndpoints {
	readonly #endpoints = new Map<string, McpEndpoint>();
	#jwks: ReturnType<typeof createRemoteJWKSet> | undefined;

	constructor(
		readonly issuer: string,
		factory: ServerFactory,
		onerror?: (error: Error) => void,
		paths: readonly string[] = OAUTH_PATHS
	) {
		for (const path of paths)
			this.#endpoints.set(path, new DualEraEndpoint(withScopedTool(factory), onerror));
	}

	/** Whether `path` belongs to these endpoints (the MCP paths and their metadata). */
	handles(path: string): boolean {
		return (
			this.#endpoints.has(path) ||
			(path.startsWith(PRM_PREFIX + '/') && this.#endpoints.has(path.slice(PRM_PREFIX.length)))
		);
	}

	async serve(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
		const base = origin(req);
		if (path.startsWith(PRM_PREFIX)) {
			const own = path.slice(PRM_PREFIX.length);
			const resource = base + (own === '/mcp-oauth-wrong-resource' ? '/mcp-oauth' : own);
			res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
			return void res.end(
				JSON.stringify({
					resource,
					authorization_servers: [this.issuer],
					scopes_supported: [...AUTH_SCOPES],
					bearer_methods_supported: ['header'],
					resource_name: 'Loupe demo (OAuth)'
				})
			);
		}
		const resource = base + path;
		const metadata = base + PRM_PREFIX + path;
		const auth = req.headers.authorization ?? '';
		const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(auth);
		if (!match) {
			return challenge(
				res,
				401,
				{ resource_metadata: metadata, scope: BASE_SCOPE },
				'Sign in: this endpoint needs an OAuth access token.'
			);
		}
		let payload: JWTPayload;
		try {
			payload = (
				await jwtVerify(match[1], await this.#keys(), {
					issuer: this.issuer,
					audience: resource,
					typ: 'at+jwt'
				})
			).payload;
		} catch (error) {
			const why = error instanceof Error ? error.message : String(error);
			return challenge(
				res,
				401,
				{
					resource_metadata: metadata,
					scope: BASE_SCOPE,
					error: 'invalid_token',
					error_description: why
				},
				why
			);
		}
		const scopes = new Set(
			String(payload.scope ?? '')
				.split(' ')
				.filter(Boolean)
		);
		if (!scopes.has(BASE_SCOPE)) {
			return challenge(
				res,
				403,
				{
					resource_metadata: metadata,
					scope: BASE_SCOPE,
					error: 'insufficient_scope',
					error_description: `needs ${BASE_SCOPE}`
				},
				`needs ${BASE_SCOPE}`
			);
		}
		let body: Buffer;
		try {
			body = await readBody(req);
		} catch (error) {
			if (!(error instanceof BodyTooLargeError)) throw error;
			res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
			return void res.end('Payload Too Large\n');
		}
		if (calledTools(body).includes(SCOPED_TOOL) && !scopes.has(ADMIN_SCOPE)) {
			const needed = [...new Set([...scopes, ADMIN_SCOPE])]
				.filter((s) => (AUTH_SCOPES as readonly string[]).includes(s))
				.join(' ');
			const why = `${SCOPED_TOOL} needs the scope ${ADMIN_SCOPE}`;
			return challenge(
				res,
				403,
				{
					resource_metadata: metadata,
					scope: needed,
					error: 'insufficient_scope',
					error_description: why
				},
				why
			);
		}
		const aborter = new AbortController();
		res.on('close', () => {
			if (!res.writableFinished) aborter.abort();
		});
		const response = await this.#endpoints
			.get(path)!
			.fetch(toWebRequest(req, body, aborter.signal));
		await sendWebResponse(res, response);
	}

	/** The AS's signing keys, found through its metadata on first use. */
	async #keys(): Promise<ReturnType<typeof createRemoteJWKSet>> {
		if (!this.#jwks) {
			const response = await fetch(`${this.issuer}/.well-known/oauth-authorization-server`);
			if (!response.ok)
				throw new Error(`the authorization server's metadata answered ${response.status}`);
			const { jwks_uri } = (await response.json()) as { jwks_uri?: string };
			if (!jwks_uri) throw new Error('the authorization server names no jwks_uri');
			this.#jwks = createRemoteJWKSet(new URL(jwks_uri));
		}
		return this.#jwks;
	}

	async close(): Promise<void> {
		await Promise.allSettled([...this.#endpoints.values()].map((e) => e.close()));
	}
}
