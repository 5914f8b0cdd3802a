/**
 * A transport wrapper that records every JSON-RPC message Loupe sends, exactly once, before
 * handing it on (received ones are recorded from the wire by the recording fetch). The SDK's
 * Client talks to this wrapper; the wrapper talks to the real transport (Streamable HTTP or
 * legacy SSE).
 *
 * Inbound events reach the client in time slices: a burst of thousands of notifications that
 * arrives in one network chunk is handed on a few milliseconds' worth at a time, in order,
 * yielding to the browser in between, so the page keeps painting during the burst.
 *
 * It also keeps the requests still waiting for their answer (open-requests.ts): a request whose
 * response stream ended without its answer fails at once, and so does every open request when
 * the session finds the server gone (`failOpenRequests`).
 */
import type {
	JSONRPCMessage,
	MessageExtraInfo,
	Transport,
	TransportSendOptions
} from '@modelcontextprotocol/client';
import type { TrafficRecorder } from './traffic.js';
import { nextTask, SlicedQueue } from './sliced-queue.js';
import { OpenRequests, type BrokenReason } from './open-requests.js';
import type { Problem } from './errors.js';

function isResponse(message: unknown): boolean {
	return (
		!!message &&
		typeof message === 'object' &&
		!('method' in message) &&
		('result' in message || 'error' in message)
	);
}

export class RecordingTransport implements Transport {
	onclose?: () => void;
	onerror?: (error: Error) => void;
	onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
	/** Everything the inner transport reports, in the order it happened. */
	readonly #inbound: SlicedQueue;
	readonly #open = new OpenRequests();
	/** Errors that also failed a request: that request reports them, so they are not reported twice. */
	readonly #claimed = new WeakSet<object>();

	/**
	 * `inbound`: the queue to hand messages on through (shared with the recording fetch, which paces
	 * bodies by it). `answeredInJson`: whether request `id` was answered with a JSON body (the
	 * recording fetch's onJsonAnswer), asked once per request.
	 */
	constructor(
		readonly inner: Transport,
		private readonly recorder: TrafficRecorder,
		inbound = new SlicedQueue(),
		private readonly answeredInJson?: (id: string | number) => boolean
	) {
		this.#inbound = inbound;
		// Received messages are recorded from the response bodies, with their exact text
		// (see recording-fetch.ts), so here they are only handed on.
		// A response gets a task of its own after other messages, so the SDK has handled the
		// progress notifications that came just before it (it does so one microtask late).
		inner.onmessage = (message, extra) => {
			const response = isResponse(message);
			this.#inbound.run(() => {
				if (response) this.#open.settled((message as { id?: unknown }).id);
				this.onmessage?.(message, extra);
			}, response);
		};
		inner.onclose = () => this.#inbound.run(() => this.onclose?.());
		// The SDK reports a failed send both here and by rejecting it; a task later, an error that
		// failed a request has been claimed by it (see send) and is not reported again.
		inner.onerror = (error) =>
			void nextTask().then(() => {
				if (!this.#claimed.has(error)) this.#inbound.run(() => this.onerror?.(error));
			});
	}

	#record(direction: 'sent', message: unknown) {
		if (Array.isArray(message)) for (const m of message) this.recorder.message(direction, m);
		else this.recorder.message(direction, message);
	}

	get hasPerRequestStream(): boolean | undefined {
		return this.inner.hasPerRequestStream;
	}

	get sessionId(): string | undefined {
		return this.inner.sessionId;
	}

	start(): Promise<void> {
		return this.inner.start();
	}

	send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
		this.#record('sent', message);
		const m = message as { method?: unknown; params?: { requestId?: unknown } };
		if (m.method === 'notifications/cancelled') this.#open.settled(m.params?.requestId);
		const id = this.#open.sent(message);
		if (id === undefined) return this.inner.send(message, options);
		options?.requestSignal?.addEventListener('abort', () => this.#open.settled(id), { once: true });
		// The end of a request's stream must not overtake the response still queued before it.
		// The SDK passes its own handler for the streams it watches (subscriptions/listen); every
		// other request whose stream ends without its answer fails here, at once.
		const streamEnd = options?.onRequestStreamEnd;
		const onRequestStreamEnd = () =>
			this.#inbound.run(() => (streamEnd ? streamEnd() : this.#fail(id, 'stream-ended')), true);
		return this.inner.send(message, { ...options, onRequestStreamEnd }).then(
			() => {
				// A JSON body is the whole answer, handed on before send resolved: a request it did
				// not answer (a response with another id, say) never gets one.
				if (this.answeredInJson?.(id))
					this.#inbound.run(() => this.#fail(id, 'not-in-answer'), true);
			},
			(error: unknown) => {
				// The SDK fails the request with this error itself.
				this.#open.settled(id);
				if (error && typeof error === 'object') this.#claimed.add(error);
				throw error;
			}
		);
	}

	/** Hands the client an error response for request `id`, if it still waits (already on the inbound queue). */
	#fail(id: string | number, reason: BrokenReason): void {
		const failure = this.#open.failure(id, reason);
		if (failure) this.onmessage?.(failure as JSONRPCMessage);
	}

	/** Fails every request still waiting, after whatever the server sent before (in order). */
	failOpenRequests(reason: BrokenReason): void {
		for (const id of this.#open.ids()) this.#inbound.run(() => this.#fail(id, reason), true);
	}

	/** Runs `fn` once everything received so far has been handed on. */
	afterInbound(fn: () => void): void {
		this.#inbound.run(fn, true);
	}

	/** Loupe's explanation of a request this transport failed, or undefined for any other error. */
	problemOf(error: unknown): Problem | undefined {
		return this.#open.problemOf(error);
	}

	close(): Promise<void> {
		return this.inner.close();
	}

	setProtocolVersion(version: string): void {
		this.inner.setProtocolVersion?.(version);
	}

	setSupportedProtocolVersions(versions: string[]): void {
		this.inner.setSupportedProtocolVersions?.(versions);
	}
}
