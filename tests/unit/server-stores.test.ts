/**
 * The composition root: one server's stores, built by ServerStores and wired to one connection,
 * against the real demo server. Each check here fails if a store is not wired as the page needs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ServerStores } from '../../src/lib/features/workspace/server-stores.svelte';
import { useDemoServer } from './demo-fixture';
import { memoryStorage } from './memory-storage';

const demo = useDemoServer();

beforeEach(() => {
	vi.stubGlobal('sessionStorage', memoryStorage());
	vi.stubGlobal('location', new URL('http://127.0.0.1:4173/'));
});
afterEach(() => vi.unstubAllGlobals());

describe('ServerStores', () => {
	it('one connect fills every store of that server, and a server request reaches its pending requests', async () => {
		const server = new ServerStores();
		server.connection.url = `${demo.url}/mcp-legacy`;
		await server.connection.connect();
		try {
			expect(server.connection.status).toBe('connected');
			await expect.poll(() => server.tools.listing.items.length).toBeGreaterThan(3);
			await expect.poll(() => server.prompts.listing.items.length).toBeGreaterThan(0);
			await expect.poll(() => server.resources.list.length).toBeGreaterThan(0);
			expect(
				server.log.entries.some((e) => e.type === 'message' && e.method === 'initialize')
			).toBe(true);

			// Sampling: the connection's client got the requests store's handlers before its handshake.
			const askLlm = server.tools.listing.items.find((t) => t.name === 'ask_llm')!;
			const call = server.tools.run(askLlm, { prompt: 'Hello' });
			await expect
				.poll(() => server.requests.items.filter((i) => i.state === 'pending').length)
				.toBe(1);
			expect(server.tools.running?.toolName).toBe('ask_llm');
			server.tools.cancel();
			await call;
		} finally {
			await server.connection.disconnect();
		}
		expect(server.connection.status).toBe('disconnected');
		expect(server.tools.listing.items).toEqual([]);
		expect(server.tools.listing.loading).toBe(false);
	});

	it('asks for the tool list first, and for resources and prompts once it has arrived', async () => {
		const server = new ServerStores();
		server.connection.url = `${demo.url}/mcp-legacy`;
		await server.connection.connect();
		try {
			await expect.poll(() => server.prompts.listing.items.length).toBeGreaterThan(0);
			await expect.poll(() => server.resources.list.length).toBeGreaterThan(0);
			server.log.flush();
			const seqOf = (method: string, direction: 'sent' | 'received') =>
				server.log.entries.find(
					(e) => e.type === 'message' && e.method === method && e.direction === direction
				)?.seq ?? NaN;
			const toolsAnswered = seqOf('tools/list', 'received');
			expect(seqOf('tools/list', 'sent')).toBeLessThan(toolsAnswered);
			for (const method of ['resources/list', 'resources/templates/list', 'prompts/list'])
				expect(seqOf(method, 'sent')).toBeGreaterThan(toolsAnswered);
		} finally {
			await server.connection.disconnect();
		}
	});

	it('two servers built side by side keep their own sessions and traffic', async () => {
		const a = new ServerStores();
		const b = new ServerStores();
		a.connection.url = `${demo.url}/mcp-legacy`;
		b.connection.url = `${demo.url}/mcp`;
		await Promise.all([a.connection.connect(), b.connection.connect()]);
		try {
			expect(a.connection.details?.era).toBe('legacy');
			expect(b.connection.details?.era).toBe('modern');
			const urls = (stores: ServerStores) =>
				new Set(
					stores.log.entries
						.filter((e) => e.type === 'http')
						.map((e) => (e.type === 'http' ? new URL(e.url).pathname : ''))
				);
			expect([...urls(a)]).toEqual(['/mcp-legacy']);
			expect([...urls(b)]).toEqual(['/mcp']);
		} finally {
			await Promise.all([a.connection.disconnect(), b.connection.disconnect()]);
		}
	});
});
