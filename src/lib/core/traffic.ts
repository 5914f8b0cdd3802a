/**
 * The traffic recorder: every JSON-RPC message Loupe sends or receives, and every HTTP
 * exchange behind them, in the order they happened. Framework-free; the UI subscribes and
 * batches the entries into its own state.
 */
import { MASK, maskUrl } from './secrets.js';
import { envelopeFaults, envelopeShape } from './envelope-issues.js';
import { KnownSecrets } from './known-secrets.js';

export type Direction = 'sent' | 'received';
/** 'invalid': the client refuses it (see `problem`); 'ignored': the client never read it (an SSE event of another type). */
export type MessageKind = 'request' | 'notification' | 'response' | 'error' | 'invalid' | 'ignored';

export interface MessageEntry {
	type: 'message';
	/** Position in the log, starting at 1, shared with HTTP entries. */
	seq: number;
	direction: Direction;
	/** Milliseconds since the Unix epoch. */
	time: number;
	kind: MessageKind;
	/** The request's method; for a response, the method of the request it answers. */
	method: string | undefined;
	/** The JSON-RPC id, as a string key (undefined for notifications). */
	id: string | undefined;
	/** What it is about (the tool, resource URI, prompt, …); for a response, its request's. */
	subject?: string;
	/** The message as JSON text. */
	raw: string;
	/** UTF-8 byte size of `raw`. */
	size: number;
	/** For a request: seq of its response, once it arrived. For a response: seq of its request. */
	pair?: number;
	/** A second response to a request that already had one: seq of the first (`pair` is the request). */
	firstAnswer?: number;
	/**
	 * Why an invalid message is refused, or why an ignored one was not read, in words; on a
	 * message the client read, what is off-spec about it (a batch member where MCP has none).
	 */
	problem?: string;
	/** For a response (and, once answered, its request): time between request and response. */
	latencyMs?: number;
	/** For a message that came with a different connection attempt (after a reconnect). */
	connection: number;
}

export interface HttpEntry {
	type: 'http';
	seq: number;
	time: number;
	method: string;
	url: string;
	/** HTTP status, or undefined when the request never got a response. */
	status: number | undefined;
	durationMs: number | undefined;
	requestHeaders: Record<string, string>;
	responseHeaders: Record<string, string>;
	/** Request body as text when it was text (secrets in form bodies masked). */
	requestBody?: string;
	/** Response body as text, exactly as received (streams are appended to as they arrive). */
	responseBody?: string;
	/** Set when the request failed without a response (network error, CORS, abort). */
	error?: string;
	connection: number;
}

export type TrafficEntry = MessageEntry | HttpEntry;

/** What starts a connection in the log: the person connecting, or Loupe opening a new session after the server lost one. */
export type ConnectionReason = 'connect' | 'new-session';

export interface ConnectionStart {
	/** The server's URL (secrets in it are masked when recorded). */
	url: string;
	/** The transport asked for ('auto', 'streamable-http' or 'sse'); on the boundary, once connected, the one used. */
	transport: string;
	reason: ConnectionReason;
}

/** What the handshake found, for the boundary. */
export interface ConnectionOutcome {
	/** The transport used. */
	transport?: string;
	protocolVersion?: string;
	/** The server's name (and version) as it introduced itself. */
	server?: string;
}

/**
 * The boundary where a connection starts: every entry after it, up to the next one, belongs to
 * it (has its `connection` number). Updated in place once the handshake ends.
 */
export interface ConnectionEntry extends ConnectionStart, Omit<ConnectionOutcome, 'transport'> {
	type: 'connection';
	seq: number;
	time: number;
	connection: number;
	state: 'connecting' | 'connected' | 'failed';
}

/** Everything in the log: messages, HTTP exchanges, and the boundaries between connections. */
/** An entry of the "All servers" view: a copy, numbered in that view, naming its server. */
export type TrafficItem = (TrafficEntry | ConnectionEntry) & { fromServer?: string };

export type TrafficListener = (entry: TrafficItem, change: 'added' | 'updated') => void;

/** What a request or notification of this method is about, if anything (see traffic-subject.ts). */
export type MessageDescriber = (
	method: string,
	message: Record<string, unknown>
) => string | undefined;

const encoder = new TextEncoder();

/** UTF-8 byte length without allocating for pure-ASCII strings. */
export function utf8Size(text: string): number {
	// eslint-disable-next-line no-control-regex
	if (!/[^\x00-\x7f]/.test(text)) return text.length;
	return encoder.encode(text).length;
}

function idKey(id: unknown): string | undefined {
	if (typeof id === 'string') return 's:' + id;
	if (typeof id === 'number') return 'n:' + id;
	return undefined;
}

