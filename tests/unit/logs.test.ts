/** The Logs store: batching bursts into one update, the level filter, and the level per era. */
import { describe, expect, it } from 'vitest';
import { isBoundary, LogsState, type LogItem } from '../../src/lib/features/logs/logs.svelte';
import { connectionLabel, serverName } from '../../src/lib/core/connection-label';
import { isPlainLogNotification } from '../../src/lib/core/logging';
import type {
	ConnectionState,
	SessionListener
} from '../../src/lib/features/connection/connection.svelte';
import type { McpSession } from '../../src/lib/core/session';

function fakeConnection() {
	const listeners: SessionListener[] = [];
	const connection = {
		listen: (l: SessionListener) => listeners.push(l)
	} as unknown as ConnectionState;
	return { connection, listeners };
}

/** The text of each message, and the line of each boundary. */
const texts = (items: LogItem[]) =>
	items.map((e) =>
		isBoundary(e)
			? connectionLabel({
					...e.details,
					url: e.url,
					reason: e.reason,
					state: 'connected',
					server: serverName(e.details)
				})
			: e.text
	);

function fakeSession(era: 'modern' | 'legacy', sent: unknown[], url = 'http://x.test/mcp') {
	return {
		url: new URL(url),
		details: {
			era,
			capabilities: { logging: {} },
			name: 'demo',
			version: '1.0',
			protocolVersion: era === 'modern' ? '2026-07-28' : '2025-11-25',
			transport: 'streamable-http'
		},
		requestDefaults: {},
		request: async (method: string, params: unknown) => {
			sent.push({ method, params });
			return {};
		},
		explain: (e: unknown) => ({ kind: 'unknown', message: String(e), hints: [] })
	} as unknown as McpSession;
}

describe('LogsState', () => {
	it('appends a burst of 10,000 messages in one update, and filters by level', () => {
		const { connection, listeners } = fakeConnection();
		const logs = new LogsState(connection);
		const started = performance.now();
		for (let i = 1; i <= 10_000; i++) {
			listeners[0].notification?.({
				method: 'notifications/message',
				params: { level: i % 2 ? 'info' : 'error', data: { i } }
			});
		}
		expect(logs.entries).toHaveLength(0);
		logs.flush();
		expect(performance.now() - started).toBeLessThan(2000);
		expect(logs.entries).toHaveLength(10_000);
		expect(logs.entries[9_999]).toMatchObject({ seq: 10_000, level: 'error', text: '{"i":10000}' });
		logs.show = 'error';
		expect(logs.filtered).toHaveLength(5_000);
		logs.clear();
		expect(logs.entries).toHaveLength(0);
	});

	it('keeps the level filter up to date as messages arrive, and after a clear', () => {
		const { connection, listeners } = fakeConnection();
		const logs = new LogsState(connection);
		const send = (level: string, i: number) =>
			listeners[0].notification?.({ method: 'notifications/message', params: { level, data: i } });
		logs.show = 'warning';
		expect(logs.filtered).toEqual([]);
		for (let i = 1; i <= 6; i++) send(i % 3 ? 'info' : 'error', i);
		logs.flush();
		expect(texts(logs.filtered)).toEqual(['3', '6']);
		send('alert', 7);
		send('debug', 8);
		logs.flush();
		expect(texts(logs.filtered)).toEqual(['3', '6', '7']);
		logs.show = 'alert';
		expect(texts(logs.filtered)).toEqual(['7']);
		logs.clear();
		expect(logs.filtered).toEqual([]);
		send('emergency', 9);
		logs.flush();
		expect(texts(logs.filtered)).toEqual(['9']);
		logs.show = '';
		expect(logs.filtered).toBe(logs.entries);
	});

	it('asks for the level with logging/setLevel (2025 era) or in _meta (2026-07-28 era)', async () => {
		const { connection, listeners } = fakeConnection();
		const logs = new LogsState(connection);
		const sent: unknown[] = [];
		const legacy = fakeSession('legacy', sent);
		listeners[0].ready(legacy);
		await logs.setLevel('warning');
		expect(sent).toEqual([{ method: 'logging/setLevel', params: { level: 'warning' } }]);
		expect(logs.levelNote).toContain('accepted');

		const modern = fakeSession('modern', sent);
		listeners[0].ready(modern);
		await Promise.resolve();
		expect(modern.requestDefaults.logLevel).toBe('warning');
		expect(sent).toHaveLength(1);
		await logs.setLevel('');
		// The 2026-07-28 era has no server default: Loupe asks for info.
		expect(modern.requestDefaults.logLevel).toBe('info');
		expect(logs.levelNote).toContain('carries log level "info"');
	});

	it('starts each connection with a boundary naming the server, kept by the level filter and not counted as a message', () => {
		const { connection, listeners } = fakeConnection();
		const logs = new LogsState(connection);
		const send = (level: string, i: number) =>
			listeners[0].notification?.({ method: 'notifications/message', params: { level, data: i } });
		const first = fakeSession('legacy', [], 'http://a.test/mcp?api_key=s3cret');
		listeners[0].ready(first);
		send('info', 1);
		send('error', 2);
		// The server lost the session; Loupe started a new one with the same session object.
		listeners[0].ready(first);
		send('info', 3);
		listeners[0].ended('closed');
		listeners[0].ready(fakeSession('modern', [], 'http://b.test/mcp'));
		send('info', 4);
		logs.flush();
		expect(texts(logs.entries)).toEqual([
			'Connected to http://a.test/mcp?api_key=•••••• · demo 1.0 · 2025-11-25 · Streamable HTTP',
			'1',
			'2',
			'New session with http://a.test/mcp?api_key=•••••• · demo 1.0 · 2025-11-25 · Streamable HTTP',
			'3',
			'Connected to http://b.test/mcp · demo 1.0 · 2026-07-28 · Streamable HTTP',
			'4'
		]);
		expect([logs.filtered.filter((e) => !isBoundary(e)).length, logs.total]).toEqual([4, 4]);
		logs.show = 'error';
		expect(texts(logs.filtered).map((t) => t.split(' ')[0])).toEqual([
			'Connected',
			'2',
			'New',
			'Connected'
		]);
		expect([logs.filtered.filter((e) => !isBoundary(e)).length, logs.total]).toEqual([1, 4]);
		logs.clear();
		expect([logs.filtered.filter((e) => !isBoundary(e)).length, logs.total]).toEqual([0, 0]);
	});
});

describe('isPlainLogNotification', () => {
	const note = {
		jsonrpc: '2.0',
		method: 'notifications/message',
		params: { level: 'info', data: 'x' }
	};
	it('is true only for the bare envelope the SDK would hand on unchanged', () => {
		expect(isPlainLogNotification(note)).toBe(true);
		expect(isPlainLogNotification({ jsonrpc: '2.0', method: 'notifications/message' })).toBe(true);
		for (const other of [
			{ ...note, id: 1 },
			{ ...note, jsonrpc: '1.0' },
			{ ...note, method: 'notifications/progress' },
			{ ...note, extra: true },
			{ ...note, params: [1] },
			{ ...note, params: null },
			{ ...note, params: { ...note.params, _meta: {} } },
			[note],
			'notifications/message',
			null
		])
			expect(isPlainLogNotification(other), JSON.stringify(other)).toBe(false);
	});
});
