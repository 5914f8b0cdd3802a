/**
 * Batches in Traffic: an empty one said as such, each member said by its place, and what the
 * client (MCP SDK v2) does with the batch said on each row, as the carrier and version decide.
 */
import { describe, expect, it } from 'vitest';
import { messageReader, BIG_TEXT_CHARS } from '../../src/lib/core/wire-messages';
import { readReceivedText } from '../../src/lib/core/received-text';
import { batchesForbidden } from '../../src/lib/core/batch-faults';
import { TrafficRecorder, type MessageEntry } from '../../src/lib/core/traffic';

function recording(protocolVersion?: string) {
	const recorder = new TrafficRecorder();
	const entries: MessageEntry[] = [];
	recorder.subscribe((e, change) => change === 'added' && e.type === 'message' && entries.push(e));
	const connection = recorder.newConnection({
		url: 'http://x.test/mcp',
		transport: 'streamable-http',
		reason: 'connect'
	});
	if (protocolVersion) recorder.connectionEnded(connection, { protocolVersion });
	return { recorder, entries };
}

async function read(
	recorder: TrafficRecorder,
	type: string,
	text: string,
	readBig?: (t: string) => Promise<ReturnType<typeof readReceivedText>>
) {
	const reader = messageReader(recorder, type, undefined, readBig);
	await reader.text(text);
	await reader.end();
}

const event = (data: string) => `data: ${data}\n\n`;
const note = (n: number) => ({
	jsonrpc: '2.0',
	method: 'notifications/message',
	params: { level: 'info', data: n }
});
const answer = { jsonrpc: '2.0', id: 1, result: { content: [] } };
const EMPTY =
	'An empty batch ([]): JSON-RPC 2.0 calls an empty array an invalid request, since a batch holds at least one message.';

describe('batches in Traffic', () => {
	it('says an empty batch is one, in an event and in a JSON body (which the HTTP row alone hid)', async () => {
		for (const [type, text] of [
			['text/event-stream', event('[]')],
			['application/json', '[]']
		]) {
			const { recorder, entries } = recording();
			await read(recorder, type, text);
			expect(entries.map((e) => [e.kind, e.raw, e.problem])).toEqual([['invalid', '[]', EMPTY]]);
		}
	});

	it('in a JSON body: a batch read whole, or, with one faulty member, refused whole', async () => {
		const fine = recording();
		fine.recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'tools/call' });
		await read(fine.recorder, 'application/json', JSON.stringify([note(1), answer]));
		expect(fine.entries.map((e) => [e.kind, e.problem])).toEqual([
			['request', undefined],
			['notification', undefined],
			['response', undefined]
		]);

		const { recorder, entries } = recording();
		recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'tools/call' });
		const bad = { jsonrpc: '2.0', method: 'notifications/message', params: [1] };
		await read(recorder, 'application/json', JSON.stringify([note(1), bad, answer]));
		expect(entries.slice(1).map((e) => [e.kind, e.method, e.problem])).toEqual([
			[
				'invalid',
				'notifications/message',
				'Member 1 of 3 of a batch, refused with it: the client reads a batch whole or not at all, and member 2 is faulty.'
			],
			[
				'invalid',
				'notifications/message',
				'Member 2 of 3 of a batch: "params" is [1]: MCP wants an object (named parameters, never JSON-RPC\'s by-position array). The client reads a batch whole or not at all, so it refuses all 3.'
			],
			[
				'invalid',
				undefined,
				'Member 3 of 3 of a batch, refused with it: the client reads a batch whole or not at all, and member 2 is faulty.'
			]
		]);
		// The refused answer is not the request's: it still waits.
		expect(entries[0].pair).toBeUndefined();
	});

	it('names every faulty member', async () => {
		const { recorder, entries } = recording();
		const bad = { ...note(2), jsonrpc: '1.0' };
		await read(recorder, 'application/json', JSON.stringify([bad, note(1), bad]));
		expect(entries[1].problem).toBe(
			'Member 2 of 3 of a batch, refused with it: the client reads a batch whole or not at all, and members 1 and 3 are faulty.'
		);
	});

	it('in an event: the client reads one message per event, so it refuses any batch there', async () => {
		const { recorder, entries } = recording();
		recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'tools/call' });
		const bad = { ...note(2), extra: 1 };
		await read(recorder, 'text/event-stream', event(JSON.stringify([answer, bad])));
		expect(entries.slice(1).map((e) => [e.kind, e.problem])).toEqual([
			[
				'invalid',
				'Member 1 of 2 of a batch sent as one event: the client reads one message per event and refuses the whole batch.'
			],
			[
				'invalid',
				'Member 2 of 2 of a batch sent as one event: the client reads one message per event and refuses the whole batch. This member is faulty too: A member JSON-RPC does not define: "extra". The client accepts nothing else at the top level of a notification, which has only jsonrpc, method and params.'
			]
		]);
		expect(entries[0].pair).toBeUndefined();
	});

	it('says where the negotiated version has no batches at all', async () => {
		const { recorder, entries } = recording('2025-11-25');
		await read(recorder, 'application/json', JSON.stringify([note(1), note(2)]));
		expect(entries.map((e) => [e.kind, e.problem])).toEqual([
			[
				'notification',
				'Member 1 of 2 of a batch. The negotiated version, 2025-11-25, has no batches (MCP removed them in 2025-06-18). The client read it anyway.'
			],
			[
				'notification',
				'Member 2 of 2 of a batch. The negotiated version, 2025-11-25, has no batches (MCP removed them in 2025-06-18). The client read it anyway.'
			]
		]);
		await read(recorder, 'text/event-stream', event(JSON.stringify([note(3)])));
		expect(entries[2].problem).toBe(
			'Member 1 of 1 of a batch sent as one event: the client reads one message per event and refuses the whole batch. The negotiated version, 2025-11-25, has no batches (MCP removed them in 2025-06-18).'
		);
		// 2025-03-26 still had batches: nothing to say about a good one in a body.
		const older = recording('2025-03-26');
		await read(older.recorder, 'application/json', JSON.stringify([note(1)]));
		expect(older.entries[0].problem).toBeUndefined();
	});

	it('knows which versions have no batches', () => {
		expect(['2024-11-05', '2025-03-26'].map(batchesForbidden)).toEqual([false, false]);
		expect(['2025-06-18', '2025-11-25', '2026-07-28'].map(batchesForbidden)).toEqual([
			true,
			true,
			true
		]);
		expect([undefined, '', 'draft'].map(batchesForbidden)).toEqual([false, false, false]);
	});

	it('judges a big batch read elsewhere the same way', async () => {
		const { recorder, entries } = recording();
		const big = { ...note(1), params: { level: 'info', data: 'x'.repeat(BIG_TEXT_CHARS) } };
		let asked = 0;
		await read(recorder, 'text/event-stream', event(JSON.stringify([big, note(2)])), (t) => {
			asked++;
			return Promise.resolve(readReceivedText(t));
		});
		expect(asked).toBe(1);
		expect(entries.map((e) => [e.kind, e.problem?.slice(0, 40)])).toEqual([
			['invalid', 'Member 1 of 2 of a batch sent as one eve'],
			['invalid', 'Member 2 of 2 of a batch sent as one eve']
		]);
	});
});
