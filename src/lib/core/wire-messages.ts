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
import { batchMemberFacts, type Carrier } from './batch-faults.js';

export interface BodyReader {
	/**
	 * Decoded text, in order. A promise means a message in it is still being read (a big one,
	 * in a worker): the body must not be handed on before it settles, so that no message reaches
	 * the client before the log has it.
	 */
	text(chunk: string): void | Promise<void>;
	/** The body ended normally (a promise, as for `text`). */
	end(): void | Promise<void>;
	/**
	 * For a reader that takes messages (see MessageTaker): the text the client reads instead of
	 * the body, since the last call. Without it, the client reads the body's own bytes.
	 */
	forward?(): string;
}

/**
 * Loupe's own handling of a received message, in place of the SDK's: returns whether it took
 * `message` (already recorded), which the client then never reads. Asked only for single
 * messages in event streams that were read on the page.
 */
export type MessageTaker = (message: unknown) => boolean;

/** What recording a received text came to: done, still being read (big), or taken by Loupe. */
type Recorded = void | Promise<void> | typeof TAKEN;
const TAKEN = 'taken';

const NONE: BodyReader = { text() {}, end() {} };

/** What the request of the same HTTP exchange was, asked only for an error with `id: null`. */
type Answers = (() => unknown) | undefined;

/** Reads a big received text away from the page's main thread (a worker running readReceivedText). */
export type BigTextReader = (text: string) => Promise<ReceivedText>;

/** Texts this long (in UTF-16 units; 256 KiB) are read by the BigTextReader, when there is one. */
export const BIG_TEXT_CHARS = 256 * 1024;

/**
 * Records what `read` found in `raw`, which `carrier` brought: a text in a JSON body that is JSON
 * but not JSON-RPC is left to its HTTP row; an event's is recorded too. A batch's members say
 * what the client does with them (batch-faults.ts). `ignored`: why the client never read this
 * text (an event of another type); its messages are recorded as ignored.
 */