export function classifyMessage(message: unknown): {
	kind: MessageKind;
	method: string | undefined;
	id: string | undefined;
	problem?: string;
} {
	if (!message || typeof message !== 'object' || Array.isArray(message)) {
		return { kind: 'invalid', method: undefined, id: undefined, problem: 'Not a JSON object.' };
	}
	const m = message as Record<string, unknown>;
	const method = typeof m.method === 'string' ? m.method : undefined;
	const id = idKey(m.id);
	const shape = envelopeShape(m);
	if (shape === undefined)
		return { kind: 'invalid', method, id, problem: 'No method, result or error.' };
	const faults = envelopeFaults(m, shape);
	if (faults.length) return { kind: 'invalid', method, id, problem: faults.join(' ') };
	return { kind: shape, method, id };
}

/** The problem of a received text that did not parse as JSON. */
export const NOT_JSON = 'Not JSON.';

/** What the log keeps of a message besides its text: read from the message once, here or in a worker. */
export interface MessageFacts {
	kind: MessageKind;
	method: string | undefined;
	/** The JSON-RPC id as a key (see idKey); undefined for notifications and `id: null`. */
	id: string | undefined;
	subject: string | undefined;
	/** UTF-8 byte size of the message's text. */
	size: number;
	/** Why an invalid message is refused, or an ignored one was not read; what is off-spec in one read. */
	problem?: string;
}

/** The facts of `message`, whose text is `text`; `describe` reads a request's or notification's subject. */
export function factsOf(
	message: unknown,
	text: string,
	describe: MessageDescriber | undefined
): MessageFacts {
	const { kind, method, id, problem } = classifyMessage(message);
	const subject =
		method !== undefined ? describe?.(method, message as Record<string, unknown>) : undefined;
	return { kind, method, id, subject, size: utf8Size(text), ...(problem && { problem }) };
}

/** A request that had its response: what a second response to its id shows. */
interface Answered {
	request: number;
	response: number;
	method: string | undefined;
	subject: string | undefined;
}

/** How many answered ids per direction the recorder keeps, to tell a duplicate response from an unpaired one. */
const MAX_ANSWERED = 10_000;

export class TrafficRecorder {
	#seq = 0;
	#listeners = new Set<TrafficListener>();
	/** Requests waiting for their response, per direction of the request. */
	#pending: Record<Direction, Map<string, MessageEntry>> = { sent: new Map(), received: new Map() };
	/** Requests already answered, per direction of the request: a second answer is a duplicate. */
	#answered: Record<Direction, Map<string, Answered>> = { sent: new Map(), received: new Map() };
	#connection = 0;
	/** Secret texts Loupe sent (keepSecret), each with its JSON string form. */
	readonly #secrets = new Map<string, string>();
	/** The boundary of the current connection. */
	#boundary: ConnectionEntry | undefined;
	/**
	 * Reads what a request or notification is about (traffic-subject.ts): the session code sets it
	 * when it connects, so that code is not part of the first screen. Until then, no subjects.
	 */
	describe: MessageDescriber | undefined;

	/**
	 * `secrets`: where the texts given to keepSecret are known (the tab's registry, shared by every
	 * server's log): exports and the Message pane mask them wherever they occur (secret-mask.ts).
	 */
	constructor(
		private readonly now: () => number = () => Date.now(),
		readonly secrets: KnownSecrets = new KnownSecrets()
	) {}

