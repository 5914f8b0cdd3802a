/**
 * The Loupe demo MCP server: one Node http server exposing the same demo
 * tools over every transport an inspector has to handle.
 *
 *   /             text/plain description of the endpoints
 *   /mcp          Streamable HTTP, 2026-07-28 (stateless) and 2025-11-25 (sessions)
 *   /mcp-legacy   Streamable HTTP, 2025-11-25 only (initialize + sessions)
 *   /mcp-nocors   same as /mcp, without any CORS header
 *   /sse          legacy HTTP+SSE stream (GET); messages are POSTed to /messages
 *   /messages     legacy HTTP+SSE message endpoint (POST ?sessionId=…)
 *   /mcp-off-spec a hand-written 2025-era endpoint that sends invalid and off-spec messages
 *   /sse-silent   an SSE stream that never names its message endpoint
 *   /mcp-token    like /mcp-legacy, but only with "Authorization: Bearer demo-token" (else 401)
 *   /mcp-oauth    both eras, OAuth-protected (JWT from the test authorization server, when
 *                 `authIssuer` is set); /mcp-oauth-short the same with short-lived tokens
 *   /mcp-many     both eras: a server with 2,500 resources served in pages (nextCursor) and 1,000 tools
 *   /mcp-faults   a hand-written 2025-era endpoint whose tools answer with faults (bodies that are
 *                 not what they claim, streams that end before the answer); see faults.ts
 *   /mcp-cors-no-mcp-headers, /mcp-cors-no-expose, /mcp-cors-no-delete   2025-era endpoints whose
 *                 CORS has one defect each, for the CORS doctor (cors-defects.ts);
 *                 /mcp-cors-no-param-headers both eras, refusing the Mcp-Param-* headers
 *   /mcp-oauth-closed-registration  OAuth-protected by the test AS's second issuer (<issuer>/closed),
 *                 whose registration endpoint allows no browser (oidc-provider's default)
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FULL_CORS, setCorsHeaders, writePreflight } from './cors';
import { CORS_DEFECTS, CORS_DEFECT_PATHS, DUAL_ERA_DEFECTS } from './cors-defects';
import { createDemoMcpServer } from './mcp-server';
import { createManyResourcesServer } from './many-resources';
import { serveFetch } from './node-http';
import { SseEndpoint } from './sse-legacy';
import { OffSpecEndpoint, silentSse } from './off-spec';
import { FaultsEndpoint } from './faults';
import { DualEraEndpoint, LegacySessionEndpoint, type McpEndpoint } from './streamable';
import { OAuthProtectedEndpoints, CLOSED_REGISTRATION_PATH } from './auth/protected-resource';
import { CLOSED_REGISTRATION_PREFIX } from './auth/authorization-server';

export interface DemoServerOptions {
	port: number;
	host?: string;
	/** Called with errors the MCP layer reports out of band (default: ignored). */
	onerror?: (error: Error) => void;
	/** Issuer URL of the authorization server that protects /mcp-oauth (see tests/servers/auth). */
	authIssuer?: string;
}

export interface DemoServer {
	/** Base URL, e.g. http://127.0.0.1:3001 (no trailing slash). */
	url: string;
	close(): Promise<void>;
}

export const ENDPOINTS = {
	mcp: '/mcp',
	mcpLegacy: '/mcp-legacy',
	mcpNoCors: '/mcp-nocors',
	sse: '/sse',
	messages: '/messages',
	offSpec: '/mcp-off-spec',
	silentSse: '/sse-silent',
	token: '/mcp-token',
	oauth: '/mcp-oauth',
	oauthShort: '/mcp-oauth-short',
	many: '/mcp-many',
	faults: '/mcp-faults'
} as const;

/** The static bearer token `/mcp-token` accepts. */
export const DEMO_TOKEN = 'demo-token';

