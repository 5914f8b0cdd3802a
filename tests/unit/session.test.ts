/**
 * The protocol core against the real demo server over real HTTP, in Node: era negotiation,
 * the SSE fallback, raw tool calls, session loss and disconnect.
 */
import { describe, expect, it } from 'vitest';
import { useDemoServer } from './demo-fixture';
import { OFF_SPEC_GARBAGE } from '../servers/off-spec';
import { McpSession } from '../../src/lib/core/session';
import { ProblemError } from '../../src/lib/core/errors';
import {
	TrafficRecorder,
	type HttpEntry,
	type MessageEntry,
	type TrafficItem
} from '../../src/lib/core/traffic';
import { listTools } from '../../src/lib/core/tools';
import { callTool } from '../../src/lib/core/tool-call';

const demo = useDemoServer();

function open(path: string, transport: 'auto' | 'streamable-http' | 'sse' = 'auto') {
	const recorder = new TrafficRecorder();
	const entries: TrafficItem[] = [];
	recorder.subscribe((e, change) => change === 'added' && entries.push(e));
	const sessionPromise = McpSession.open({
		url: new URL(demo.url + path),
		transport,
		recorder,
		timeoutMs: 10_000
	});
	return { recorder, entries, sessionPromise };
}

const messages = (entries: TrafficItem[]) =>
	entries.filter((e): e is MessageEntry => e.type === 'message');
const http = (entries: TrafficItem[]) => entries.filter((e): e is HttpEntry => e.type === 'http');