	subscribe(listener: TrafficListener): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	/**
	 * Start of a new connection attempt: a boundary entry marks it in the log, and request ids
	 * start over, so pairing does too.
	 */
	newConnection(start: ConnectionStart): number {
		this.#pending.sent.clear();
		this.#pending.received.clear();
		this.#answered.sent.clear();
		this.#answered.received.clear();
		const connection = ++this.#connection;
		this.#boundary = {
			type: 'connection',
			seq: ++this.#seq,
			time: this.now(),
			connection,
			...start,
			url: maskUrl(start.url),
			state: 'connecting'
		};
		this.#emit(this.#boundary, 'added');
		return connection;
	}

	/** The current connection's handshake ended: its boundary says how (and with what server). */
	connectionEnded(connection: number, outcome: ConnectionOutcome | 'failed'): void {
		const boundary = this.#boundary;
		if (!boundary || boundary.connection !== connection || boundary.state !== 'connecting') return;
		Object.assign(
			boundary,
			outcome === 'failed'
				? { state: 'failed' }
				: { ...outcome, transport: outcome.transport ?? boundary.transport, state: 'connected' }
		);
		this.#emit(boundary, 'updated');
	}

	get connection(): number {
		return this.#connection;
	}

	/** The protocol version the current connection negotiated, once its handshake has ended. */
	get protocolVersion(): string | undefined {
		return this.#boundary?.protocolVersion;
	}

	#emit(entry: TrafficItem, change: 'added' | 'updated') {
		for (const listener of this.#listeners) listener(entry, change);
	}

	/**
	 * Records one JSON-RPC message (or batch element). `raw` defaults to the JSON text of the
	 * message. `answers` gives the id of the request an error with `id: null` answers, when the
	 * transport knows it (the request that went out in the same HTTP exchange); it is asked only
	 * for such errors.
	 */
	message(
		direction: Direction,
		message: unknown,
		raw?: string,
		answers?: () => unknown
	): MessageEntry {
		let text = raw ?? safeStringify(message);
		if (direction === 'sent' && this.#secrets.size) text = this.#masked(text);
		return this.messageWithFacts(direction, factsOf(message, text, this.describe), text, answers);
	}

	/** Records one message whose facts were read elsewhere (a big one, in a worker); see `message`. */
	messageWithFacts(
		direction: Direction,
		facts: MessageFacts,
		text: string,
		answers?: () => unknown
	): MessageEntry {
		const { kind, method, subject, size, problem } = facts;
		const id = facts.id ?? (kind === 'error' && answers ? idKey(answers()) : undefined);
		const entry: MessageEntry = {
			type: 'message',
			seq: ++this.#seq,
			direction,
			time: this.now(),
			kind,
			method,
			id,
			subject,
			raw: text,
			size,
			connection: this.#connection,
			...(problem && { problem })
		};
		if (kind === 'request' && id !== undefined) {
			this.#pending[direction].set(id, entry);
		} else if ((kind === 'response' || kind === 'error') && id !== undefined) {
			// A response answers a request that went the other way.
			const requestDirection: Direction = direction === 'sent' ? 'received' : 'sent';
			const request = this.#pending[requestDirection].get(id);
			const earlier = request ? undefined : this.#answered[requestDirection].get(id);
			if (earlier) {
				Object.assign(entry, {
					method: earlier.method,
					subject: earlier.subject,
					pair: earlier.request,
					firstAnswer: earlier.response
				});
			}
			if (request) {
				this.#pending[requestDirection].delete(id);
				this.#remember(requestDirection, id, {
					request: request.seq,
					response: entry.seq,
					method: request.method,
					subject: request.subject
				});
				entry.method = request.method;
				entry.subject = request.subject;
				entry.pair = request.seq;
				entry.latencyMs = entry.time - request.time;
				request.pair = entry.seq;
				request.latencyMs = entry.latencyMs;
				this.#emit(entry, 'added');
				this.#emit(request, 'updated');
				return entry;
			}
		}
		this.#emit(entry, 'added');
		return entry;
	}

	#remember(direction: Direction, id: string, answered: Answered): void {
		const map = this.#answered[direction];
		map.set(id, answered);
		// The oldest answered ids are forgotten first (a duplicate of one of them shows as unpaired).
		if (map.size > MAX_ANSWERED) map.delete(map.keys().next().value!);
	}

	/**
	 * Secret texts Loupe sends (tool arguments that their schema or name marks as secret): from
	 * now on, wherever one is sent as a JSON string or as a whole header value, the log has
	 * "••••••" instead. They join `secrets` too, so that every other occurrence (a server echoing
	 * one back) is masked in exports and on screen.
	 */
	keepSecret(texts: Iterable<string>): void {
		const list = [...texts].filter(Boolean);
		for (const text of list)
			if (!this.#secrets.has(text)) this.#secrets.set(text, JSON.stringify(text));
		this.secrets.add(list);
	}

	#masked(text: string): string {
		for (const quoted of this.#secrets.values())
			if (text.includes(quoted)) text = text.split(quoted).join(`"${MASK}"`);
		return text;
	}

	/** Starts an HTTP exchange; the returned entry is updated in place through `updateHttp`. */
	http(init: Omit<HttpEntry, 'type' | 'seq' | 'time' | 'connection'>): HttpEntry {
		const entry: HttpEntry = {
			type: 'http',
			seq: ++this.#seq,
			time: this.now(),
			connection: this.#connection,
			...init
		};
		if (this.#secrets.size) {
			if (entry.requestBody !== undefined) entry.requestBody = this.#masked(entry.requestBody);
			for (const [name, value] of Object.entries(entry.requestHeaders))
				if (this.#secrets.has(value)) entry.requestHeaders[name] = MASK;
		}
		this.#emit(entry, 'added');
		return entry;
	}

	updateHttp(entry: HttpEntry, patch: Partial<HttpEntry>): void {
		Object.assign(entry, patch);
		this.#emit(entry, 'updated');
	}
}

export function safeStringify(value: unknown): string {
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}
