import { describe, expect, it } from 'vitest';
import { sseReader, messageReader } from '../../src/lib/core/wire-messages';
import { TrafficRecorder, type MessageEntry } from '../../src/lib/core/traffic';
import { pacedBody } from '../../src/lib/core/recording-fetch';

function parse(chunks: string[]): string[] {
	const out: string[] = [];
	const reader = sseReader((data) => out.push(data));
	for (const c of chunks) reader.text(c);
	reader.end();
	return out;
}

describe('sseReader', () => {
	it('dispatches message events, joining data lines, across any chunking and line ending', () => {
		const stream =
			'\ufeff: comment\r\nid: 1\r\ndata: {"a":\r\ndata: 1}\r\n\r\nevent: message\ndata: two\n\nevent: endpoint\ndata: /messages?x\n\ndata:three\r\r';
		const whole = parse([stream]);
		expect(whole).toEqual(['{"a":\n1}', 'two', 'three']);
		// Byte by byte, including a CR split from its LF.
		expect(parse([...stream])).toEqual(whole);
	});

	it('skips empty "priming" events and an event left without its final blank line', () => {
		expect(parse(['id: 7\ndata: \n\n', 'data: real\n\n', 'data: cut off'])).toEqual(['real']);
	});

	it('reads CR-only streams, multi-line data and a leading byte order mark', () => {
		expect(parse(['\ufeffdata: a\rdata:b\r\rdata:  c\r\r'])).toEqual(['a\nb', ' c']);
		expect(parse(['\ufeff', 'data: x\r', '\r'])).toEqual(['x']);
		// Only "message" events carry JSON-RPC; the event type resets after each dispatch.
		expect(parse(['event: endpoint\r\ndata: /m\r\n\r\ndata: y\r\n\r\n'])).toEqual(['y']);
	});

	it('dispatches an event whose blank line is a CR at the very end of the body', () => {
		expect(parse(['data: last\n\r'])).toEqual(['last']);
	});
});

/** The bytes of `text` cut at `cuts`, decoded by pacedBody and read by sseReader, as in a response. */
async function readBytes(bytes: Uint8Array, cuts: number[]): Promise<string[]> {
	const source = new ReadableStream<Uint8Array>({
		start(controller) {
			let at = 0;
			for (const cut of [...cuts, bytes.length]) {
				controller.enqueue(bytes.subarray(at, cut));
				at = cut;
			}
			controller.close();
		}
	});
	const out: string[] = [];
	const reader = sseReader((data) => out.push(data));
	const handedOn = await new Response(
		pacedBody(
			source,
			(chunk) => reader.text(chunk),
			() => reader.end()
		)
	).arrayBuffer();
	expect(new Uint8Array(handedOn)).toEqual(bytes);
	return out;
}

describe('sseReader on bytes as they arrive', () => {
	const text = '\ufeffdata: {"s":"é😀"}\r\n\r\ndata: 𝔘\r\ndata: ✓\n\ndata: €\r\r';
	const bytes = new TextEncoder().encode(text);
	const expected = ['{"s":"é😀"}', '𝔘\n✓', '€'];

	it('gives the same messages wherever the bytes are cut, inside UTF-8 sequences and CRLFs too', async () => {
		expect(await readBytes(bytes, [])).toEqual(expected);
		for (let i = 1; i < bytes.length; i++)
			expect(await readBytes(bytes, [i]), `cut at byte ${i}`).toEqual(expected);
		for (let i = 1; i < bytes.length; i += 3) {
			for (let j = i + 1; j < bytes.length; j += 2)
				expect(await readBytes(bytes, [i, j]), `cut at bytes ${i}, ${j}`).toEqual(expected);
		}
	});

	it('gives the same messages one byte at a time', async () => {
		expect(
			await readBytes(
				bytes,
				Array.from({ length: bytes.length - 1 }, (_, i) => i + 1)
			)
		).toEqual(expected);
	});
});

describe('messageReader', () => {
	it('records an error with id null as the answer to the request of the same exchange', () => {
		const recorder = new TrafficRecorder();
		const entries: MessageEntry[] = [];
		recorder.subscribe(
			(e, change) => change === 'added' && e.type === 'message' && entries.push(e)
		);
		const request = recorder.message('sent', {
			jsonrpc: '2.0',
			id: 'probe-1',
			method: 'server/discover'
		});
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
