import { describe, expect, it } from 'vitest';
import { sseReader, messageReader, BIG_TEXT_CHARS } from '../../src/lib/core/wire-messages';
import { readReceivedText } from '../../src/lib/core/received-text';
import { messageSubject } from '../../src/lib/core/traffic-subject';
import { TrafficRecorder, type MessageEntry } from '../../src/lib/core/traffic';
import { pacedBody } from '../../src/lib/core/recording-fetch';
import { SlicedQueue } from '../../src/lib/core/sliced-queue';

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

/** A body of `bytes` that arrives in pieces cut at `cuts`. */
function bytesCutAt(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
	return new ReadableStream<Uint8Array>({
		start(controller) {
			let at = 0;
			for (const cut of [...cuts, bytes.length]) {
				controller.enqueue(bytes.subarray(at, cut));
				at = cut;
			}
			controller.close();
		}
	});
}

/** The bytes of `text` cut at `cuts`, decoded by pacedBody and read by sseReader, as in a response. */
async function readBytes(bytes: Uint8Array, cuts: number[]): Promise<string[]> {
	const source = bytesCutAt(bytes, cuts);
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

	it('records an event of a type the client does not read as ignored, saying its type', () => {
		const recorder = new TrafficRecorder();
		const entries: MessageEntry[] = [];
		recorder.subscribe(
			(e, change) => change === 'added' && e.type === 'message' && entries.push(e)
		);
		recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'tools/call' });
		const note = '{"jsonrpc":"2.0","method":"notifications/progress","params":{}}';
		const reader = messageReader(recorder, 'text/event-stream');
		reader.text(
			`event: progress\ndata: ${note}\n\nevent: endpoint\ndata: /messages\n\n` +
				'event: message\ndata: {"jsonrpc":"2.0","id":1,"result":{}}\n\n'
		);
		reader.end();
		expect(entries.map((e) => [e.kind, e.method])).toEqual([
			['request', 'tools/call'],
			['ignored', 'notifications/progress'],
			['ignored', undefined],
			['response', 'tools/call']
		]);
		expect(entries[1].raw).toBe(note);
		expect(entries[1].problem).toBe(
			'An event of type "progress": the client reads only "message" events and ignored it.'
		);
		expect(entries[2].raw).toBe('/messages');
		expect(entries[2].problem).toBe(
			'An event of type "endpoint": the client reads only "message" events and ignored it.'
		);
	});

	it('on legacy SSE, leaves the endpoint event to the HTTP row', () => {
		const recorder = new TrafficRecorder();
		const entries: MessageEntry[] = [];
		recorder.subscribe(
			(e, change) => change === 'added' && e.type === 'message' && entries.push(e)
		);
		const reader = messageReader(recorder, 'text/event-stream', undefined, undefined, {
			alsoRead: ['endpoint']
		});
		reader.text('event: endpoint\ndata: /messages\n\nevent: ping\ndata: 1\n\n');
		reader.end();
		expect(entries).toHaveLength(1);
		expect(entries[0].problem).toBe(
			'An event of type "ping": the client reads only "message" and "endpoint" events and ignored it.'
		);
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

describe('messageReader with big messages read elsewhere', () => {
	const big = JSON.stringify({
		jsonrpc: '2.0',
		id: 1,
		result: { content: [{ type: 'text', text: 'x'.repeat(BIG_TEXT_CHARS) }] }
	});
	const note = (n: number) =>
		JSON.stringify({
			jsonrpc: '2.0',
			method: 'notifications/message',
			params: { level: 'info', data: n }
		});

	/** A reader like the worker's: the same reading, answered a few milliseconds later. */
	function slowReader() {
		const asked: number[] = [];
		const read = (text: string) => {
			asked.push(text.length);
			return new Promise<ReturnType<typeof readReceivedText>>((resolve) =>
				setTimeout(() => resolve(readReceivedText(text, messageSubject)), 20)
			);
		};
		return { asked, read };
	}

	function recording() {
		const recorder = new TrafficRecorder();
		recorder.describe = messageSubject;
		const entries: MessageEntry[] = [];
		recorder.subscribe(
			(e, change) => change === 'added' && e.type === 'message' && entries.push(e)
		);
		return { recorder, entries };
	}

	/** Hands `text` through pacedBody and a messageReader; resolves when the consumer has read it all. */
	async function consume(
		recorder: TrafficRecorder,
		contentType: string,
		text: string,
		readBig?: (t: string) => Promise<ReturnType<typeof readReceivedText>>,
		onRead?: () => void,
		inbound?: SlicedQueue
	) {
		const reader = messageReader(recorder, contentType, undefined, readBig);
		const body = pacedBody(
			new Response(text).body!,
			(chunk) => reader.text(chunk),
			() => reader.end(),
			{ inbound }
		).getReader();
		for (;;) {
			const { done } = await body.read();
			onRead?.();
			if (done) return;
		}
	}

	it('records a big JSON body before the client gets its end, with the facts read elsewhere', async () => {
		const { recorder, entries } = recording();
		recorder.message('sent', {
			jsonrpc: '2.0',
			id: 1,
			method: 'tools/call',
			params: { name: 'big' }
		});
		const { asked, read } = slowReader();
		let recordedAtEnd = -1;
		await consume(recorder, 'application/json', big, read, () => (recordedAtEnd = entries.length));
		expect(asked).toEqual([big.length]);
		expect(recordedAtEnd).toBe(2);
		expect(entries[1]).toMatchObject({
			kind: 'response',
			method: 'tools/call',
			subject: 'big',
			size: big.length,
			pair: entries[0].seq
		});
		expect(entries[1].raw === big).toBe(true);
	});

	it('with a client queue, hands the body on at once but the message only once it is recorded', async () => {
		const { recorder, entries } = recording();
		const { read } = slowReader();
		const inbound = new SlicedQueue();
		let recordedAtEnd = -1;
		await consume(
			recorder,
			'application/json',
			big,
			read,
			() => (recordedAtEnd = entries.length),
			inbound
		);
		// The client had the whole body while the message was still being read elsewhere…
		expect(recordedAtEnd).toBe(0);
		// …and what it hands on through the queue (the message, parsed) waits for the log.
		let recordedWhenHandedOn = -1;
		inbound.run(() => (recordedWhenHandedOn = entries.length));
		await inbound.drained();
		expect(recordedWhenHandedOn).toBe(1);
		expect(entries[0].size).toBe(big.length);
	});

	it('keeps the order of events around a big one, and reads only the big one elsewhere', async () => {
		const { recorder, entries } = recording();
		const { asked, read } = slowReader();
		const stream = [note(1), big, note(2), note(3)].map((d) => `data: ${d}\n\n`).join('');
		await consume(recorder, 'text/event-stream', stream, read);
		expect(asked).toEqual([big.length]);
		expect(entries.map((e) => e.kind)).toEqual([
			'notification',
			'response',
			'notification',
			'notification'
		]);
		expect(entries.map((e) => e.raw)).toEqual([note(1), big, note(2), note(3)]);
	});

	it('reads a big message at once when the reader elsewhere fails', async () => {
		const { recorder, entries } = recording();
		await consume(recorder, 'text/event-stream', `data: ${big}\n\ndata: {oops\n\n`, () =>
			Promise.reject(new Error('no worker'))
		);
		expect(entries.map((e) => [e.kind, e.size])).toEqual([
			['response', big.length],
			['invalid', 5]
		]);
	});
});

describe('messages Loupe takes from an event stream', () => {
	const log = (n: number) =>
		JSON.stringify({ jsonrpc: '2.0', method: 'notifications/message', params: { data: n } });
	const call = JSON.stringify({ jsonrpc: '2.0', id: 7, result: { content: [] } });
	const stream = [
		`: hello\r\nid: a\r\nretry: 500\r\ndata: ${log(1)}\r\n\r\n`,
		`event: message\nid: b\ndata: ${log(2)}\n\n`,
		`data: ${call.slice(0, 17)}\ndata: ${call.slice(17)}\nid: c\n\n`,
		`data: ${log(3)}\n\n`,
		'data: cut off'
	].join('');
	const taker = (message: unknown) =>
		(message as { method?: string }).method === 'notifications/message';

	/** What the client reads of `text` handed through pacedBody in pieces cut at `cuts`, and what was taken. */
	async function forwardThrough(text: string, cuts: number[]) {
		const recorder = new TrafficRecorder();
		const recorded: string[] = [];
		recorder.subscribe(
			(e, change) => change === 'added' && e.type === 'message' && recorded.push(e.raw)
		);
		const taken: unknown[] = [];
		const reader = messageReader(recorder, 'text/event-stream', undefined, undefined, {
			take: (m) => (taker(m) ? (taken.push(m), true) : false)
		});
		const source = bytesCutAt(new TextEncoder().encode(text), cuts);
		const body = pacedBody(
			source,
			(chunk) => reader.text(chunk),
			() => reader.end(),
			{ forward: reader.forward!.bind(reader) }
		);
		const forwarded = await new Response(body).text();
		return { forwarded, taken, recorded };
	}

	it('records every message, hands the taken ones on itself, and leaves them out of what the client reads', async () => {
		const { forwarded, taken, recorded } = await forwardThrough(stream, []);
		expect(recorded).toEqual([log(1), log(2), `${call.slice(0, 17)}\n${call.slice(17)}`, log(3)]);
		expect(taken).toEqual([1, 2, 3].map((n) => JSON.parse(log(n))));
		// The client still sees the ids (in empty events of a type nobody listens to), the retry,
		// the comment, and the response whole; a taken event without an id leaves nothing.
		expect(forwarded).toBe(
			': hello\nid: a\nretry: 500\nevent: loupe-handled\ndata:\n\n' +
				'id: b\nevent: loupe-handled\ndata:\n\n' +
				`data: ${call.slice(0, 17)}\ndata: ${call.slice(17)}\nid: c\n\n\n`
		);
		// An event cut off at the end stays cut off: the line without its ending is not handed on.
		expect(forwarded).not.toContain('cut off');
	});

	it('hands on the same text wherever the bytes are cut, and never stalls on a piece it took whole', async () => {
		const whole = await forwardThrough(stream, []);
		for (let i = 1; i < stream.length; i += 7) {
			const cut = await forwardThrough(stream, [i, Math.min(i + 3, stream.length - 1)]);
			expect(cut.forwarded, `cut at ${i}`).toBe(whole.forwarded);
			expect(cut.taken).toEqual(whole.taken);
		}
	});

	it('leaves everything to the client when nothing is taken', async () => {
		const recorder = new TrafficRecorder();
		const reader = messageReader(recorder, 'text/event-stream', undefined, undefined, {
			take: () => false
		});
		reader.text(`id: 1\ndata: ${log(1)}\n\n`);
		expect(reader.forward!()).toBe(`id: 1\ndata: ${log(1)}\n\n`);
		// A JSON body is never rewritten.
		expect(
			messageReader(recorder, 'application/json', undefined, undefined, { take: () => true })
				.forward
		).toBe(undefined);
	});
});
