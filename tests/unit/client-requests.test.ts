/**
 * What the server asks of the client: the queue a person answers from, SEP-1034 defaults, the
 * link check, and the handlers against the real demo server in both protocol eras.
 */
import { describe, expect, it } from 'vitest';
import { useDemoServer } from './demo-fixture';
import { McpSession } from '../../src/lib/core/session';
import {
	ClientRequestQueue,
	installClientRequestHandlers,
	notifyRootsChanged,
	validRoots,
	type ClientRequest,
	type Root
} from '../../src/lib/core/client-requests';
import { checkElicitationUrl, elicitationDefaults } from '../../src/lib/core/elicitation';
import { buildSamplingReply, readSamplingRequest } from '../../src/lib/core/sampling';
import { TrafficRecorder, type MessageEntry, type TrafficItem } from '../../src/lib/core/traffic';
import { callTool } from '../../src/lib/core/tool-call';

describe('elicitationDefaults (SEP-1034)', () => {
	it('takes defaults of string, number, integer, boolean, enum and multi-select fields', () => {
		const schema = {
			type: 'object',
			properties: {
				name: { type: 'string', default: 'Ada' },
				age: { type: 'integer', default: 36 },
				ratio: { type: 'number', default: 0.5 },
				subscribe: { type: 'boolean', default: false },
				color: { type: 'string', enum: ['red', 'green'], default: 'green' },
				size: {
					type: 'string',
					oneOf: [
						{ const: 's', title: 'Small' },
						{ const: 'l', title: 'Large' }
					],
					default: 'l'
				},
				tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, default: ['a', 'x'] },
				none: { type: 'string' }
			}
		};
		expect(elicitationDefaults(schema)).toEqual({
			name: 'Ada',
			age: 36,
			ratio: 0.5,
			subscribe: false,
			color: 'green',
			size: 'l',
			tags: ['a']
		});
	});

	it('ignores defaults that do not fit their field, and junk schemas', () => {
		const schema = {
			type: 'object',
			properties: {
				age: { type: 'integer', default: 1.5 },
				name: { type: 'string', default: 3 },
				color: { type: 'string', enum: ['red'], default: 'blue' },
				flag: { type: 'boolean', default: 'yes' }
			}
		};
		expect(elicitationDefaults(schema)).toEqual({});
		expect(elicitationDefaults(null)).toEqual({});
		expect(elicitationDefaults({ properties: [] })).toEqual({});
	});
});

describe('checkElicitationUrl', () => {
	it('allows https anywhere and http only on this machine', () => {
		expect(checkElicitationUrl('https://example.com/a')).toMatchObject({
			ok: true,
			domain: 'example.com'
		});
		expect(checkElicitationUrl('http://127.0.0.1:3001/x')).toMatchObject({
			ok: true,
			domain: '127.0.0.1'
		});
		expect(checkElicitationUrl('http://localhost/x').ok).toBe(true);
		expect(checkElicitationUrl('http://example.com/').ok).toBe(false);
	});
	it('refuses other schemes with a reason', () => {
		for (const bad of [
			'javascript:alert(1)',
			'data:text/html,hi',
			'file:///etc/passwd',
			'not a url',
			'',
			42
		]) {
			const check = checkElicitationUrl(bad);
			expect(check.ok).toBe(false);
			if (!check.ok) expect(check.reason.length).toBeGreaterThan(10);
		}
		const js = checkElicitationUrl('javascript:alert(1)');
		expect(!js.ok && js.reason).toContain('javascript:');
	});
});

describe('validRoots', () => {
	it('keeps file:// URIs only, trims names', () => {
		expect(
			validRoots([
				{ uri: ' file:///home/ada ', name: ' Home ' },
				{ uri: 'https://x' },
				{ uri: 'file:///tmp', name: '' }
			])
		).toEqual([{ uri: 'file:///home/ada', name: 'Home' }, { uri: 'file:///tmp' }]);
	});
});

