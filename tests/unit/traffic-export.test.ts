import { describe, expect, it } from 'vitest';
import {
	exportedEntry,
	exportText,
	secretsNote,
	trafficExportBlob
} from '../../src/lib/features/traffic/traffic-export';
import { TrafficRecorder, type TrafficItem } from '../../src/lib/core/traffic';
import { KnownSecrets } from '../../src/lib/core/known-secrets';
import { messageSubject } from '../../src/lib/core/traffic-subject';

const AT = new Date('2026-07-28T12:00:00.000Z');

function recordedLog(notifications: number): TrafficItem[] {
	const entries: TrafficItem[] = [];
	let t = Date.parse('2026-07-28T11:59:00.000Z');
	const recorder = new TrafficRecorder(() => (t += 7));
	recorder.subscribe((e, change) => change === 'added' && entries.push(e));
	const post = recorder.http({
		method: 'POST',
		url: 'http://x.test/mcp',
		status: undefined,
		durationMs: undefined,
		requestHeaders: { authorization: 'Bearer ••••••' },
		responseHeaders: {},
		requestBody: '{"jsonrpc":"2.0","id":1,"method":"tools/call"}'
	});
	recorder.message('sent', {
		jsonrpc: '2.0',
		id: 1,
		method: 'tools/call',
		params: { name: 'log_burst', arguments: { nested: [1, { a: [] }, {}] } }
	});
	for (let i = 0; i < notifications; i++) {
		recorder.message('received', {
			jsonrpc: '2.0',
			method: 'notifications/message',
			params: { level: 'info', data: { i, text: `line\n"${i}" é😀` } }
		});
	}
	// Exact text that says more than its JSON (spacing), and text that is not JSON at all.
	recorder.message('received', undefined, 'this is not JSON {');
	recorder.message(
		'received',
		{ jsonrpc: '2.0', id: 1, result: { content: [] } },
		'{ "jsonrpc": "2.0", "id": 1, "result": { "content": [] } }'
	);
	recorder.updateHttp(post, {
		status: 200,
		durationMs: 12.5,
		responseHeaders: { 'content-type': 'text/event-stream' },
		responseBody: 'data: {}\n\n'
	});
	return entries;
}

/** What the export was before it was built in slices: one JSON.stringify of the whole document. */
const wholeDocument = (entries: TrafficItem[]) =>
	JSON.stringify(
		{
			exportedBy: 'Loupe',
			exportedAt: AT.toISOString(),
			secrets: secretsNote(new KnownSecrets()),
			entries: entries.map(exportedEntry)
		},
		null,
		2
	);

async function pieces(entries: TrafficItem[], sliceMs: number) {
	let t = 0;
	let pauses = 0;
	const out: string[] = [];
	// Every look at the clock moves it on by 1 ms.
	const pacing = { now: () => t++, pause: async () => void pauses++, sliceMs };
	for await (const piece of exportText(entries, AT, pacing)) out.push(piece);
	return { out, pauses };
}

