/**
 * Reading JSON-RPC messages straight from response bodies, as the bytes arrive: every message a
 * server sends is recorded with its exact text, including ones the SDK would reject (bad JSON,
 * off-spec envelopes), which then show up in the traffic log as "invalid" rows instead of
 * vanishing, and server-sent events of a type the client does not read, as "ignored" rows.
 * Big messages can be read in a worker (BigTextReader), the body waiting for them.
 */
import type { TrafficRecorder } from './traffic.js';
import { briefValue } from './json-value.js';
import { lineSplitter } from './line-splitter.js';
import { readReceivedText, type ReceivedText } from './received-text.js';

export interface BodyReader {
	/**
	 * Decoded text, in order. A promise means a message in it is still being read (a big one,
	 * in a worker): the body must not be handed on before it settles, so that no message reaches
	 * the client before the log has it.
	 */
	text(chunk: string): void | Promise<void>;
	/** The body ended normally (a promise, as for `text`). */
	end(): void | Promise<void>;
}

const NONE: BodyReader = { text() {}, end() {} };

/** What the request of the same HTTP exchange was, asked only for an error with `id: null`. */
type Answers = (() => unknown) | undefined;

/** Reads a big received text away from the page's main thread (a worker running readReceivedText). */
export type BigTextReader = (text: string) => Promise<ReceivedText>;

/** Texts this long (in UTF-16 units; 256 KiB) are read by the BigTextReader, when there is one. */
export const BIG_TEXT_CHARS = 256 * 1024;

/**
 * Records what `read` found in `raw`. `onlyJsonRpc`: a text that is JSON but not JSON-RPC is left
 * to its HTTP row (a JSON body); otherwise it is recorded too (an SSE event). `ignored`: why the
 * client never read this text (an event of another type); its messages are recorded as ignored.
 */
function record(
	recorder: TrafficRecorder,
	read: ReceivedText,
	raw: string,
	answers: Answers,
	onlyJsonRpc: boolean,
	ignored: string | undefined
): void {
	if (read.json && onlyJsonRpc && !read.jsonRpc) return;
	for (const m of read.messages) {
		const facts = ignored ? { ...m.facts, kind: 'ignored' as const, problem: ignored } : m.facts;
		recorder.messageWithFacts('received', facts, m.raw ?? raw, answers);
	}
}

/**
 * Records each received text of one body from its exact text, in order: at once, or, for a big
 * text when `readBig` is given, once the worker has read it, with every later text of the body
 * waiting behind it. Returns a promise while a text is being read.
 */
function textRecorder(
	recorder: TrafficRecorder,
	answers: Answers,
	readBig: BigTextReader | undefined,
	onlyJsonRpc: boolean
): (raw: string, ignored?: string) => void | Promise<void> {
	const inline = (raw: string) => readReceivedText(raw, recorder.describe);
	let tail: Promise<void> | undefined;
	return (raw, ignored) => {
		const big = readBig !== undefined && raw.length >= BIG_TEXT_CHARS;
		if (!big && !tail) return record(recorder, inline(raw), raw, answers, onlyJsonRpc, ignored);
		// A worker that fails gives way to reading inline: the message is recorded either way.
		const reading = big ? readBig(raw).catch(() => inline(raw)) : undefined;
		const done = (tail ?? Promise.resolve()).then(async () =>
			record(recorder, reading ? await reading : inline(raw), raw, answers, onlyJsonRpc, ignored)
		);
		tail = done;
		const clear = () => {
			if (tail === done) tail = undefined;
		};
		done.then(clear, clear);
		return done;
	};
}

/** The id of the single request in a POST body, if that is what it carried. */
export function requestIdOf(body: string | undefined): unknown {
	if (!body) return undefined;
	try {
		const message = JSON.parse(body);
		return message && typeof message === 'object' && 'method' in message ? message.id : undefined;
	} catch {
		return undefined;
	}
}

/** Why the client ignored an event of type `event`, when it reads "message" and `alsoRead`. */
export function ignoredEvent(event: string, alsoRead: readonly string[] = []): string {
	const read = ['message', ...alsoRead].map((t) => `"${t}"`).join(' and ');
	return `An event of type ${briefValue(event)}: the client reads only ${read} events and ignored it.`;
}

/**
 * A reader for one response body, chosen by its content type. `readBig` reads big messages away
 * from the main thread (without it, every message is read at once, here). `alsoRead`: the event
 * types the client reads besides "message" (legacy SSE's "endpoint"), left to the HTTP row; an
 * event of any other type is recorded as ignored.
 */
export function messageReader(
	recorder: TrafficRecorder,
	contentType: string | null,
	answers?: Answers,
	readBig?: BigTextReader,
	alsoRead: readonly string[] = []
): BodyReader {
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('text/event-stream')) {
		const recordText = textRecorder(recorder, answers, readBig, false);
		return sseReader(recordText, {
			alsoRead,
			onIgnored: (event, data) => recordText(data, ignoredEvent(event, alsoRead))
		});
	}
	if (type.includes('json')) return jsonReader(textRecorder(recorder, answers, readBig, true));
	return NONE;
}

/** A JSON body is one message (or a batch); bodies that are not JSON-RPC at all are left to the HTTP row. */
function jsonReader(recordText: (raw: string) => void | Promise<void>): BodyReader {
	let body = '';
	return {
		text(chunk) {
			body += chunk;
		},
		end() {
			const raw = body.trim();
			body = '';
			if (raw) return recordText(raw);
		}
	};
}

/**
 * Server-sent events, parsed as the HTML standard describes: `data:` lines joined by newlines,
 * dispatched on a blank line; only "message" events (the default type) carry JSON-RPC. Events
 * of the types in `alsoRead` (legacy SSE's "endpoint") and comments stay in the HTTP row; an
 * event of any other type goes to `onIgnored`, with its type.
 */
export function sseReader(
	onMessage: (data: string) => unknown,
	{
		alsoRead = [],
		onIgnored
	}: {
		alsoRead?: readonly string[];
		onIgnored?: (event: string, data: string) => unknown;
	} = {}
): BodyReader {
	let data: string[] = [];
	let event = '';
	/** The last message still being recorded (they settle in order). */
	let recording: Promise<void> | undefined;
	const dispatch = () => {
		// An empty data buffer is not dispatched (servers send such "priming" events to set an id).
		const text = data.join('\n');
		if (text !== '') {
			const recorded =
				event === '' || event === 'message'
					? onMessage(text)
					: alsoRead.includes(event)
						? undefined
						: onIgnored?.(event, text);
			if (recorded instanceof Promise) recording = recorded;
		}
		data = [];
		event = '';
	};
	const lines = lineSplitter((text) => {
		if (text === '') return dispatch();
		if (text.startsWith(':')) return;
		const colon = text.indexOf(':');
		const field = colon === -1 ? text : text.slice(0, colon);
		let value = colon === -1 ? '' : text.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		if (field === 'data') data.push(value);
		else if (field === 'event') event = value;
	});
	const settled = () => {
		const wait = recording;
		recording = undefined;
		return wait;
	};
	return {
		text(chunk) {
			lines.push(chunk);
			return settled();
		},
		end() {
			// An event without its final blank line is not dispatched (as in browsers).
			lines.end();
			data = [];
			return settled();
		}
	};
}
