import { describe, expect, it } from 'vitest';
import {
	PART_CHARS,
	serveCalls,
	workerCalls,
	type CallMessage,
	type CallReply,
	type WorkerLike
} from '../../src/lib/core/worker-calls';

type Listener = (event: any) => void;
type Request = { upper: boolean };
type Reply = { text: string; parts: number };

/**
 * A stand-in for a module worker running the real serving end (serveCalls): every message is
 * structured-cloned as a real one would be, and each call is answered in a later task.
 */
class FakeWorker implements WorkerLike<Request, Reply> {
	listeners: Record<string, Listener[]> = {};
	posted: CallMessage<Request>[] = [];
	terminated = false;
	#serve: Listener | undefined;
	#parts = 0;
	constructor() {
		serveCalls<Request, Reply>(
			{
				addEventListener: (_type, listener) => (this.#serve = listener),
				postMessage: (reply) => setTimeout(() => this.#reply(reply))
			},
			(request, text) => ({ text: request.upper ? text.toUpperCase() : text, parts: this.#parts })
		);
	}
	postMessage(message: CallMessage<Request>) {
		const data = structuredClone(message);
		this.posted.push(data);
		if ('parts' in data) this.#parts = data.parts;
		this.#serve!({ data });
	}
	#reply(data: CallReply<Reply>) {
		for (const l of this.listeners.message ?? []) l({ data });
	}
	emit(type: string) {
		for (const l of this.listeners[type] ?? []) l({});
	}
	addEventListener(type: string, listener: Listener) {
		(this.listeners[type] ??= []).push(listener);
	}
	terminate() {
		this.terminated = true;
	}
}

const inline = async (request: Request, text: string): Promise<Reply> => ({
	text: request.upper ? text.toUpperCase() : text,
	parts: -1
});

describe('workerCalls', () => {
	it('sends a big text in parts and gets it back whole, a surrogate pair cut between parts too', async () => {
		const worker = new FakeWorker();
		const call = workerCalls(() => worker, inline);
		const text = 'a'.repeat(PART_CHARS - 1) + '😀' + 'b'.repeat(PART_CHARS + 5);
		const reply = await call({ upper: false }, text);
		expect(reply.parts).toBe(3);
		expect(reply.text === text).toBe(true);
		expect(await call({ upper: true }, 'small')).toEqual({ text: 'SMALL', parts: 1 });
		expect(await call({ upper: false }, '')).toEqual({ text: '', parts: 0 });
	});

	it('posts the parts over several tasks once a time slice is spent', async () => {
		const worker = new FakeWorker();
		// A clock where every reading is a slice later than the last.
		let t = 0;
		const call = workerCalls(
			() => worker,
			inline,
			() => (t += 100)
		);
		const reply = call({ upper: false }, 'x'.repeat(3 * PART_CHARS));
		// The call and its first part went at once; the other parts follow in later tasks.
		expect(worker.posted).toHaveLength(2);
		expect((await reply).parts).toBe(3);
		expect(worker.posted).toHaveLength(4);
	});

	it('answers several calls, each with its own text', async () => {
		const worker = new FakeWorker();
		const call = workerCalls(() => worker, inline);
		const replies = await Promise.all(['one', 'two', 'three'].map((t) => call({ upper: true }, t)));
		expect(replies.map((r) => r.text)).toEqual(['ONE', 'TWO', 'THREE']);
	});

	it('starts one worker, on the first call', async () => {
		let started = 0;
		const call = workerCalls(() => (started++, new FakeWorker()), inline);
		expect(started).toBe(0);
		await call({ upper: false }, 'a');
		await call({ upper: false }, 'b');
		expect(started).toBe(1);
	});

	it('runs calls through the fallback when the worker fails: the waiting ones and every later one', async () => {
		const worker = new FakeWorker();
		const call = workerCalls(() => worker, inline);
		const waiting = call({ upper: true }, 'waiting');
		worker.emit('error');
		expect(worker.terminated).toBe(true);
		expect(await waiting).toEqual({ text: 'WAITING', parts: -1 });
		expect(await call({ upper: false }, 'later')).toEqual({ text: 'later', parts: -1 });

		const refused = workerCalls<Request, Reply>(() => {
			throw new Error('Workers are not allowed here');
		}, inline);
		expect(await refused({ upper: true }, 'x')).toEqual({ text: 'X', parts: -1 });
	});

	it('runs a call whose request cannot cross to the worker through the fallback, and only that one', async () => {
		const worker = new FakeWorker();
		const call = workerCalls(() => worker, inline);
		const odd = { upper: true, f: () => {} } as Request;
		expect(await call(odd, 'odd')).toEqual({ text: 'ODD', parts: -1 });
		expect(await call({ upper: true }, 'fine')).toEqual({ text: 'FINE', parts: 1 });
		expect(worker.terminated).toBe(false);
	});

	it('rejects when the fallback does', async () => {
		const call = workerCalls<Request, Reply>(
			() => {
				throw new Error('no worker');
			},
			() => Promise.reject(new Error('nothing to fall back on'))
		);
		await expect(call({ upper: false }, 'x')).rejects.toThrow('nothing to fall back on');
	});
});
