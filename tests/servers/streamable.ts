/**
 * Streamable HTTP serving for both protocol eras.
 *
 * - 2026-07-28 (modern, stateless): the SDK's `createMcpHandler` with
 *   `legacy: 'reject'`, building a fresh server per request.
 * - 2025-11-25 (legacy, sessions): one `WebStandardStreamableHTTPServerTransport`
 *   + server per `Mcp-Session-Id`, created by an `initialize` POST.
 *
 * A dual-era endpoint routes each request with the SDK's `isLegacyRequest`
 * (requests without the per-request `_meta` envelope claim are legacy).
 */
import { randomUUID } from 'node:crypto';
import {
	createMcpHandler,
	isInitializeRequest,
	isJsonContentType,
	isLegacyRequest,
	WebStandardStreamableHTTPServerTransport,
	type McpServer
} from '@modelcontextprotocol/server';
import { jsonRpcErrorResponse } from './node-http';
import { demoEvents } from './dynamic-tools';
import { serveCounterListens } from './resources';

export type ServerFactory = () => McpServer;

export interface McpEndpoint {
	fetch(request: Request): Promise<Response>;
	close(): Promise<void>;
}

interface Session {
	transport: WebStandardStreamableHTTPServerTransport;
	server: McpServer;
}

function isInitializeBody(body: unknown): boolean {
	return Array.isArray(body) ? body.some((m) => isInitializeRequest(m)) : isInitializeRequest(body);
}

/** 2025-era Streamable HTTP with sessions (initialize → Mcp-Session-Id → DELETE). */
export class LegacySessionEndpoint implements McpEndpoint {
	private readonly sessions = new Map<string, Session>();

	constructor(private readonly factory: ServerFactory) {}

	get sessionCount(): number {
		return this.sessions.size;
	}

	fetch = async (request: Request): Promise<Response> => {
		const sessionId = request.headers.get('mcp-session-id');
		if (sessionId !== null) {
			const session = this.sessions.get(sessionId);
			if (!session) return jsonRpcErrorResponse(404, -32001, 'Session not found');
			return session.transport.handleRequest(request);
		}
		if (request.method !== 'POST') {
			if (request.method === 'GET' || request.method === 'DELETE') {
				return jsonRpcErrorResponse(400, -32000, 'Bad Request: Mcp-Session-Id header is required');
			}
			return jsonRpcErrorResponse(405, -32000, 'Method not allowed.');
		}
		if (!isJsonContentType(request.headers.get('content-type'))) {
			return jsonRpcErrorResponse(
				415,
				-32000,
				'Unsupported Media Type: Content-Type must be application/json'
			);
		}
		let body: unknown;
		try {
			body = JSON.parse(await request.text());
		} catch {
			return jsonRpcErrorResponse(400, -32700, 'Parse error');
		}
		if (!isInitializeBody(body)) {
			// Also what a server/discover probe gets here: the 400 makes an
			// auto-negotiating client fall back to initialize.
			return jsonRpcErrorResponse(400, -32000, 'Bad Request: No valid session ID provided');
		}
		return this.startSession(request, body);
	};

	private async startSession(request: Request, body: unknown): Promise<Response> {
		const server = this.factory();
		const transport = new WebStandardStreamableHTTPServerTransport({
			sessionIdGenerator: () => randomUUID(),
			onsessioninitialized: (id) => {
				this.sessions.set(id, { transport, server });
			},
			// After DELETE the transport closes itself (and so the server).
			onsessionclosed: (id) => {
				this.sessions.delete(id);
			}
		});
		await server.connect(transport);
		const previousOnClose = transport.onclose;
		transport.onclose = () => {
			if (transport.sessionId) this.sessions.delete(transport.sessionId);
			previousOnClose?.();
		};
		return transport.handleRequest(request, { parsedBody: body });
	}

	async close(): Promise<void> {
		const sessions = [...this.sessions.values()];
		this.sessions.clear();
		await Promise.allSettled(sessions.map((s) => s.server.close()));
	}
}

/**
 * One endpoint serving both eras: modern requests go to the SDK's
 * stateless per-request handler, legacy ones to the session endpoint.
 */
export class DualEraEndpoint implements McpEndpoint {
	readonly legacy: LegacySessionEndpoint;
	private readonly modern: ReturnType<typeof createMcpHandler>;

	constructor(factory: ServerFactory, onerror?: (error: Error) => void) {
		this.legacy = new LegacySessionEndpoint(factory);
		this.modern = createMcpHandler(() => factory(), { legacy: 'reject', onerror, bus: demoEvents });
	}

	fetch = async (request: Request): Promise<Response> => {
		if (request.method === 'POST' && !isJsonContentType(request.headers.get('content-type'))) {
			return jsonRpcErrorResponse(
				415,
				-32000,
				'Unsupported Media Type: Content-Type must be application/json'
			);
		}
		if (await isLegacyRequest(request)) return this.legacy.fetch(request);
		return serveCounterListens(request, (r) => this.modern.fetch(r));
	};

	async close(): Promise<void> {
		await Promise.allSettled([this.modern.close(), this.legacy.close()]);
	}
}