function record(
	recorder: TrafficRecorder,
	read: ReceivedText,
	raw: string,
	answers: Answers,
	carrier: Carrier,
	ignored: string | undefined
): void {
	if (read.json && carrier === 'body' && !read.jsonRpc) return;
	const members =
		read.batch && !ignored
			? batchMemberFacts(
					read.messages.map((m) => m.facts),
					carrier,
					recorder.protocolVersion
				)
			: undefined;
	read.messages.forEach((m, i) => {
		const facts = ignored
			? { ...m.facts, kind: 'ignored' as const, problem: ignored }
			: (members?.[i] ?? m.facts);
		recorder.messageWithFacts('received', facts, m.raw ?? raw, answers);
	});
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
	carrier: Carrier,
	take?: MessageTaker
): (raw: string, ignored?: string) => Recorded {
	const inline = (raw: string) => readReceivedText(raw, recorder.describe);
	let tail: Promise<void> | undefined;
	return (raw, ignored) => {
		const big = readBig !== undefined && raw.length >= BIG_TEXT_CHARS;
		if (!big && !tail) {
			const read = readReceivedText(raw, recorder.describe, take !== undefined && !ignored);
			record(recorder, read, raw, answers, carrier, ignored);
			const { value } = read;
			if (take && value && typeof value === 'object' && !Array.isArray(value) && take(value))
				return TAKEN;
			return;
		}
		// A worker that fails gives way to reading inline: the message is recorded either way.
		const reading = big ? readBig(raw).catch(() => inline(raw)) : undefined;
		const done = (tail ?? Promise.resolve()).then(async () =>
			record(recorder, reading ? await reading : inline(raw), raw, answers, carrier, ignored)
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
function ignoredEvent(event: string, alsoRead: readonly string[] = []): string {
	const read = ['message', ...alsoRead].map((t) => `"${t}"`).join(' and ');
	return `An event of type ${briefValue(event)}: the client reads only ${read} events and ignored it.`;
}

/**
 * A reader for one response body, chosen by its content type. `readBig` reads big messages away
 * from the main thread (without it, every message is read at once, here). `alsoRead`: the event
 * types the client reads besides "message" (legacy SSE's "endpoint"), left to the HTTP row; an
 * event of any other type is recorded as ignored. `take`: Loupe's own handling of some messages
 * of an event stream, which the client then does not read.
 */
export function messageReader(
	recorder: TrafficRecorder,
	contentType: string | null,
	answers?: Answers,
	readBig?: BigTextReader,
	{ alsoRead = [], take }: { alsoRead?: readonly string[]; take?: MessageTaker } = {}
): BodyReader {
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('text/event-stream')) {
		const recordText = textRecorder(recorder, answers, readBig, 'event', take);
		return sseReader(recordText, {
			alsoRead,
			onIgnored: (event, data) => recordText(data, ignoredEvent(event, alsoRead)),
			forwarding: take !== undefined
		});
	}
	if (type.includes('json')) return jsonReader(textRecorder(recorder, answers, readBig, 'body'));
	return NONE;
}

/** A JSON body is one message (or a batch); bodies that are not JSON-RPC at all are left to the HTTP row. */
function jsonReader(recordText: (raw: string) => Recorded): BodyReader {
	let body = '';
	return {
		text(chunk) {
			body += chunk;
		},
		end() {
			const raw = body.trim();
			body = '';
			const recorded = raw ? recordText(raw) : undefined;
			if (recorded instanceof Promise) return recorded;
		}
	};
}

/**
 * Server-sent events, parsed as the HTML standard describes: `data:` lines joined by newlines,
 * dispatched on a blank line; only "message" events (the default type) carry JSON-RPC. Events
 * of the types in `alsoRead` (legacy SSE's "endpoint") and comments stay in the HTTP row; an
 * event of any other type goes to `onIgnored`, with its type.
 *
 * `forwarding`: the reader also writes the stream again for the client (see `forward`), each
 * event as it was, except that an event whose message was taken loses its `data` and `event`
 * lines. Its retry still reaches the client, and so does its id, in an empty event of a type no
 * client listens for (TAKEN_EVENT): the SDK's parser reports an id only with an event, and
 * resuming the stream must ask for what follows this one.
 */
export function sseReader(
	onMessage: (data: string) => unknown,
	{
		alsoRead = [],
		onIgnored,
		forwarding = false
	}: {
		alsoRead?: readonly string[];
		onIgnored?: (event: string, data: string) => unknown;
		forwarding?: boolean;
	} = {}
): BodyReader {
	let data: string[] = [];
	let event = '';
	/** The last message still being recorded (they settle in order). */
	let recording: Promise<void> | undefined;
	/** When forwarding: the lines of the event being read, and the text not yet forwarded. */
	let eventLines: string[] = [];
	let out = '';
	const dispatch = () => {
		// An empty data buffer is not dispatched (servers send such "priming" events to set an id).
		const text = data.join('\n');
		let taken = false;
		if (text !== '') {
			const recorded =
				event === '' || event === 'message'
					? onMessage(text)
					: alsoRead.includes(event)
						? undefined
						: onIgnored?.(event, text);
			if (recorded instanceof Promise) recording = recorded;
			else taken = recorded === TAKEN;
		}
		if (forwarding) {
			let id = false;
			for (const line of eventLines) {
				const field = fieldOf(line);
				if (!taken || !carriesMessage(field)) out += line + '\n';
				if (field === 'id') id = true;
			}
			out += taken && id ? `event: ${TAKEN_EVENT}\ndata:\n\n` : '\n';
			eventLines = [];
		}
		data = [];
		event = '';
	};
	const lines = lineSplitter((text) => {
		if (text === '') return dispatch();
		if (forwarding) eventLines.push(text);
		if (text.startsWith(':')) return;
		const field = fieldOf(text);
		if (field === 'data') data.push(valueOf(text));
		else if (field === 'event') event = valueOf(text);
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
			// ...and reaches the client as it came, undispatched there too.
			for (const line of eventLines) out += line + '\n';
			eventLines = [];
			return settled();
		},
		...(forwarding && {
			forward() {
				const text = out;
				out = '';
				return text;
			}
		})
	};
}

/** The field name of an event stream line (a comment's is ""). */
function fieldOf(line: string): string {
	const colon = line.indexOf(':');
	return colon === -1 ? line : line.slice(0, colon);
}

/** The value of an event stream line: after the colon and one space, if any. */
function valueOf(line: string): string {
	const colon = line.indexOf(':');
	if (colon === -1) return '';
	return line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
}

/** The type of the empty event that stands in for a taken one, to carry its id (see sseReader). */
export const TAKEN_EVENT = 'loupe-handled';

/** The fields that make an event dispatch a message. */
const carriesMessage = (field: string) => field === 'data' || field === 'event';
