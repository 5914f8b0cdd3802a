import { describe, expect, it } from 'vitest';
import { SlicedQueue } from '../../src/lib/core/sliced-queue';
import { pacedBody } from '../../src/lib/core/recording-fetch';

describe('SlicedQueue', () => {
	it('runs at once while the slice lasts, then queues in order and yields between slices', () => {
		let t = 0;
		const scheduled: (() => void)[] = [];
		const queue = new SlicedQueue(
			() => t,
			(fn) => scheduled.push(fn)
		);
		const ran: number[] = [];
		// Each callback costs 3 ms: an 8 ms slice fits three of them.
		for (let i = 0; i < 10; i++) queue.run(() => (ran.push(i), (t += 3)));
		expect(ran).toEqual([0, 1, 2]);
		expect(queue.pending).toBe(7);
		expect(scheduled).toHaveLength(1);
		scheduled.shift()!();
		expect(ran).toEqual([0, 1, 2, 3, 4, 5]);
		expect(scheduled).toHaveLength(1);
		let tasks = 1;
		while (scheduled.length) {
			scheduled.shift()!();
			tasks++;
		}
		expect(ran).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(tasks).toBe(3);
	});

	it('keeps the order when a new callback arrives while others wait', () => {
		let t = 0;
		const scheduled: (() => void)[] = [];
		const queue = new SlicedQueue(
			() => t,
			(fn) => scheduled.push(fn)
		);
		const ran: string[] = [];
		queue.run(() => ran.push('a'));
		t = 9;
		queue.run(() => ran.push('b')); // slice spent: queued
		t = 40; // long after, but 'b' still waits, so 'c' must queue behind it
		queue.run(() => ran.push('c'));
		expect(ran).toEqual(['a']);
		scheduled.shift()!();
		expect(ran).toEqual(['a', 'b', 'c']);
	});
});

describe('SlicedQueue tasks of their own', () => {
	it('runs an ownTask callback in a later task than the callbacks just before it, keeping the order', () => {
		const scheduled: (() => void)[] = [];
		const queue = new SlicedQueue(
			() => 0,
			(fn) => scheduled.push(fn)
		);
		const ran: string[] = [];
		queue.run(() => ran.push('notification 1'));
		queue.run(() => ran.push('response'), true);
		queue.run(() => ran.push('notification 2'));
		expect(ran).toEqual(['notification 1']);
		scheduled.shift()!();
		expect(ran).toEqual(['notification 1', 'response', 'notification 2']);
	});

	it('stops a drain before an ownTask callback that is not first', () => {
		const scheduled: (() => void)[] = [];
		let t = 0;
		const queue = new SlicedQueue(
			() => t,
			(fn) => scheduled.push(fn)
		);
		const ran: string[] = [];
		queue.run(() => ran.push('a'));
		t = 10; // the slice is spent (but the burst goes on): the rest queues
		queue.run(() => ran.push('b'));
		queue.run(() => ran.push('c'), true);
		queue.run(() => ran.push('d'));
		scheduled.shift()!();
		expect(ran).toEqual(['a', 'b']);
		scheduled.shift()!();
		expect(ran).toEqual(['a', 'b', 'c', 'd']);
	});
});

describe('pacedBody', () => {
	it('hands on exactly the same bytes and reports the decoded text', async () => {
		const text = 'data: {"jsonrpc":"2.0","method":"x","params":{"s":"é😀"}}\n\n'.repeat(2000);
		const bytes = new TextEncoder().encode(text);
		const source = new ReadableStream<Uint8Array>({
			start(controller) {
				// Split inside a multi-byte character on purpose.
				controller.enqueue(bytes.subarray(0, 50_001));
				controller.enqueue(bytes.subarray(50_001));
				controller.close();
			}
		});
		let seen = '';
		const out = await new Response(pacedBody(source, (chunk) => (seen += chunk))).arrayBuffer();
		expect(new Uint8Array(out)).toEqual(bytes);
		expect(seen).toBe(text);
	});

	it('passes a cancel on to the source', async () => {
		let cancelled: unknown;
		const source = new ReadableStream<Uint8Array>({
			pull(controller) {
				controller.enqueue(new Uint8Array([1]));
			},
			cancel(reason) {
				cancelled = reason;
			}
		});
		const reader = pacedBody(source, () => {}).getReader();
		await reader.read();
		await reader.cancel('stop');
		expect(cancelled).toBe('stop');
	});
});

