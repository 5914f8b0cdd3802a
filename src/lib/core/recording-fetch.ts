/**
 * A `fetch` that records every HTTP exchange in the traffic log: method, URL, status,
 * duration, headers with secrets masked, and the response body exactly as it arrived. The
 * JSON-RPC messages in response bodies are recorded from their exact text as they arrive.
 * The body reaches the SDK through a paced stream: the same bytes, handed over in pieces with
 * a pause for the browser every few milliseconds and no faster than the client takes the
 * messages, so parsing a burst of thousands of events never becomes one long frozen task. Log
 * messages in an event stream can be taken out of it on the way and handed on by Loupe (`take`).
 */
import type { HttpEntry, TrafficRecorder } from './traffic.js';
import { nextTask, SLICE_MS, type SlicedQueue } from './sliced-queue.js';
import {
	messageReader,
	requestIdOf,
	type BigTextReader,
	type MessageTaker
} from './wire-messages.js';
import { maskBody, maskHeaders, maskUrl, secretHeaderValues } from './secrets.js';
import { browserFetch } from './local-network.js';
import { mediaTypeOf } from './body-mismatch.js';

export type Fetch = (input: string | URL, init?: RequestInit) => Promise<Response>;

export interface RecordingFetchOptions {
	recorder: TrafficRecorder;
	fetch?: Fetch;
	/** Lower-case names of headers whose values must be masked besides the usual ones. */
	secretHeaders?: ReadonlySet<string>;
	/** Record the JSON-RPC messages found in response bodies (default true). */
	recordMessages?: boolean;
	/** Reads big received messages for the log away from the main thread (see wire-messages.ts). */
	readBig?: BigTextReader;
	/** Event types the client reads besides "message" (legacy SSE: "endpoint"); others are logged as ignored. */
	sseAlsoRead?: readonly string[];
	/** Called for every finished exchange (response or failure), e.g. to watch statuses. */
	onExchange?: (entry: HttpEntry) => void;
	/** A POSTed request was answered (2xx) with a JSON body: that body is its whole answer. */
	onJsonAnswer?: (requestId: string | number) => void;
	/**
	 * Called when an exchange broke at the network level: the request got no response, or its
	 * response body broke off. Not called for aborts (Loupe cancelling or closing).
	 */
	onNetworkFailure?: (entry: HttpEntry) => void;
	/**
	 * Where the client's transport queues the messages it received (RecordingTransport's): bodies
	 * are handed on no faster than it hands messages on, so a burst waits on the network, not in memory.
	 */
	inbound?: SlicedQueue;
	/**
	 * Loupe's own handling of some messages of event streams (log messages: see connect.ts). A
	 * message it takes is recorded but left out of the stream the SDK reads, which then costs the
	 * SDK nothing; its event's id still reaches the SDK.
	 */
	take?: MessageTaker;
	now?: () => number;
}

export function createRecordingFetch(options: RecordingFetchOptions): Fetch {
	const { recorder, secretHeaders, onExchange } = options;
	const baseFetch: Fetch = options.fetch ?? browserFetch;
	const now = options.now ?? (() => performance.now());

	return async (input, init) => {
		const method = (init?.method ?? 'GET').toUpperCase();
		const headers = new Headers(init?.headers);
		// A token or key sent in a header is masked wherever a server sends it back, too.
		recorder.keepSecret(secretHeaderValues(headers, secretHeaders));
		const body =
			typeof init?.body === 'string' ? maskBody(init.body, headers.get('content-type')) : undefined;
		const entry = recorder.http({
			method,
			url: maskUrl(String(input)),
			status: undefined,
			durationMs: undefined,
			requestHeaders: maskHeaders(headers, secretHeaders),
			responseHeaders: {},
			requestBody: body
		});
		const started = now();
		let response: Response;
		try {
			response = await baseFetch(input, init);
		} catch (error) {
			recorder.updateHttp(entry, {
				durationMs: now() - started,
				error: error instanceof Error ? `${error.name}: ${error.message}` : String(error)
			});
			onExchange?.(entry);
			if (!isAbort(error)) options.onNetworkFailure?.(entry);
			throw error;
		}
		recorder.updateHttp(entry, {
			status: response.status,
			durationMs: now() - started,
			responseHeaders: maskHeaders(response.headers, secretHeaders)
		});
		onExchange?.(entry);
		// The id of the request this POST carried: read once, and only when needed.
		let requestId: { value: unknown } | undefined;
		const answers = () =>
			(requestId ??= {
				value: requestIdOf(typeof init?.body === 'string' ? init.body : undefined)
			}).value;
		// Only a success is the answer: after a 401 or 403 the SDK sends the request again.
		if (
			options.onJsonAnswer &&
			method === 'POST' &&
			response.ok &&
			mediaTypeOf(entry) === 'application/json'
		) {
			const id = answers();
			if (typeof id === 'string' || typeof id === 'number') options.onJsonAnswer(id);
		}
		// Redirects and opaque responses keep their identity (the SDK inspects type and url).
		if (
			!response.body ||
			response.type === 'opaqueredirect' ||
			response.status < 200 ||
			(response.status >= 300 && response.status < 400)
		) {
			return response;
		}
		let text = '';
		const messages =
			options.recordMessages === false
				? undefined
				: messageReader(recorder, response.headers.get('content-type'), answers, options.readBig, {
						alsoRead: options.sseAlsoRead,
						take: options.take
					});
		const paced = pacedBody(
			response.body,
			(chunk) => {
				text += chunk;
				recorder.updateHttp(entry, { responseBody: text });
				return messages?.text(chunk);
			},
			() => messages?.end(),
			{
				inbound: options.inbound,
				forward: messages?.forward?.bind(messages),
				onError: (error) => {
					if (isAbort(error)) return;
					recorder.updateHttp(entry, {
						error: `The response body broke off: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`
					});
					options.onNetworkFailure?.(entry);
				}
			}
		);
		return new Response(paced, {
			status: response.status,
			statusText: response.statusText,
			headers: response.headers
		});
	};
}