describe('the traffic export', () => {
	it('is the same JSON text as the whole document stringified at once, however it is sliced', async () => {
		const entries = recordedLog(100);
		const expected = wholeDocument(entries);
		for (const sliceMs of [1, 2, 5, 1000])
			expect((await pieces(entries, sliceMs)).out.join('')).toBe(expected);
		const parsed = JSON.parse(expected);
		expect(parsed.exportedBy).toBe('Loupe');
		expect(parsed.entries).toHaveLength(entries.length);
		const odd = parsed.entries.find((e: { raw?: string }) => e.raw?.startsWith('{ "jsonrpc"'));
		expect(odd.message).toEqual({ jsonrpc: '2.0', id: 1, result: { content: [] } });
		expect(
			parsed.entries.find((e: { raw?: string }) => e.raw === 'this is not JSON {').message
		).toBeUndefined();
		expect(parsed.entries[0]).toMatchObject({
			type: 'http',
			status: 200,
			responseBody: 'data: {}\n\n'
		});
	});

	it('is valid JSON with no entries at all', async () => {
		const { out } = await pieces([], 1);
		expect(out.join('')).toBe(wholeDocument([]));
		expect(JSON.parse(out.join('')).entries).toEqual([]);
	});

	it('comes in several parts with a pause between them when the log is large', async () => {
		const entries = recordedLog(5000);
		const { out, pauses } = await pieces(entries, 8);
		expect(out.length).toBeGreaterThan(10);
		expect(pauses).toBe(out.length - 1);
		expect(out.join('')).toBe(wholeDocument(entries));
	});

	it('writes a long response body a piece at a time, with the same text, surrogate pairs kept whole', async () => {
		const entries = recordedLog(10);
		const http = entries[0] as Extract<TrafficItem, { type: 'http' }>;
		// 7 UTF-16 units a repeat, so piece boundaries fall everywhere, inside "😀" too.
		http.responseBody = 'é😀x"\\\n'.repeat(500_000);
		http.requestBody = 'short';
		const expected = wholeDocument(entries);
		const { out } = await pieces(entries, 1);
		expect(out.join('')).toBe(expected);
		expect(out.length).toBeGreaterThan(10);
		expect(Math.max(...out.map((p) => p.length))).toBeLessThan(1_000_000);
		expect(JSON.parse(out.join('')).entries[0].responseBody).toBe(http.responseBody);
	});

	it('makes one Blob of valid JSON from its parts', async () => {
		const entries = recordedLog(2000);
		const blob = await trafficExportBlob(entries, AT, { sliceMs: 0 });
		expect(blob.type).toBe('application/json');
		const text = await blob.text();
		expect(text).toBe(wholeDocument(entries));
		expect(
			JSON.parse(text).entries.filter(
				(e: { method?: string }) => e.method === 'notifications/message'
			)
		).toHaveLength(2000);
	});

	it('says which connection each message belongs to, with the boundaries where each starts', async () => {
		const entries: TrafficItem[] = [];
		const recorder = new TrafficRecorder(() => Date.parse('2026-07-28T11:59:00.000Z'));
		recorder.describe = messageSubject;
		recorder.subscribe((e, change) => change === 'added' && entries.push(e));
		const first = recorder.newConnection({
			url: 'http://a.test/mcp?token=abc',
			transport: 'auto',
			reason: 'connect'
		});
		recorder.message('sent', {
			jsonrpc: '2.0',
			id: 1,
			method: 'tools/call',
			params: { name: 'create_order' }
		});
		recorder.message('received', { jsonrpc: '2.0', id: 1, result: { content: [] } });
		recorder.connectionEnded(first, {
			transport: 'streamable-http',
			protocolVersion: '2026-07-28',
			server: 'a 1.0'
		});
		recorder.newConnection({
			url: 'http://a.test/mcp',
			transport: 'streamable-http',
			reason: 'new-session'
		});
		recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'ping' });
		const parsed = JSON.parse(await (await trafficExportBlob(entries, AT, { sliceMs: 0 })).text());
		expect(
			parsed.entries.map((e: { type: string; connection: number }) => `${e.type} ${e.connection}`)
		).toEqual(['connection 1', 'message 1', 'message 1', 'connection 2', 'message 2']);
		expect(parsed.entries[0]).toEqual({
			type: 'connection',
			seq: 1,
			time: '2026-07-28T11:59:00.000Z',
			connection: 1,
			url: 'http://a.test/mcp?token=••••••',
			transport: 'streamable-http',
			reason: 'connect',
			state: 'connected',
			protocolVersion: '2026-07-28',
			server: 'a 1.0'
		});
		expect(parsed.entries[2]).toMatchObject({
			kind: 'response',
			method: 'tools/call',
			subject: 'create_order',
			pair: 2
		});
		expect(parsed.entries[3]).toMatchObject({ reason: 'new-session', state: 'connecting' });
	});

	it('masks every known secret, sent or echoed back, in messages and HTTP exchanges, and says so', async () => {
		const secrets = new KnownSecrets();
		const recorder = new TrafficRecorder(() => Date.parse('2026-07-28T11:59:00.000Z'), secrets);
		const entries: TrafficItem[] = [];
		recorder.subscribe((e, change) => change === 'added' && entries.push(e));
		recorder.keepSecret(['hunter2-pass', 'pé"ü']);
		recorder.message('sent', {
			jsonrpc: '2.0',
			id: 1,
			method: 'tools/call',
			params: { name: 'echo', arguments: { password: 'hunter2-pass' } }
		});
		// A server echoing the secrets: in its own JSON spelling, inside a text, and in a long body.
		recorder.message(
			'received',
			undefined,
			'{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"you sent hunter2\\u002dpass"}]}}'
		);
		const http = recorder.http({
			method: 'POST',
			url: 'http://x.test/mcp',
			status: 200,
			durationMs: 1,
			requestHeaders: {},
			responseHeaders: { 'x-echo': 'hunter2-pass' },
			responseBody: 'x'.repeat(300_000) + 'data: {"text":"p\\u00e9\\"\\u00fc hunter2-pass"}\n\n'
		});
		const text = await (await trafficExportBlob(entries, AT, { sliceMs: 0 }, secrets)).text();
		expect(text).not.toContain('hunter2');
		expect(text).not.toContain('\\u00e9');
		const parsed = JSON.parse(text);
		expect(parsed.secrets).toBe(
			'Secret headers, form fields and URL parameters are masked (••••••). The 2 texts entered in this tab as secrets (secret tool arguments and answers, header tokens and keys) are masked wherever they occur, sent or received.'
		);
		expect(parsed.entries[1].message.result.content[0].text).toBe('you sent ••••••');
		expect(parsed.entries[2].responseHeaders).toEqual({ 'x-echo': '••••••' });
		expect(parsed.entries[2].responseBody.endsWith('data: {"text":"•••••• ••••••"}\n\n')).toBe(
			true
		);
		// The log itself keeps what the server sent.
		expect(http.responseBody).toContain('hunter2-pass');
	});

	it('says when no secret was entered, and when a short one is masked only where it was sent', () => {
		const secrets = new KnownSecrets();
		expect(secretsNote(secrets)).toMatch(/No text was entered as a secret in this tab\.$/);
		secrets.add(['abc']);
		expect(secretsNote(secrets)).toMatch(
			/A secret shorter than 4 characters is masked only where Loupe sent it\.$/
		);
	});
});