describe('SlicedQueue.drained', () => {
	it('resolves at once when nothing waits, else once the queue has run everything', async () => {
		const scheduled: (() => void)[] = [];
		let t = 0;
		const queue = new SlicedQueue(
			() => t,
			(fn) => scheduled.push(fn)
		);
		let done = false;
		await queue.drained();
		queue.run(() => (t = 10));
		queue.run(() => {});
		void queue.drained().then(() => (done = true));
		await Promise.resolve();
		expect(done).toBe(false);
		scheduled.shift()!();
		await Promise.resolve();
		expect(done).toBe(true);
	});
});

describe('SlicedQueue.hold', () => {
	it('queues every callback until the hold settles, then runs them in order', async () => {
		const queue = new SlicedQueue();
		const ran: string[] = [];
		queue.run(() => ran.push('before'));
		let release!: () => void;
		queue.hold(new Promise<void>((r) => (release = r)));
		queue.run(() => ran.push('a'));
		queue.run(() => ran.push('b'), true);
		let drained = false;
		void queue.drained().then(() => (drained = true));
		await new Promise((r) => setTimeout(r, 20));
		expect(ran).toEqual(['before']);
		expect(drained).toBe(false);
		release();
		await queue.drained();
		expect(ran).toEqual(['before', 'a', 'b']);
		// A hold that fails releases too; with no hold left, callbacks run at once again.
		queue.hold(Promise.reject(new Error('no worker')));
		queue.run(() => ran.push('c'));
		await queue.drained();
		queue.run(() => ran.push('d'));
		expect(ran).toEqual(['before', 'a', 'b', 'c', 'd']);
	});
});

describe('pacedBody with an inbound queue', () => {
	const oneChunk = (bytes: Uint8Array) =>
		new ReadableStream<Uint8Array>({
			start(controller) {
				controller.enqueue(bytes);
				controller.close();
			}
		});

	it('decodes each piece as it is handed on, not a whole network chunk at once', async () => {
		const bytes = new TextEncoder().encode('x'.repeat(64 * 1024));
		let seen = 0;
		const reader = pacedBody(oneChunk(bytes), (text) => (seen += text.length)).getReader();
		const first = await reader.read();
		expect(first.value!.length).toBe(16 * 1024);
		expect(seen).toBe(16 * 1024);
	});

	it('still records the bytes it had not handed on when the reader cancels', async () => {
		const bytes = new TextEncoder().encode('z'.repeat(40 * 1024));
		let seen = 0;
		const reader = pacedBody(oneChunk(bytes), (text) => (seen += text.length)).getReader();
		await reader.read();
		await reader.cancel('done');
		expect(seen).toBe(40 * 1024);
	});

	it('hands the next piece on only once the queue has handed on what came before', async () => {
		const scheduled: (() => void)[] = [];
		let t = 0;
		const queue = new SlicedQueue(
			() => t,
			(fn) => scheduled.push(fn)
		);
		const bytes = new TextEncoder().encode('y'.repeat(40 * 1024));
		const reader = pacedBody(oneChunk(bytes), () => {}, undefined, { inbound: queue }).getReader();
		expect((await reader.read()).value!.length).toBe(16 * 1024);
		// The client is behind: its slice is spent and a message waits in the queue.
		t = 100;
		queue.run(() => (t += 10));
		queue.run(() => {});
		expect(queue.pending).toBeGreaterThan(0);
		let second: Uint8Array | undefined;
		void reader.read().then((r) => (second = r.value));
		await new Promise((r) => setTimeout(r, 30));
		expect(second).toBeUndefined();
		while (scheduled.length) scheduled.shift()!();
		await new Promise((r) => setTimeout(r, 30));
		expect(second?.length).toBe(16 * 1024);
	});
});