/** Largest piece handed to the SDK at once: a few hundred small messages. */
const PIECE_BYTES = 16 * 1024;

/**
 * The same bytes as `source`, handed on one piece per read, each decoded into `onText` as it
 * passes (so recording a burst is paced with the SDK's parsing of it), with a pause for the event
 * loop whenever the reader has been busy for a time slice. With `inbound`, a piece waits until the
 * messages of the ones before it have been handed on: a flood is read at the pace the page can
 * take it, the rest staying in the network's buffers. `onError` hears a body that broke off.
 * When `onText` or `onEnd` returns a promise (a big message still being recorded), `inbound` is
 * held until it settles, so the client's parse of the message runs meanwhile but the message
 * reaches the client only after the log has it; without `inbound`, the piece (or the end of the
 * body) is handed on once it settles. With `forward`, what is handed on is not the bytes but
 * what `forward` returns after each piece (the stream written again, some messages left out).
 */
export function pacedBody(
	source: ReadableStream<Uint8Array>,
	onText: (chunk: string) => unknown,
	onEnd: () => unknown = () => {},
	{
		inbound,
		forward,
		onError
	}: {
		inbound?: SlicedQueue;
		forward?: () => string;
		onError?: (error: unknown) => void;
	} = {}
): ReadableStream<Uint8Array> {
	const reader = source.getReader();
	const decoder = new TextDecoder();
	const encoder = new TextEncoder();
	/** Hands on what `forward` wrote since its last call; whether there was anything. */
	const forwarded = (controller: ReadableStreamDefaultController<Uint8Array>) => {
		const text = forward!();
		if (text) controller.enqueue(encoder.encode(text));
		return text !== '';
	};
	const pieces: Uint8Array[] = [];
	let sliceStart = performance.now();
	/** What to wait for before handing on, for what onText or onEnd returned (see above). */
	const waitFor = (recording: unknown): Promise<unknown> | undefined => {
		if (!(recording instanceof Promise)) return undefined;
		if (!inbound) return recording;
		inbound.hold(recording);
		return undefined;
	};
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				// Until something is handed on: a piece whose messages were all taken hands on nothing.
				for (;;) {
					while (pieces.length === 0) {
						let read: ReadableStreamReadResult<Uint8Array>;
						try {
							read = await reader.read();
						} catch (error) {
							onError?.(error);
							throw error;
						}
						const { value, done } = read;
						if (done) {
							const rest = decoder.decode();
							for (const wait of [waitFor(rest ? onText(rest) : undefined), waitFor(onEnd())])
								if (wait) await wait;
							// Recording a big last message (its JSON.parse) and the SDK's own parse of it
							// run in tasks of their own, not one long task.
							if (performance.now() - sliceStart > SLICE_MS) await nextTask();
							if (forward) forwarded(controller);
							controller.close();
							return;
						}
						for (let i = 0; i < value.length; i += PIECE_BYTES)
							pieces.push(value.subarray(i, i + PIECE_BYTES));
					}
					if (inbound?.pending) await inbound.drained();
					if (performance.now() - sliceStart > SLICE_MS) {
						await nextTask();
						sliceStart = performance.now();
					}
					const piece = pieces.shift()!;
					const text = decoder.decode(piece, { stream: true });
					const wait = text ? waitFor(onText(text)) : undefined;
					if (wait) await wait;
					if (!forward) return controller.enqueue(piece);
					if (forwarded(controller)) return;
				}
			},
			cancel(reason) {
				// Bytes that arrived but were not handed on are still what the server sent: recorded too.
				for (const piece of pieces.splice(0)) {
					const text = decoder.decode(piece, { stream: true });
					if (text) void onText(text);
				}
				return reader.cancel(reason);
			}
		},
		{ highWaterMark: 0 }
	);
}

/** An exchange Loupe (or the SDK, closing) stopped on purpose. */
function isAbort(error: unknown): boolean {
	return error instanceof Error && (error.name === 'AbortError' || /abort/i.test(error.message));
}