export function describeEndpoints(base: string, authIssuer?: string): string {
	const oauth = authIssuer
		? [
				`${base}${ENDPOINTS.oauth}   both eras, OAuth-protected: sign in with ${authIssuer} (any username); admin_report needs scope mcp:admin`,
				`${base}${ENDPOINTS.oauthShort} the same, with access tokens that expire after a few seconds (refresh)`,
				`${base}/mcp-oauth-wrong-resource misconfigured: its resource metadata names ${ENDPOINTS.oauth} (a client must refuse)`,
				`${base}${CLOSED_REGISTRATION_PATH} OAuth-protected by ${authIssuer}${CLOSED_REGISTRATION_PREFIX}, whose registration endpoint allows no browser (CORS)`
			]
		: [];
	return [
		'loupe-demo MCP server (name "loupe-demo", version 1.0.0)',
		'',
		`${base}${ENDPOINTS.mcp}         Streamable HTTP: 2026-07-28 (stateless, server/discover) and 2025-11-25 (initialize, Mcp-Session-Id)`,
		`${base}${ENDPOINTS.mcpLegacy}  Streamable HTTP: 2025-11-25 only (initialize, Mcp-Session-Id, DELETE to end)`,
		`${base}${ENDPOINTS.mcpNoCors}  same as ${ENDPOINTS.mcp} but sends no CORS headers (cross-origin browsers are blocked)`,
		`${base}${ENDPOINTS.sse}         legacy HTTP+SSE stream (GET); messages go to ${ENDPOINTS.messages}?sessionId=...`,
		`${base}${ENDPOINTS.silentSse}  an SSE stream that never sends its endpoint event`,
		`${base}${ENDPOINTS.token}   like ${ENDPOINTS.mcpLegacy}, but requires "Authorization: Bearer ${DEMO_TOKEN}" (401 otherwise)`,
		`${base}${ENDPOINTS.offSpec} a 2025-era endpoint that sends a non-JSON event, an off-spec envelope and an off-spec result`,
		`${base}${ENDPOINTS.many}    Streamable HTTP, both eras: 2,500 resources in pages of 250, and 1,000 tools`,
		`${base}${ENDPOINTS.faults}  a 2025-era endpoint whose tools answer with faults (not JSON, HTML 500, text/plain, cut streams)`,
		`${base}/mcp-cors-no-mcp-headers  2025-era, CORS Allow-Headers without the MCP headers (initialize passes, the next request is blocked)`,
		`${base}/mcp-cors-no-expose       2025-era, CORS without Expose-Headers (the session id is hidden from pages)`,
		`${base}/mcp-cors-no-delete       2025-era, CORS without DELETE (Disconnect cannot end the session)`,
		...oauth,
		''
	].join('\n');
}

function formatHost(host: string): string {
	return host.includes(':') ? `[${host}]` : host;
}

function writeText(
	res: ServerResponse,
	status: number,
	body: string,
	headers: Record<string, string> = {}
): void {
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
	res.end(body);
}

