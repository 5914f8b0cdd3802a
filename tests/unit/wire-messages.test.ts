import { describe, expect, it } from 'vitest';
import { sseReader, messageReader } from '../../src/lib/core/wire-messages';
import { TrafficRecorder, type MessageEntry } from '../../src/lib/core/traffic';

function parse(chunks: string[]): string[] {
	const out: string[] = [];
	const reader = sseReader((data) => out.push(data));
	for (const c of chunks) reader.text(c);
	reader.end();
	return out;
}

describe('sseReader', () => {
	it('dispatches message events, joining data lines, across any chunking and line ending', () => {
		const stream = '\ufeff: comment\r\nid: 1\r\ndata: {"a":\r\ndata: 1}\r\n\r\nevent: message\ndata: two\n\nevent: endpoint\ndata: /messages?x\n\ndata:three\r\r';
		const whole = parse([stream]);
		expect(whole).toEqual(['{"a":\n1}', 'two', 'three']);
		// Byte by byte, including a CR split from its LF.
		expect(parse([...stream])).toEqual(whole);
	});

	it('skips empty "priming" events and an event left without its final blank line', () => {
		expect(parse(['id: 7\ndata: \n\n', 'data: real\n\n', 'data: cut off'])).toEqual(['real']);
	});
});

describe('messageReader', () => {
	it('records an error with id null as the answer to the request of the same exchange', () => {
		const recorder = new TrafficRecorder();
		const entries: MessageEntry[] = [];
		recorder.subscribe((e, change) => change === 'added' && e.type === 'message' && entries.push(e));
		const request = recorder.message('sent', { jsonrpc: '2.0', id: 'probe-1', method: 'server/discover' });
		const reader = messageReader(recorder, 'application/json', () => 'probe-1');
		const raw = '{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"Bad Request"}}';
		reader.text(raw);
		reader.end();
		expect(entries[1].raw).toBe(raw);
		expect(entries[1].method).toBe('server/discover');
		expect(entries[1].pair).toBe(request.seq);
	});

	it('leaves JSON bodies that are not JSON-RPC to the HTTP row', () => {
		const recorder = new TrafficRecorder();
		let count = 0;
		recorder.subscribe(() => count++);
		const reader = messageReader(recorder, 'application/json; charset=utf-8');
		reader.text('{"error":"invalid_token"}');
		reader.end();
		expect(count).toBe(0);
	});
});
