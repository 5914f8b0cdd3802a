/**
 * A transport wrapper that records every JSON-RPC message crossing it, exactly once, before
 * handing it on. The SDK's Client talks to this wrapper; the wrapper talks to the real
 * transport (Streamable HTTP or legacy SSE).
 */
import type { JSONRPCMessage, MessageExtraInfo, Transport, TransportSendOptions } from '@modelcontextprotocol/client';
import type { TrafficRecorder } from './traffic.js';

export class RecordingTransport implements Transport {
	onclose?: () => void;
	onerror?: (error: Error) => void;
	onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;

	constructor(
		readonly inner: Transport,
		private readonly recorder: TrafficRecorder
	) {
		inner.onmessage = (message, extra) => {
			this.#record('received', message);
			this.onmessage?.(message, extra);
		};
		inner.onclose = () => this.onclose?.();
		inner.onerror = (error) => this.onerror?.(error);
	}

	#record(direction: 'sent' | 'received', message: unknown) {
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
		return this.inner.send(message, options);
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