export async function startDemoServer(opts: DemoServerOptions): Promise<DemoServer> {
	const host = opts.host ?? '127.0.0.1';
	const onerror = opts.onerror;

	const mcp = new DualEraEndpoint(createDemoMcpServer, onerror);
	const mcpNoCors = new DualEraEndpoint(createDemoMcpServer, onerror);
	const mcpLegacy = new LegacySessionEndpoint(createDemoMcpServer);
	const mcpToken = new LegacySessionEndpoint(createDemoMcpServer);
	const sse = new SseEndpoint(createDemoMcpServer, ENDPOINTS.messages);
	const offSpec = new OffSpecEndpoint();
	const faults = new FaultsEndpoint();
	const oauth = opts.authIssuer
		? new OAuthProtectedEndpoints(opts.authIssuer, createDemoMcpServer, onerror)
		: undefined;
	const oauthClosed = opts.authIssuer
		? new OAuthProtectedEndpoints(
				opts.authIssuer + CLOSED_REGISTRATION_PREFIX,
				createDemoMcpServer,
				onerror,
				[CLOSED_REGISTRATION_PATH]
			)
		: undefined;
	const corsDefects = Object.fromEntries(
		CORS_DEFECT_PATHS.map((path): [string, McpEndpoint] => [
			path,
			DUAL_ERA_DEFECTS.has(path)
				? new DualEraEndpoint(createDemoMcpServer, onerror)
				: new LegacySessionEndpoint(createDemoMcpServer)
		])
	);
	const many = new DualEraEndpoint(createManyResourcesServer, onerror);
	const streamable: Record<string, McpEndpoint> = {
		[ENDPOINTS.mcp]: mcp,
		[ENDPOINTS.mcpNoCors]: mcpNoCors,
		[ENDPOINTS.mcpLegacy]: mcpLegacy,
		[ENDPOINTS.many]: many,
		...corsDefects
	};
	let baseUrl = '';

	async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		const method = req.method ?? 'GET';
		const cors = path !== ENDPOINTS.mcpNoCors;
		const policy = CORS_DEFECTS[path] ?? FULL_CORS;

		if (method === 'OPTIONS') {
			if (cors) return writePreflight(req, res, policy);
			res.statusCode = 204;
			return void res.end();
		}
		if (cors) setCorsHeaders(req, res, policy);

		if (oauth?.handles(path)) return oauth.serve(req, res, path);
		if (oauthClosed?.handles(path)) return oauthClosed.serve(req, res, path);
		const endpoint = streamable[path];
		if (endpoint) return serveFetch(req, res, endpoint.fetch);
		if (path === ENDPOINTS.token) {
			if (req.headers.authorization !== `Bearer ${DEMO_TOKEN}`) {
				res.writeHead(401, {
					'Content-Type': 'application/json',
					'WWW-Authenticate': 'Bearer realm="loupe-demo", error="invalid_token"'
				});
				return void res.end(
					JSON.stringify({
						error: 'invalid_token',
						error_description: 'Send Authorization: Bearer demo-token'
					})
				);
			}
			return serveFetch(req, res, mcpToken.fetch);
		}

		switch (path) {
			case '/':
				if (method !== 'GET' && method !== 'HEAD')
					return writeText(res, 405, 'Method Not Allowed\n', { Allow: 'GET' });
				return writeText(res, 200, describeEndpoints(baseUrl, opts.authIssuer));
			case ENDPOINTS.sse:
				if (method !== 'GET') return writeText(res, 405, 'Method Not Allowed\n', { Allow: 'GET' });
				return sse.handleGet(req, res);
			case ENDPOINTS.messages:
				if (method !== 'POST')
					return writeText(res, 405, 'Method Not Allowed\n', { Allow: 'POST' });
				return sse.handlePost(req, res);
			case ENDPOINTS.offSpec:
				return offSpec.handle(req, res);
			case ENDPOINTS.silentSse:
				return silentSse(res);
			case ENDPOINTS.faults:
				return faults.handle(req, res);
			default:
				return writeText(res, 404, 'Not Found\n');
		}
	}

	const server = createServer((req, res) => {
		route(req, res).catch((error: unknown) => {
			onerror?.(error instanceof Error ? error : new Error(String(error)));
			if (!res.headersSent) writeText(res, 500, 'Internal Server Error\n');
			else res.destroy();
		});
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(opts.port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port } = server.address() as AddressInfo;
	baseUrl = `http://${formatHost(host)}:${port}`;

	let closing: Promise<void> | undefined;
	return {
		url: baseUrl,
		close() {
			closing ??= (async () => {
				await Promise.allSettled([
					mcp.close(),
					mcpNoCors.close(),
					mcpLegacy.close(),
					mcpToken.close(),
					sse.close(),
					oauth?.close(),
					oauthClosed?.close(),
					many.close(),
					...Object.values(corsDefects).map((e) => e.close())
				]);
				const closed = new Promise<void>((resolve) => server.close(() => resolve()));
				server.closeAllConnections();
				await closed;
			})();
			return closing;
		}
	};
}