describe('sampling requests and replies', () => {
	it('reads messages of every kind, preferences, limits and tools defensively', () => {
		const view = readSamplingRequest({
			messages: [
				{ role: 'user', content: { type: 'text', text: 'hi' } },
				{
					role: 'assistant',
					content: [{ type: 'tool_use', id: 'c1', name: 'w', input: { a: 1 } }]
				},
				{
					role: 'user',
					content: [
						{ type: 'tool_result', toolUseId: 'c1', content: [{ type: 'text', text: 'ok' }] },
						{ type: 'image', mimeType: 'image/png', data: 'AAAA' }
					]
				},
				'junk'
			],
			systemPrompt: 'sys',
			modelPreferences: { hints: [{ name: 'm1' }, 3], speedPriority: 0.2 },
			includeContext: 'thisServer',
			maxTokens: 10,
			stopSequences: ['X', 4],
			tools: [{ name: 'w', description: 'weather' }, { nope: true }],
			toolChoice: { mode: 'required' }
		});
		expect(
			view.messages.map((m) => m.blocks.map((b) => (b.type === 'content' ? b.view.type : b.type)))
		).toEqual([['text'], ['tool_use'], ['tool_result', 'image'], ['unknown']]);
		expect(view).toMatchObject({
			systemPrompt: 'sys',
			modelHints: ['m1'],
			priorities: [{ name: 'speed', value: 0.2 }],
			includeContext: 'thisServer',
			maxTokens: 10,
			stopSequences: ['X'],
			toolChoice: 'required'
		});
		expect(view.tools).toEqual([{ name: 'w', description: 'weather', inputSchema: undefined }]);
		expect(readSamplingRequest({}).messages).toEqual([]);
	});

	it('builds text and tool-use replies as the assistant', () => {
		expect(
			buildSamplingReply({ kind: 'text', model: ' ', stopReason: 'endTurn', text: 'yo' })
		).toEqual({
			role: 'assistant',
			model: 'loupe-person',
			stopReason: 'endTurn',
			content: { type: 'text', text: 'yo' }
		});
		expect(
			buildSamplingReply({
				kind: 'tool_use',
				model: 'm',
				stopReason: 'toolUse',
				toolName: 'w',
				input: { a: 1 },
				id: 'c2'
			})
		).toEqual({
			role: 'assistant',
			model: 'm',
			stopReason: 'toolUse',
			content: [{ type: 'tool_use', id: 'c2', name: 'w', input: { a: 1 } }]
		});
	});
});

