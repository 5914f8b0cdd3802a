/**
 * The legacy HTTP+SSE transport (protocol 2024-11-05 style), which the v2
 * server package no longer ships:
 *
 * - `GET /sse` opens an event stream whose first event is `endpoint`, with
 *   the URL to POST messages to (`/messages?sessionId=…`);
 * - every server→client JSON-RPC message is an SSE `message` event;
 * - `POST /messages?sessionId=…` carries client→server messages and is
 *   answered `202 Accepted` (the reply travels over the stream).
 *
 * Each stream gets its own server instance, connected through the SDK's
 * `Transport` interface.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	isJsonContentType,
	parseJSONRPCMessage,
	type JSONRPCMessage,
	type Transport
} from '@modelcontextprotocol/server';
import { BodyTooLargeError, readBody } from './node-http';
import type { ServerFactory } from './streamable';

const KEEP_ALIVE_MS = 15_000;

/** A server-side Transport over one open SSE response. */
export class SseServerTransport implements Transport {
	readonly sessionId = randomUUID();
	onclose?: () => void;
	onerror?: (error: Error) => void;
	onmessage?: (message: JSONRPCMessage) => void;

	private closed = false;
	private keepAlive?: NodeJS.Timeout;

	constructor(
		private readonly res: ServerResponse,
		private readonly messagesPath: string,
		private readonly onDone: (transport: SseServerTransport) => void
	) {}

	async start(): Promise<void> {
		this.res.writeHead(200, {
			'Content-Type': 'text/event-stream',
			'Cache-Control': 'no-cache, no-transform',
			Connection: 'keep-alive',
			'X-Accel-Buffering': 'no'
		});
		this.res.on('close', () => this.finish());
		const endpoint = `${this.messagesPath}?sessionId=${encodeURIComponent(this.sessionId)}`;
		this.res.write(`event: endpoint\ndata: ${endpoint}\n\n`);
		this.keepAlive = setInterval(() => {
			if (this.writable) this.res.write(': keep-alive\n\n');
		}, KEEP_ALIVE_MS);
		this.keepAlive.unref();
	}

	async send(message: JSONRPCMessage): Promise<void> {
		if (!this.writable) throw new Error('SSE stream is closed');
		// JSON.stringify escapes newlines, so one data line is enough.
		this.res.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
	}

	private get writable(): boolean {
		return !this.closed && !this.res.writableEnded && !this.res.destroyed;
	}

	/** Delivers a client→server message that arrived by POST. */
	receive(message: JSONRPCMessage): void {
		this.onmessage?.(message);
	}

	async close(): Promise<void> {
		if (!this.res.writableEnded) this.res.end();
		this.finish();
	}

	private finish(): void {
		if (this.closed) return;
		this.closed = true;
		clearInterval(this.keepAlive);
		this.onDone(this);
		this.onclose?.();
	}
}

function writeText(res: ServerResponse, status: number, body: string): void {
	res.statusCode = status;
	res.setHeader('Content-Type', 'text/plain; charset=utf-8');
	res.end(body);
}

/** The open SSE sessions of one endpoint pair (GET stream + POST messages). */
export class SseEndpoint {
	private readonly transports = new Map<string, SseServerTransport>();

	constructor(
		private readonly factory: ServerFactory,
		private readonly messagesPath: string
	) {}

	get sessionCount(): number {
		return this.transports.size;
	}

	async handleGet(_req: IncomingMessage, res: ServerResponse): Promise<void> {
		const transport = new SseServerTransport(res, this.messagesPath, (t) =>
			this.transports.delete(t.sessionId)
		);
		this.transports.set(transport.sessionId, transport);
		await this.factory().connect(transport);
	}

	async handlePost(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const sessionId = url.searchParams.get('sessionId');
		const transport = sessionId === null ? undefined : this.transports.get(sessionId);
		if (!transport) return writeText(res, 404, 'Session not found\n');
		if (!isJsonContentType(req.headers['content-type'])) {
			return writeText(res, 415, 'Content-Type must be application/json\n');
		}
		let parsed: unknown;
		try {
			parsed = JSON.parse((await readBody(req)).toString('utf8'));
		} catch (error) {
			if (error instanceof BodyTooLargeError) return writeText(res, 413, 'Payload Too Large\n');
			return writeText(res, 400, 'Invalid JSON\n');
		}
		let messages: JSONRPCMessage[];
		try {
			messages = (Array.isArray(parsed) ? parsed : [parsed]).map((item) =>
				parseJSONRPCMessage(item)
			);
		} catch {
			return writeText(res, 400, 'Invalid JSON-RPC message\n');
		}
		writeText(res, 202, 'Accepted');
		for (const message of messages) transport.receive(message);
	}

	async close(): Promise<void> {
		const transports = [...this.transports.values()];
		this.transports.clear();
		await Promise.allSettled(transports.map((t) => t.close()));
	}
}
