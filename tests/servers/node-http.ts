/**
 * Bridges between Node's http (IncomingMessage/ServerResponse) and the
 * web-standard Request/Response the SDK's HTTP handlers speak.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A fetch-shaped handler, as returned by the SDK's HTTP entry points. */
export type FetchHandler = (request: Request) => Promise<Response>;

/** Largest request body read into memory (the SDK's own limit is 4 MiB). */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

/** Reads the whole request body, failing past `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
		size += buf.length;
		if (size > limit) throw new BodyTooLargeError(`request body over ${limit} bytes`);
		chunks.push(buf);
	}
	return Buffer.concat(chunks);
}

/** Builds a web Request from a Node request whose body was already read. */
export function toWebRequest(req: IncomingMessage, body: Buffer, signal?: AbortSignal): Request {
	const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (value === undefined) continue;
		if (Array.isArray(value)) for (const v of value) headers.append(name, v);
		else headers.set(name, value);
	}
	const method = req.method ?? 'GET';
	const hasBody = method !== 'GET' && method !== 'HEAD' && body.length > 0;
	return new Request(url, {
		method,
		headers,
		body: hasBody ? new Uint8Array(body) : undefined,
		signal
	});
}

/** Resolves when the response can take more data, or has gone away. */
function drained(res: ServerResponse): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			res.off('drain', done);
			res.off('close', done);
			resolve();
		};
		res.on('drain', done);
		res.on('close', done);
	});
}

/**
 * Writes a web Response to a Node response, streaming the body (SSE
 * responses stay open until the SDK ends them or the client goes away).
 * Headers already set on `res` (CORS) are kept.
 */
export async function sendWebResponse(res: ServerResponse, response: Response): Promise<void> {
	res.statusCode = response.status;
	response.headers.forEach((value, name) => res.setHeader(name, value));
	if (!response.body) {
		res.end();
		return;
	}
	res.flushHeaders();
	const reader = response.body.getReader();
	const cancel = () => void reader.cancel().catch(() => {});
	res.on('close', cancel);
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			if (res.destroyed) break;
			if (!res.write(value)) await drained(res);
		}
	} catch {
		// The stream failed or was cancelled because the client went away.
	} finally {
		res.off('close', cancel);
		if (!res.destroyed) res.end();
	}
}

/**
 * Serves one Node request through a fetch-shaped handler. The Request's
 * signal aborts when the client disconnects before the response finished.
 */
export async function serveFetch(
	req: IncomingMessage,
	res: ServerResponse,
	handler: FetchHandler
): Promise<void> {
	let body: Buffer;
	try {
		body = await readBody(req);
	} catch (error) {
		if (!(error instanceof BodyTooLargeError)) throw error;
		res.statusCode = 413;
		res.setHeader('Content-Type', 'text/plain; charset=utf-8');
		res.setHeader('Connection', 'close');
		res.end('Payload Too Large\n');
		return;
	}
	const aborter = new AbortController();
	res.on('close', () => {
		if (!res.writableFinished) aborter.abort();
	});
	const response = await handler(toWebRequest(req, body, aborter.signal));
	await sendWebResponse(res, response);
}

/** A small JSON-RPC error Response (id null) with an HTTP status. */
export function jsonRpcErrorResponse(status: number, code: number, message: string): Response {
	return new Response(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }), {
		status,
		headers: { 'Content-Type': 'application/json' }
	});
}
