/**
 * Calls to a worker that each carry one big text (JSON to parse, to check, to read): both ends.
 * The call crosses first, then its text in parts of a million characters, posted over as many
 * tasks as it takes (copying 10 MB into one message is a long task of its own); the worker joins
 * them and answers. The worker starts on the first call; if it cannot start or fails, every call in
 * flight and every later one runs through the fallback on the calling thread, so an answer
 * always comes. Any Worker-like object works (the UI supplies module workers; tests, fakes).
 */
import { nextTask, SLICE_MS } from './sliced-queue.js';

/** The largest part of a text posted at once (UTF-16 units; a part may end inside a surrogate pair: the worker joins them back). */
export const PART_CHARS = 1 << 20;

/** What crosses to the worker: the call and how many parts its text has, then the parts in order. */
export type CallMessage<Request> =
	{ id: number; request: Request; parts: number } | { id: number; part: string };

export interface CallReply<Reply> {
	id: number;
	reply: Reply;
}

/** The part of a Worker the calling side uses. */
export interface WorkerLike<Request, Reply> {
	postMessage(message: CallMessage<Request>): void;
	addEventListener(type: 'message', listener: (event: { data: CallReply<Reply> }) => void): void;
	addEventListener(type: 'error' | 'messageerror', listener: (event: unknown) => void): void;
	terminate(): void;
}

/** One call: a request, and the text it is about. */
export type WorkerCall<Request, Reply> = (request: Request, text: string) => Promise<Reply>;

interface Pending<Request, Reply> {
	request: Request;
	text: string;
	resolve: (reply: Reply) => void;
	reject: (error: unknown) => void;
}

/** Calls to the worker `start` gives (started on the first call), with `fallback` when it cannot serve. */
export function workerCalls<Request, Reply>(
	start: () => WorkerLike<Request, Reply>,
	fallback: WorkerCall<Request, Reply>,
	now: () => number = () => performance.now()
): WorkerCall<Request, Reply> {
	let worker: WorkerLike<Request, Reply> | undefined;
	let failed = false;
	let nextId = 1;
	const pending = new Map<number, Pending<Request, Reply>>();

	const viaFallback = (p: Pending<Request, Reply>) =>
		void fallback(p.request, p.text).then(p.resolve, p.reject);

	const fail = () => {
		if (failed) return;
		failed = true;
		worker?.terminate();
		worker = undefined;
		const stranded = [...pending.values()];
		pending.clear();
		stranded.forEach(viaFallback);
	};

	const ensureWorker = (): WorkerLike<Request, Reply> | undefined => {
		if (worker || failed) return worker;
		try {
			worker = start();
		} catch {
			failed = true;
			return undefined;
		}
		worker.addEventListener('message', ({ data }) => {
			const p = pending.get(data.id);
			if (!p) return;
			pending.delete(data.id);
			p.resolve(data.reply);
		});
		worker.addEventListener('error', fail);
		worker.addEventListener('messageerror', fail);
		return worker;
	};

	/** Posts the call, then its parts, pausing for the event loop whenever a time slice is spent. */
	const send = async (w: WorkerLike<Request, Reply>, id: number, p: Pending<Request, Reply>) => {
		const { text } = p;
		let sliceStart = now();
		w.postMessage({ id, request: p.request, parts: Math.ceil(text.length / PART_CHARS) });
		for (let at = 0; at < text.length; at += PART_CHARS) {
			if (at > 0 && now() - sliceStart > SLICE_MS) {
				await nextTask();
				// The worker failed meanwhile: the fallback has this call.
				if (!pending.has(id)) return;
				sliceStart = now();
			}
			w.postMessage({ id, part: text.slice(at, at + PART_CHARS) });
		}
	};

	return (request, text) =>
		new Promise<Reply>((resolve, reject) => {
			const p: Pending<Request, Reply> = { request, text, resolve, reject };
			const w = ensureWorker();
			if (!w) return viaFallback(p);
			const id = nextId++;
			pending.set(id, p);
			send(w, id, p).catch(() => {
				// e.g. a request that cannot be cloned: this call runs through the fallback
				if (pending.delete(id)) viaFallback(p);
			});
		});
}

/** The part of a worker's global scope the serving side uses. */
export interface WorkerScope<Request, Reply> {
	addEventListener(
		type: 'message',
		listener: (event: { data: CallMessage<Request> }) => void
	): void;
	postMessage(reply: CallReply<Reply>): void;
}

/** The worker's end: joins each call's parts and answers the call with `answer(request, text)`. */
export function serveCalls<Request, Reply>(
	scope: WorkerScope<Request, Reply>,
	answer: (request: Request, text: string) => Reply
): void {
	const calls = new Map<number, { request: Request; parts: number; text: string[] }>();
	const settle = (id: number) => {
		const call = calls.get(id);
		if (!call || call.text.length < call.parts) return;
		calls.delete(id);
		scope.postMessage({ id, reply: answer(call.request, call.text.join('')) });
	};
	scope.addEventListener('message', ({ data }) => {
		if ('part' in data) calls.get(data.id)?.text.push(data.part);
		else calls.set(data.id, { request: data.request, parts: data.parts, text: [] });
		settle(data.id);
	});
}