describe('McpSession against the demo server', () => {
	it('negotiates the 2026-07-28 era on a server that offers it', async () => {
		const { sessionPromise, entries } = open('/mcp');
		const session = await sessionPromise;
		expect(session.details.era).toBe('modern');
		expect(session.details.transport).toBe('streamable-http');
		expect(session.details.name).toBe('loupe-demo');
		expect(messages(entries)[0].method).toBe('server/discover');
		const { items: tools } = await listTools(session);
		expect(tools.map((t) => t.name)).toContain('create_order');
		await session.close();
	});

	it('falls back to initialize with a session on a 2025-era server', async () => {
		const { sessionPromise, entries } = open('/mcp-legacy');
		const session = await sessionPromise;
		expect(session.details.era).toBe('legacy');
		expect(session.details.sessionId).toBeTruthy();
		expect(session.details.protocolVersion).toMatch(/^2025-/);
		const methods = messages(entries).map((m) => m.method);
		expect(methods).toContain('initialize');
		// The 2025-era server refuses the 2026 probe with an id-less error: it is still paired.
		const probeAnswer = messages(entries).find((m) => m.direction === 'received')!;
		expect(probeAnswer.kind).toBe('error');
		expect(probeAnswer.method).toBe('server/discover');
		expect(probeAnswer.pair).toBe(messages(entries)[0].seq);
		expect(methods).toContain('notifications/initialized');
		await session.close();
		const del = http(entries).find((e) => e.method === 'DELETE');
		expect(del?.status).toBeLessThan(300);
	});

	it('a request sent ahead is on the wire when requestAhead resolves, and its asker takes it: one tools/list', async () => {
		const { sessionPromise, entries } = open('/mcp-legacy');
		const session = await sessionPromise;
		// The caller renders next (a microtask in Svelte): by then the HTTP request is out.
		await session.requestAhead('tools/list').then(() => {});
		expect(http(entries).filter((e) => e.requestBody?.includes('"tools/list"'))).toHaveLength(1);
		const { items: tools } = await listTools(session);
		expect(tools.map((t) => t.name)).toContain('echo');
		// Taken once: the next list is a request of its own.
		await listTools(session);
		expect(
			messages(entries).filter((m) => m.method === 'tools/list' && m.direction === 'sent')
		).toHaveLength(2);
		await session.close();
	});

	it('a list that changed after its request went ahead is asked for again', async () => {
		const recorder = new TrafficRecorder();
		const entries: TrafficItem[] = [];
		recorder.subscribe((e, change) => change === 'added' && entries.push(e));
		let changed!: () => void;
		const listChanged = new Promise<void>((resolve) => (changed = resolve));
		const session = await McpSession.open(
			{ url: new URL(demo.url + '/mcp-legacy'), transport: 'auto', recorder, timeoutMs: 10_000 },
			{ onNotification: (n) => n.method === 'notifications/tools/list_changed' && changed() }
		);
		await session.requestAhead('tools/list');
		// The list sent ahead is answered (without the tool) before the tool is added.
		await expect
			.poll(() =>
				entries.some(
					(e) => e.type === 'message' && e.direction === 'received' && e.method === 'tools/list'
				)
			)
			.toBe(true);
		await session.request('tools/call', { name: 'change_tools', arguments: { add: 'late_tool' } });
		await listChanged;
		const { items: tools } = await listTools(session);
		expect(tools.map((t) => t.name)).toContain('late_tool');
		await session.close();
	});

	it('a request sent ahead that fails tells its asker, and nobody asking is no error', async () => {
		const { sessionPromise } = open('/mcp-legacy');
		const session = await sessionPromise;
		await session.requestAhead('no/such-method');
		await expect(session.request('no/such-method', undefined)).rejects.toThrow();
		await session.requestAhead('another/unknown-method');
		await session.close();
	});

	it('falls back to legacy SSE in auto mode when the POST is refused with 4xx', async () => {
		const { sessionPromise } = open('/sse');
		const session = await sessionPromise;
		expect(session.details.transport).toBe('sse');
		const { items: tools } = await listTools(session);
		expect(tools.length).toBeGreaterThan(5);
		await session.close();
	});

	it('does not fall back when the transport is pinned to Streamable HTTP', async () => {
		const { sessionPromise } = open('/sse', 'streamable-http');
		await expect(sessionPromise).rejects.toBeInstanceOf(ProblemError);
	});

	it('gives up, with a sentence, on a server that never finishes the handshake', async () => {
		const recorder = new TrafficRecorder();
		const started = Date.now();
		const error = await McpSession.open({
			url: new URL(demo.url + '/sse-silent'),
			transport: 'sse',
			recorder,
			timeoutMs: 800
		}).catch((e) => e);
		expect(error).toBeInstanceOf(ProblemError);
		expect((error as ProblemError).problem.kind).toBe('timeout');
		expect((error as ProblemError).problem.message).toContain('did not finish within');
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('explains an unreachable server', async () => {
		const recorder = new TrafficRecorder();
		const error = await McpSession.open({
			url: new URL('http://127.0.0.1:9/mcp'),
			transport: 'auto',
			recorder,
			probe: async () => false
		}).catch((e) => e);
		expect(error).toBeInstanceOf(ProblemError);
		expect((error as ProblemError).problem.kind).toBe('unreachable');
	});

	it('calls tools raw: off-spec structured content still arrives, with a failed verdict', async () => {
		const { sessionPromise, entries } = open('/mcp-legacy');
		const session = await sessionPromise;
		const { items: tools } = await listTools(session);
		const bad = tools.find((t) => t.name === 'bad_structured')!;
		const outcome = await callTool(session, bad, {});
		expect(outcome.view.verdict.status).toBe('invalid');
		expect(outcome.view.structuredContent).toEqual({ count: 'not a number' });
		const add = tools.find((t) => t.name === 'add')!;
		const sum = await callTool(session, add, { a: 2, b: 3 });
		expect(sum.view.verdict.status).toBe('valid');
		expect(sum.view.content[0]).toEqual({ type: 'text', text: expect.stringContaining('5') });
		const response = messages(entries).findLast((m) => m.kind === 'response')!;
		expect(response.method).toBe('tools/call');
		expect(response.latencyMs).toBeGreaterThanOrEqual(0);
		// Each message says what it is about: the call, and its answer, name the tool.
		expect(response.subject).toBe('add');
		expect(
			messages(entries).find((m) => m.kind === 'request' && m.method === 'tools/call')?.subject
		).toBe('bad_structured');
		await session.close();
	});

	it('mirrors x-mcp-header arguments into Mcp-Param-* headers in the 2026 era', async () => {
		const { sessionPromise, entries } = open('/mcp');
		const session = await sessionPromise;
		expect(session.details.era).toBe('modern');
		const { items: tools } = await listTools(session);
		const tool = tools.find((t) => t.name === 'regional_echo')!;
		expect(tool.paramHeaders).toEqual([{ path: ['region'], header: 'Region' }]);
		const plain = await callTool(session, tool, { region: 'eu-west', message: 'hi' });
		expect(plain.view.content[0]).toEqual({ type: 'text', text: '[eu-west] hi' });
		const unicode = await callTool(session, tool, { region: 'Zürich', message: 'grüezi' });
		expect(unicode.view.content[0]).toEqual({ type: 'text', text: '[Zürich] grüezi' });
		const posts = http(entries).filter(
			(e) => e.method === 'POST' && e.requestHeaders['mcp-param-region']
		);
		expect(posts.map((e) => e.requestHeaders['mcp-param-region'])).toEqual([
			'eu-west',
			'=?base64?WsO8cmljaA==?='
		]);
		// Without the header the server refuses the call: the mirroring is what makes it work.
		await expect(
			session.request('tools/call', { name: 'regional_echo', arguments: { region: 'eu-west' } })
		).rejects.toThrow();
		await session.close();
	});

	it('records every message from the wire, including ones the SDK refuses', async () => {
		const { sessionPromise, entries } = open('/mcp-off-spec', 'streamable-http');
		const session = await sessionPromise;
		const { items: tools } = await listTools(session);
		expect(tools.map((t) => t.name)).toEqual(['odd_result', 'odd_result', 'progress_race']);
		expect(tools[1].problems).toEqual(['Another tool is also named "odd_result".']);
		const received = messages(entries).filter((m) => m.direction === 'received');
		const garbage = received.find((m) => m.raw === OFF_SPEC_GARBAGE);
		expect(garbage?.kind).toBe('invalid');
		const surplus = received.find((m) => m.raw.includes('"surplus":true'));
		expect(surplus?.method).toBe('notifications/message');
		expect(surplus?.kind).toBe('invalid');
		// The result whose content is not an array still arrives, and says what is wrong with it.
		const outcome = await callTool(session, tools[0], {});
		expect(outcome.view.problems).toEqual(['"content" is not an array.']);
		expect((outcome.result as { content: unknown }).content).toBe('plain string, not an array');
		await session.close();
	});

	it('explains an initialize answer that breaks the schema, and the answer is in the log', async () => {
		const { sessionPromise, entries } = open('/mcp-off-spec?init=broken', 'streamable-http');
		const error = await sessionPromise.catch((e) => e);
		expect(error).toBeInstanceOf(ProblemError);
		const problem = (error as ProblemError).problem;
		expect(problem.message).toBe(
			"The server's answer to initialize does not follow the MCP schema, so the SDK refused it."
		);
		expect(problem.hints[0]).toBe('capabilities: expected object, received string');
		expect(
			messages(entries).some(
				(m) => m.direction === 'received' && m.raw.includes('"capabilities":"all of them"')
			)
		).toBe(true);
	});

	it('hands the client progress that arrives in the same write as the result, before the result', async () => {
		const { sessionPromise } = open('/mcp-off-spec', 'streamable-http');
		const session = await sessionPromise;
		const errors: string[] = [];
		(session as unknown as { events: { onError: (e: Error) => void } }).events.onError = (e) =>
			errors.push(e.message);
		const { items: tools } = await listTools(session);
		const seen: number[] = [];
		const outcome = await callTool(
			session,
			tools.find((t) => t.name === 'progress_race')!,
			{},
			{ onprogress: (p) => seen.push(p.progress) }
		);
		expect(outcome.view.content[0]).toEqual({ type: 'text', text: 'raced' });
		expect(seen).toEqual([1, 2, 3]);
		expect(errors.filter((e) => /progress/.test(e))).toEqual([]);
		await session.close();
	});

	it('records each received message exactly once, with its exact text', async () => {
		const { sessionPromise, entries } = open('/mcp-legacy');
		const session = await sessionPromise;
		const { items: tools } = await listTools(session);
		await callTool(
			session,
			tools.find((t) => t.name === 'log_burst')!,
			{ count: 50 }
		);
		const logs = messages(entries).filter((m) => m.method === 'notifications/message');
		expect(logs).toHaveLength(50);
		expect(new Set(logs.map((m) => m.raw)).size).toBe(50);
		const bodies = http(entries)
			.map((e) => e.responseBody ?? '')
			.join('');
		for (const m of logs) expect(bodies).toContain(m.raw);
		await session.close();
	});

	it('re-initialises once, visibly, when the server has lost the session', async () => {
		const { sessionPromise, entries } = open('/mcp-legacy');
		let reconnected = 0;
		const session = await sessionPromise;
		(session as unknown as { events: { onReconnected: () => void } }).events.onReconnected = () =>
			reconnected++;
		const oldId = session.details.sessionId!;
		// The server forgets the session behind Loupe's back.
		const del = await fetch(demo.url + '/mcp-legacy', {
			method: 'DELETE',
			headers: { 'Mcp-Session-Id': oldId }
		});
		expect(del.ok).toBe(true);
		const { items: tools } = await listTools(session);
		expect(tools.length).toBeGreaterThan(0);
		expect(reconnected).toBe(1);
		expect(session.details.sessionId).not.toBe(oldId);
		expect(http(entries).some((e) => e.status === 404)).toBe(true);
		expect(
			messages(entries).filter((m) => m.method === 'initialize' && m.direction === 'sent')
		).toHaveLength(2);
		// The traffic log marks where the new session starts, before its initialize.
		const boundary = entries.findIndex((e) => e.type === 'connection');
		expect(entries[boundary]).toMatchObject({
			reason: 'new-session',
			state: 'connected',
			transport: 'streamable-http',
			url: demo.url + '/mcp-legacy'
		});
		expect(
			entries
				.slice(boundary)
				.filter((e) => e.type === 'message' && e.method === 'initialize' && e.direction === 'sent')
		).toHaveLength(1);
		await session.close();
	});

	it('recovers once when several requests find the session lost together', async () => {
		const { sessionPromise, entries } = open('/mcp-legacy');
		let reconnected = 0;
		const session = await sessionPromise;
		(session as unknown as { events: { onReconnected: () => void } }).events.onReconnected = () =>
			reconnected++;
		await fetch(demo.url + '/mcp-legacy', {
			method: 'DELETE',
			headers: { 'Mcp-Session-Id': session.details.sessionId! }
		});
		const results = await Promise.all([
			listTools(session),
			session.request('ping', undefined),
			listTools(session)
		]);
		expect(results[0].items.length).toBeGreaterThan(0);
		expect(reconnected).toBe(1);
		expect(
			messages(entries).filter((m) => m.method === 'initialize' && m.direction === 'sent')
		).toHaveLength(2);
		await session.close();
	});
});

describe('isSessionLost', () => {
	it('takes 404, and a 400 that talks about the session, as a lost session', async () => {
		const { isSessionLost } = await import('../../src/lib/core/session');
		expect(isSessionLost({ status: 404 })).toBe(true);
		expect(
			isSessionLost({
				status: 400,
				message: 'Error POSTing: Bad Request: No valid session ID provided'
			})
		).toBe(true);
		expect(
			isSessionLost({ status: 400, data: { text: '{"error":{"message":"Session not found"}}' } })
		).toBe(true);
		expect(isSessionLost({ status: 400, message: 'Bad Request: invalid params' })).toBe(false);
		expect(isSessionLost(new Error('Failed to fetch'))).toBe(false);
	});
});
