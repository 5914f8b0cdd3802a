/**
 * Smoke test of the demo server with the official v2 client: both
 * Streamable HTTP eras, the legacy SSE transport, and the CORS headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	Client,
	LOG_LEVEL_META_KEY,
	SSEClientTransport,
	StreamableHTTPClientTransport
} from '@modelcontextprotocol/client';
import { startDemoServer, type DemoServer } from './demo';
import { BIG_TEXT_LENGTH } from './tools';

let demo: DemoServer;

beforeAll(async () => {
	demo = await startDemoServer({ port: 0 });
});

afterAll(async () => {
	await demo?.close();
});

function newClient(): Client {
	return new Client(
		{ name: 'loupe-smoke', version: '0.0.0' },
		{ versionNegotiation: { mode: 'auto' } }
	);
}

const order = {
	customer: { name: 'Ada', address: { street: '1 Main St', city: 'London' } },
	items: [
		{ sku: 'A-1', quantity: 2 },
		{ sku: 'B-2', quantity: 1 }
	],
	payment: { type: 'card', number: '4242 4242 4242 4242' }
};

const EXPECTED_TOOLS = [
	'add',
	'ask_llm',
	'ask_user',
	'bad_structured',
	'big_resource',
	'big_structured',
	'big_text',
	'change_tools',
	'create_order',
	'echo',
	'fail',
	'get_image',
	'hidden_instructions',
	'hostile_text',
	'leaky_login',
	'list_roots',
	'log_burst',
	'log_levels',
	'open_link',
	'open_link_required',
	'regional_echo',
	'resource_link_demo',
	'service_login',
	'slow',
	'slow_task',
	'task_only',
	'task_question',
	'types_demo',
	'unicode_and_big'
];

function firstText(result: { content?: unknown }): string {
	const content = result.content as { type: string; text?: string }[];
	const block = content.find((c) => c.type === 'text');
	return block?.text ?? '';
}

describe('demo server', () => {
	it('serves the 2026-07-28 era on /mcp', async () => {
		const client = newClient();
		await client.connect(new StreamableHTTPClientTransport(new URL(`${demo.url}/mcp`)));
		try {
			expect(client.getProtocolEra()).toBe('modern');
			expect(client.getServerVersion()?.name).toBe('loupe-demo');
			expect(client.getInstructions()).toContain('Loupe demo server');

			const { tools } = await client.listTools();
			expect(tools.map((t) => t.name).sort()).toEqual(EXPECTED_TOOLS);
			const createOrder = tools.find((t) => t.name === 'create_order')!;
			expect(createOrder.inputSchema).toHaveProperty('$defs.address');
			expect(createOrder.inputSchema).toHaveProperty('properties.payment.oneOf');
			expect(tools.find((t) => t.name === 'add')!.annotations).toMatchObject({
				readOnlyHint: true,
				idempotentHint: true
			});

			const echo = await client.callTool({ name: 'echo', arguments: { message: 'hi' } });
			expect(firstText(echo)).toBe('Echo: hi');

			const created = await client.callTool({ name: 'create_order', arguments: order });
			expect(firstText(created)).toBe('Order for Ada: 2 items');
			expect(created.structuredContent).toMatchObject({
				customer: 'Ada',
				itemCount: 2,
				totalQuantity: 3,
				payment: 'card'
			});

			const progress: number[] = [];
			const slow = await client.callTool(
				{ name: 'slow', arguments: { steps: 3, delayMs: 10 } },
				{ onprogress: (p) => progress.push(p.progress) }
			);
			expect(firstText(slow)).toBe('done after 3 steps');
			expect(progress).toEqual([1, 2, 3]);

			const logs: unknown[] = [];
			client.setNotificationHandler('notifications/message', (n) => void logs.push(n.params.data));
			const burst = await client.callTool({
				name: 'log_burst',
				arguments: { count: 25 },
				_meta: { [LOG_LEVEL_META_KEY]: 'debug' }
			});
			expect(firstText(burst)).toBe('sent 25');
			expect(logs).toHaveLength(25);

			// The server lets the schema-breaking result through; the client,
			// knowing the outputSchema from tools/list, rejects it.
			await expect(client.callTool({ name: 'bad_structured', arguments: {} })).rejects.toThrow(
				/output schema/
			);

			const big = await client.callTool({ name: 'unicode_and_big', arguments: {} });
			const blocks = big.content as { type: string; text: string }[];
			expect(blocks[0].text).toContain('مرحبا');
			expect(blocks[1].text).toHaveLength(BIG_TEXT_LENGTH);
		} finally {
			await client.close();
		}
	});

	it('falls back to the 2025-11-25 era with a session on /mcp-legacy', async () => {
		const client = newClient();
		const transport = new StreamableHTTPClientTransport(new URL(`${demo.url}/mcp-legacy`));
		await client.connect(transport);
		try {
			expect(client.getProtocolEra()).toBe('legacy');
			expect(transport.sessionId).toMatch(/^[0-9a-f-]{36}$/);
			const { tools } = await client.listTools();
			expect(tools).toHaveLength(EXPECTED_TOOLS.length);
			const created = await client.callTool({ name: 'create_order', arguments: order });
			expect(firstText(created)).toBe('Order for Ada: 2 items');

			const image = await client.callTool({ name: 'get_image', arguments: {} });
			const png = (image.content as { type: string; data?: string }[])[0];
			expect(png.type).toBe('image');
			expect(Buffer.from(png.data!, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');

			const failed = await client.callTool({ name: 'fail', arguments: { reason: 'boom' } });
			expect(failed.isError).toBe(true);
			expect(firstText(failed)).toBe('Something went wrong: boom');

			// Ending the session: the id is then unknown (404).
			const sessionId = transport.sessionId!;
			await transport.terminateSession();
			const after = await fetch(`${demo.url}/mcp-legacy`, {
				method: 'POST',
				headers: {
					'Content-Type': 'application/json',
					Accept: 'application/json, text/event-stream',
					'Mcp-Session-Id': sessionId
				},
				body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' })
			});
			expect(after.status).toBe(404);
		} finally {
			await client.close();
		}
	});

	it('serves the legacy era with sessions on /mcp to a non-negotiating client', async () => {
		const client = new Client({ name: 'loupe-smoke', version: '0.0.0' });
		const transport = new StreamableHTTPClientTransport(new URL(`${demo.url}/mcp`));
		await client.connect(transport);
		try {
			expect(client.getProtocolEra()).toBe('legacy');
			expect(transport.sessionId).toBeTruthy();
			const echo = await client.callTool({ name: 'echo', arguments: { message: 'old' } });
			expect(firstText(echo)).toBe('Echo: old');
		} finally {
			await transport.terminateSession();
			await client.close();
		}
	});

	it('serves the legacy HTTP+SSE transport on /sse', async () => {
		const client = new Client({ name: 'loupe-smoke', version: '0.0.0' });
		await client.connect(new SSEClientTransport(new URL(`${demo.url}/sse`)));
		try {
			const { tools } = await client.listTools();
			expect(tools).toHaveLength(EXPECTED_TOOLS.length);
			const echo = await client.callTool({ name: 'echo', arguments: { message: 'sse' } });
			expect(firstText(echo)).toBe('Echo: sse');
			const created = await client.callTool({ name: 'create_order', arguments: order });
			expect(firstText(created)).toBe('Order for Ada: 2 items');
			const progress: number[] = [];
			await client.callTool(
				{ name: 'slow', arguments: { steps: 2, delayMs: 5 } },
				{ onprogress: (p) => progress.push(p.progress) }
			);
			expect(progress).toEqual([1, 2]);
		} finally {
			await client.close();
		}
	});

	it('answers CORS preflights and sends CORS headers on errors', async () => {
		const preflight = await fetch(`${demo.url}/mcp`, {
			method: 'OPTIONS',
			headers: {
				Origin: 'http://localhost:5173',
				'Access-Control-Request-Method': 'POST',
				'Access-Control-Request-Headers': 'content-type, mcp-session-id, mcp-param-city'
			}
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
		expect(preflight.headers.get('access-control-allow-methods')).toBe(
			'GET, POST, DELETE, OPTIONS'
		);
		const allowed = preflight.headers.get('access-control-allow-headers')!.toLowerCase();
		for (const h of [
			'content-type',
			'authorization',
			'mcp-session-id',
			'mcp-protocol-version',
			'last-event-id',
			'mcp-method',
			'mcp-name',
			'mcp-param-city'
		]) {
			expect(allowed).toContain(h);
		}

		const unknownSession = await fetch(`${demo.url}/mcp`, {
			method: 'DELETE',
			headers: { Origin: 'http://localhost:5173', 'Mcp-Session-Id': 'no-such-session' }
		});
		expect(unknownSession.status).toBe(404);
		expect(unknownSession.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
		expect(unknownSession.headers.get('access-control-expose-headers')).toContain('Mcp-Session-Id');

		const noCors = await fetch(`${demo.url}/mcp-nocors`, {
			method: 'OPTIONS',
			headers: { Origin: 'http://localhost:5173' }
		});
		expect(noCors.headers.get('access-control-allow-origin')).toBeNull();

		const notFound = await fetch(`${demo.url}/nope`);
		expect(notFound.status).toBe(404);
		expect(notFound.headers.get('access-control-allow-origin')).toBe('*');

		const index = await fetch(`${demo.url}/`);
		expect(index.headers.get('content-type')).toContain('text/plain');
		expect(await index.text()).toContain('/mcp-legacy');
	});
});
