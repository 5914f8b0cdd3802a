/**
 * An MCP endpoint that breaks the rules on purpose, written by hand over plain HTTP (2025-era
 * Streamable HTTP with a session): its tools/list answer streams an event that is not JSON and
 * a notification with an envelope the SDK refuses before the real result, and its one tool
 * returns a result whose content is not an array; two of its tools share a name. An inspector
 * must show all of it. `silentSse` opens an event stream and never says anything.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const OFF_SPEC_GARBAGE = 'this is not JSON {';

async function readBody(req: IncomingMessage): Promise<string> {
	let body = '';
	for await (const chunk of req) body += chunk;
	return body;
}

function json(
	res: ServerResponse,
	status: number,
	value: unknown,
	headers: Record<string, string> = {}
): void {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(value));
}

export class OffSpecEndpoint {
	readonly #sessions = new Set<string>();

	async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		if (req.method === 'DELETE') {
			this.#sessions.delete(String(req.headers['mcp-session-id']));
			return void res.writeHead(200).end();
		}
		if (req.method !== 'POST') return void res.writeHead(405, { Allow: 'POST, DELETE' }).end();
		let message: { id?: number | string; method?: string; params?: Record<string, unknown> };
		try {
			message = JSON.parse(await readBody(req));
		} catch {
			return json(res, 400, {
				jsonrpc: '2.0',
				id: null,
				error: { code: -32700, message: 'Parse error' }
			});
		}
		const { id, method } = message;
		if (method === 'initialize') {
			const session = randomUUID();
			this.#sessions.add(session);
			// `?init=broken` answers initialize with capabilities that are not an object.
			const broken = new URL(req.url ?? '/', 'http://x').searchParams.get('init') === 'broken';
			const result = {
				protocolVersion: '2025-11-25',
				capabilities: broken ? 'all of them' : { tools: {} },
				serverInfo: { name: 'off-spec', version: '0.0.1' }
			};
			return json(res, 200, { jsonrpc: '2.0', id, result }, { 'Mcp-Session-Id': session });
		}
		if (!this.#sessions.has(String(req.headers['mcp-session-id']))) {
			return json(res, 404, {
				jsonrpc: '2.0',
				id: id ?? null,
				error: { code: -32001, message: 'Session not found' }
			});
		}
		if (id === undefined) return void res.writeHead(202).end();
		if (method === 'tools/list') {
			res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
			res.write(`data: ${OFF_SPEC_GARBAGE}\n\n`);
			res.write(
				`data: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 'odd' }, surplus: true })}\n\n`
			);
			const tools = [
				{
					name: 'odd_result',
					description: 'Returns content that is not an array.',
					inputSchema: { type: 'object' }
				},
				{
					name: 'odd_result',
					description: 'A second tool with the same name.',
					inputSchema: { type: 'object' }
				},
				{
					name: 'progress_race',
					description: 'Three progress notifications and the result in one network write.',
					inputSchema: { type: 'object' }
				}
			];
			res.end(`data: ${JSON.stringify({ jsonrpc: '2.0', id, result: { tools } })}\n\n`);
			return;
		}
		if (method === 'tools/call' && message.params?.name === 'progress_race') {
			// Legal, and a classic race for clients: the last progress and the result arrive together.
			const token = (message.params._meta as { progressToken?: string | number } | undefined)
				?.progressToken;
			const events = [1, 2, 3]
				.filter(() => token !== undefined)
				.map((n) => ({
					jsonrpc: '2.0',
					method: 'notifications/progress',
					params: { progressToken: token, progress: n, total: 3 }
				}));
			events.push({
				jsonrpc: '2.0',
				id,
				result: { content: [{ type: 'text', text: 'raced' }] }
			} as never);
			res.writeHead(200, { 'Content-Type': 'text/event-stream' });
			res.end(events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join(''));
			return;
		}
		if (method === 'tools/call') {
			return json(res, 200, {
				jsonrpc: '2.0',
				id,
				result: { content: 'plain string, not an array', isError: false }
			});
		}
		if (method === 'ping') return json(res, 200, { jsonrpc: '2.0', id, result: {} });
		return json(res, 200, {
			jsonrpc: '2.0',
			id,
			error: { code: -32601, message: `Method not found: ${method}` }
		});
	}
}

/** A legacy SSE stream that never sends its `endpoint` event: a client must give up, not hang. */
export function silentSse(res: ServerResponse): void {
	res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
	res.write(': connected, but saying nothing\n\n');
}