describe('ClientRequestQueue', () => {
	it('dismissing a pending item cancels an elicitation and rejects a sampling request', async () => {
		const queue = new ClientRequestQueue();
		const e = queue.ask('elicitation/create', { mode: 'form' });
		const s = queue.ask('sampling/createMessage', {});
		queue.dismiss(queue.items[0].id);
		await expect(e).resolves.toEqual({ action: 'cancel' });
		queue.dismiss(queue.items[0].id);
		await expect(s).rejects.toMatchObject({ code: -1 });
		expect(queue.items).toHaveLength(0);
	});

	it('dismissing every waiting item settles each as dismiss would, in one change', async () => {
		const queue = new ClientRequestQueue();
		const asked = Array.from({ length: 300 }, (_, i) =>
			i % 2
				? queue.ask('sampling/createMessage', {})
				: queue.ask('elicitation/create', { mode: 'form' })
		);
		for (const answer of asked) answer.catch(() => {});
		let changes = 0;
		queue.onchange = () => changes++;
		queue.dismissWaiting();
		expect(changes).toBe(1);
		expect(queue.items).toHaveLength(0);
		await expect(asked[0]).resolves.toEqual({ action: 'cancel' });
		await expect(asked[1]).rejects.toMatchObject({ code: -1 });
	});

	it('turns a request into a pending item and resolves with the answer', async () => {
		const queue = new ClientRequestQueue();
		const seen: (readonly ClientRequest[])[] = [];
		queue.onchange = (items) => seen.push(items);
		const reply = queue.ask('sampling/createMessage', { messages: [] });
		expect(queue.pendingCount).toBe(1);
		const item = queue.items[0];
		expect(item.kind).toBe('sampling');
		queue.answer(
			item.id,
			{ role: 'assistant', model: 'm', content: { type: 'text', text: 'hi' } },
			'Sent'
		);
		await expect(reply).resolves.toMatchObject({ model: 'm' });
		expect(queue.items[0]).toMatchObject({ state: 'answered', outcome: 'Sent' });
		expect(queue.pendingCount).toBe(0);
		expect(seen.length).toBe(2);
	});

	it('rejects with code -1, withdraws on abort and on disconnect', async () => {
		const queue = new ClientRequestQueue();
		const a = queue.ask('sampling/createMessage', {});
		queue.reject(queue.items[0].id, 'no');
		await expect(a).rejects.toMatchObject({ code: -1, message: 'no' });

		const abort = new AbortController();
		const b = queue.ask('elicitation/create', { mode: 'form' }, abort.signal);
		expect(queue.items[1].kind).toBe('elicitation-form');
		abort.abort();
		await expect(b).rejects.toBeTruthy();
		expect(queue.items[1].state).toBe('withdrawn');

		const c = queue.ask('elicitation/create', {
			mode: 'url',
			url: 'https://x',
			elicitationId: 'e1'
		});
		expect(queue.items[2]).toMatchObject({ kind: 'elicitation-url', elicitationId: 'e1' });
		queue.withdrawAll();
		await expect(c).rejects.toBeTruthy();
		expect(queue.pendingCount).toBe(0);
	});

	it('marks URL elicitations complete by id, and keeps -32042 ones with their retry', () => {
		const queue = new ClientRequestQueue();
		let retried = 0;
		queue.addFromUrlError([{ mode: 'url', url: 'https://x', message: 'm', elicitationId: 'e9' }], {
			label: 'Retry',
			run: () => retried++
		});
		expect(queue.items[0]).toMatchObject({
			kind: 'elicitation-url',
			state: 'pending',
			elicitationId: 'e9'
		});
		expect(queue.complete('nope')).toBe(false);
		expect(queue.complete('e9')).toBe(true);
		expect(queue.items[0].completed).toBe(true);
		queue.settleLocal(queue.items[0].id, 'Opened', { opened: true });
		expect(queue.items[0]).toMatchObject({ state: 'answered', opened: true });
		queue.dismiss(queue.items[0].id);
		expect(queue.items).toHaveLength(0);
		expect(retried).toBe(0);
	});

	it('retrying a -32042 call runs it again and clears the links that error brought, and only those', () => {
		const queue = new ClientRequestQueue();
		let retried = 0;
		const link = (n: number) => ({ mode: 'url', url: `https://x/${n}`, message: 'm' });
		queue.addFromUrlError([link(1), link(2)], { label: 'Retry a', run: () => retried++ });
		queue.addFromUrlError([link(3)], { label: 'Retry b', run: () => {} });
		queue.settleLocal(queue.items[0].id, 'Opened', { opened: true });
		queue.retry(queue.items[0].id);
		expect(retried).toBe(1);
		expect(queue.items.map((i) => i.params.url)).toEqual(['https://x/3']);
		queue.retry(12345);
		expect(retried).toBe(1);
	});
});

