/**
 * A transport wrapper that records every JSON-RPC message Loupe sends, exactly once, before
 * handing it on (received ones are recorded from the wire by the recording fetch). The SDK's
 * Client talks to this wrapper; the wrapper talks to the real transport (Streamable HTTP or
 * legacy SSE).
 *
 * Inbound events reach the client in time slices: a burst of thousands of notifications that
 * arrives in one network chunk is handed on a few milliseconds' worth at a time, in order,
 * yielding to the browser in between, so the page keeps painting during the burst.
 */
import type { JSONRPCMessage, MessageExtraInfo, Transport, TransportSendOptions } from '@modelcontextprotocol/client';
import type { TrafficRecorder } from './traffic.js';
import { SlicedQueue } from './sliced-queue.js';

function isResponse(message: unknown): boolean {
	return !!message && typeof message === 'object' && !('method' in message) && ('result' in message || 'error' in message);
}

export class RecordingTransport implements Transport {
	onclose?: () => void;
	onerror?: (error: Error) => void;
	onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
	/** Everything the inner transport reports, in the order it happened. */
	readonly #inbound: SlicedQueue;

	/** `inbound`: the queue to hand messages on through (shared with the recording fetch, which paces bodies by it). */
	constructor(
		readonly inner: Transport,
		private readonly recorder: TrafficRecorder,
		inbound = new SlicedQueue()
	) {
		this.#inbound = inbound;
		// Received messages are recorded from the response bodies, with their exact text
		// (see recording-fetch.ts), so here they are only handed on.
		// A response gets a task of its own after other messages, so the SDK has handled the
		// progress notifications that came just before it (it does so one microtask late).
		inner.onmessage = (message, extra) => this.#inbound.run(() => this.onmessage?.(message, extra), isResponse(message));
		inner.onclose = () => this.#inbound.run(() => this.onclose?.());
		inner.onerror = (error) => this.#inbound.run(() => this.onerror?.(error));
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
		// The end of a request's stream must not overtake the response still queued before it.
		const streamEnd = options?.onRequestStreamEnd;
		const sendOptions = streamEnd ? { ...options, onRequestStreamEnd: () => this.#inbound.run(streamEnd) } : options;
		return this.inner.send(message, sendOptions);
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