describe('handlers against the demo server', () => {
	const demo = useDemoServer();

	async function open(path: string, roots: Root[] = []) {
		const recorder = new TrafficRecorder();
		const entries: TrafficItem[] = [];
		recorder.subscribe((e, change) => change === 'added' && entries.push(e));
		const queue = new ClientRequestQueue();
		const notifications: string[] = [];
		const session = await McpSession.open(
			{
				url: new URL(demo.url + path),
				transport: path === '/sse' ? 'sse' : 'auto',
				recorder,
				timeoutMs: 10_000
			},
			{
				setupClient: (client) =>
					installClientRequestHandlers(client, { queue, roots: () => roots }),
				onNotification: (n) => {
					notifications.push(n.method);
					if (n.method === 'notifications/elicitation/complete')
						queue.complete((n.params as { elicitationId?: unknown })?.elicitationId);
				}
			}
		);
		return { session, queue, entries, notifications };
	}

	const call = (session: McpSession, name: string, args: Record<string, unknown> = {}) =>
		callTool(session, { name, paramHeaders: [] }, args, { timeout: 10_000 });

	const nextPending = async (queue: ClientRequestQueue) => {
		for (let i = 0; i < 200; i++) {
			const item = queue.items.find((x) => x.state === 'pending');
			if (item) return item;
			await new Promise((r) => setTimeout(r, 10));
		}
		throw new Error('no pending request arrived');
	};
	const textOf = (result: unknown) => (result as { content: { text: string }[] }).content[0].text;

	for (const path of ['/mcp', '/mcp-legacy', '/sse']) {
		it(`sampling and form elicitation reach the queue and the reply reaches the tool (${path})`, async () => {
			const { session, queue, entries } = await open(path);
			const sampling = call(session, 'ask_llm', { prompt: 'Hi there' });
			const item = await nextPending(queue);
			expect(item.kind).toBe('sampling');
			expect(item.era).toBe(session.details.era);
			expect(JSON.stringify(item.params.messages)).toContain('Hi there');
			queue.answer(
				item.id,
				{
					role: 'assistant',
					model: 'person',
					stopReason: 'endTurn',
					content: { type: 'text', text: 'Hello back' }
				},
				'Sent'
			);
			expect(textOf((await sampling).result)).toContain('Hello back');

			const form = call(session, 'ask_user');
			const elicit = await nextPending(queue);
			expect(elicit.kind).toBe('elicitation-form');
			queue.answer(
				elicit.id,
				{ action: 'accept', content: elicitationDefaults(elicit.params.requestedSchema) },
				'Accepted'
			);
			expect(textOf((await form).result)).toContain('"name":"Ada"');

			if (session.details.era === 'legacy') {
				// Loupe declares exactly what it answers.
				const init = entries.find(
					(e): e is MessageEntry =>
						e.type === 'message' && e.method === 'initialize' && e.direction === 'sent'
				)!;
				expect(JSON.parse(init.raw).params.capabilities).toEqual({
					sampling: { tools: {} },
					elicitation: { form: {}, url: {} },
					roots: { listChanged: true }
				});
				const methods = entries
					.filter((e): e is MessageEntry => e.type === 'message')
					.map((m) => `${m.direction} ${m.method}`);
				expect(methods).toContain('received sampling/createMessage');
				expect(methods).toContain('sent sampling/createMessage');
				expect(methods).toContain('sent elicitation/create');
			}
			await session.close();
		});
	}

	it('sampling with tools on the 2025 era: a tool-use reply passes the SDK checks on both sides', async () => {
		const { session, queue } = await open('/mcp-legacy');
		const sampling = call(session, 'ask_llm', { withTools: true });
		const item = await nextPending(queue);
		expect(readSamplingRequest(item.params).tools.map((t) => t.name)).toEqual(['get_weather']);
		queue.answer(
			item.id,
			buildSamplingReply({
				kind: 'tool_use',
				model: 'm',
				stopReason: 'toolUse',
				toolName: 'get_weather',
				input: { city: 'Lyon' }
			}),
			'Sent'
		);
		expect(textOf((await sampling).result)).toContain('tool_use get_weather {"city":"Lyon"}');
		await session.close();
	});

	it('a rejected sampling request fails the tool (2025 era: a JSON-RPC error to the server)', async () => {
		const { session, queue } = await open('/mcp-legacy');
		const sampling = call(session, 'ask_llm');
		queue.reject((await nextPending(queue)).id, 'Not today');
		const outcome = await sampling.then(
			(o) => JSON.stringify(o.result),
			(e: Error) => e.message
		);
		expect(outcome).toContain('Not today');
		await session.close();
	});

	it('URL elicitation on the 2025 era: completion notification marks it done', async () => {
		const { session, queue } = await open('/mcp-legacy');
		const link = call(session, 'open_link');
		const item = await nextPending(queue);
		expect(item.kind).toBe('elicitation-url');
		expect(checkElicitationUrl(item.params.url).ok).toBe(true);
		queue.answer(item.id, { action: 'accept' }, 'Opened');
		expect(textOf((await link).result)).toBe('action: accept');
		await expect.poll(() => queue.items[0].completed).toBe(true);
		await session.close();
	});

	it('roots/list is answered from the list, and list_changed reaches the server', async () => {
		for (const path of ['/mcp', '/mcp-legacy']) {
			const roots: Root[] = [{ uri: 'file:///work/a', name: 'A' }];
			const { session } = await open(path, roots);
			const first = textOf((await call(session, 'list_roots')).result);
			expect(first).toContain('file:///work/a');
			const before = Number(/list_changed notifications: (\d+)/.exec(first)![1]);
			roots.push({ uri: 'file:///work/b' });
			const sent = await notifyRootsChanged(session.client);
			// The 2026-07-28 era has no roots/list_changed: the server asks afresh in each request.
			expect(sent).toBe(session.details.era === 'legacy');
			await new Promise((r) => setTimeout(r, 100));
			const second = textOf((await call(session, 'list_roots')).result);
			expect(second).toContain('file:///work/b');
			const after = Number(/list_changed notifications: (\d+)/.exec(second)![1]);
			if (sent) expect(after).toBeGreaterThan(before);
			await session.close();
		}
	});
});
