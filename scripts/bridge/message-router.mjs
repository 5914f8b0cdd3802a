/**
 * Which HTTP stream each line from the stdio server goes to. The lines themselves are never
 * changed: an answer goes to the stream of the request it answers (by id), a progress
 * notification to the stream of the request that asked for progress with that token. Anything
 * else (log lines, list changes, the server's own requests) goes to the session's GET stream when
 * one is open, else to a `subscriptions/listen` stream, else to the newest open request stream
 * that is not a handshake's (`initialize`, `server/discover`: a client reads those for the
 * answer only), and waits for the next stream when none is open.
 */

/** Messages kept for the next stream when none is open; the oldest go first beyond this. */
const QUEUE_LIMIT = 1000;
/** Requests whose streams carry their answer and nothing else. */
const HANDSHAKES = ['initialize', 'server/discover'];

/** Map key for a JSON-RPC id or progress token: 1 and "1" are different. */
const key = (value) => JSON.stringify(value);

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `notifications/message` from the bridge itself, for the server's stderr and the like. */
export function logLine(level, logger, data) {
	return JSON.stringify({
		jsonrpc: '2.0',
		method: 'notifications/message',
		params: { level, logger, data }
	});
}

/** A request: it has a method and an id. */
export function isRequest(message) {
	return (
		isObject(message) &&
		typeof message.method === 'string' &&
		message.id !== undefined &&
		message.id !== null
	);
}

export class MessageRouter {
	/** @type {Map<string, import('./event-stream.mjs').EventStream>} request id → stream */
	#pending = new Map();
	/** @type {Map<string, import('./event-stream.mjs').EventStream>} progress token → stream */
	#progress = new Map();
	/** @type {Set<import('./event-stream.mjs').EventStream>} open request streams, oldest first */
	#streams = new Set();
	/** @type {import('./event-stream.mjs').EventStream | undefined} */
	#standalone;
	/** @type {string[]} */
	#queue = [];
	#dropped = 0;

	/** @param {(line: string) => void} say a line for the bridge's console */
	constructor(say) {
		this.say = say;
	}

	/** The first of these requests' ids that another request still waits with, if any. */
	busyId(requests) {
		return requests.find((r) => this.#pending.has(key(r.id)))?.id;
	}

	/**
	 * A POST's response stream, for the answers to `requests`.
	 * @param {import('./event-stream.mjs').EventStream} stream
	 * @param {any[]} requests
	 */
	addRequestStream(stream, requests) {
		const ids = requests.map((r) => key(r.id));
		const tokens = requests
			.map((r) => r.params?._meta?.progressToken)
			.filter((t) => t !== undefined)
			.map(key);
		for (const id of ids) this.#pending.set(id, stream);
		for (const token of tokens) this.#progress.set(token, stream);
		this.#streams.add(stream);
		stream.onClose(() => {
			this.#streams.delete(stream);
			for (const id of ids) if (this.#pending.get(id) === stream) this.#pending.delete(id);
			for (const token of tokens)
				if (this.#progress.get(token) === stream) this.#progress.delete(token);
		});
		this.#flush();
	}

	/** The session's GET stream (one at a time). */
	get standalone() {
		return this.#standalone?.open ? this.#standalone : undefined;
	}

	/** @param {import('./event-stream.mjs').EventStream} stream */
	setStandalone(stream) {
		this.#standalone = stream;
		this.#flush();
	}

	endStandalone() {
		this.#standalone?.end();
		this.#standalone = undefined;
	}

	/** Ends every stream: the server stopped, so no answer will come. */
	endAll() {
		this.endStandalone();
		for (const stream of [...this.#streams]) stream.end();
	}

	/** A line the server wrote to stdout. */
	fromServer(line) {
		if (!line.trim()) return;
		let message;
		try {
			message = JSON.parse(line);
		} catch {
			this.say(
				`The server wrote a line that is not JSON (passed on to Loupe's Logs): ${line.slice(0, 200)}`
			);
			return this.unrelated(logLine('warning', 'stdout (not JSON)', line));
		}
		const messages = Array.isArray(message) ? message : [message];
		const answers = messages
			.filter((m) => isObject(m) && m.method === undefined && m.id !== undefined)
			.map((m) => key(m.id));
		if (answers.length) return this.#answer(line, answers);
		const first = messages[0];
		const token =
			first?.method === 'notifications/progress' ? first.params?.progressToken : undefined;
		const stream = token === undefined ? undefined : this.#progress.get(key(token));
		if (stream?.open) return stream.send(line);
		this.unrelated(line);
	}

	/** An answer: to its request's stream, which ends once every request it carried is answered. */
	#answer(line, ids) {
		const stream = ids.map((id) => this.#pending.get(id)).find((s) => s?.open);
		if (!stream) {
			this.say(
				`An answer came for request ${ids.join(', ')}, whose HTTP request had already closed; it was dropped.`
			);
			return;
		}
		for (const id of ids) this.#pending.delete(id);
		stream.send(line);
		if (![...this.#pending.values()].includes(stream)) stream.end();
	}

	/** A message that answers no request: to the best open stream, or kept until one opens. */
	unrelated(line) {
		const target = this.#target();
		if (target) return target.send(line);
		this.#queue.push(line);
		if (this.#queue.length > QUEUE_LIMIT) {
			this.#queue.shift();
			if (this.#dropped++ === 0)
				this.say(
					`More than ${QUEUE_LIMIT} messages wait for Loupe to open a stream; the oldest are dropped.`
				);
		}
	}

	#target() {
		if (this.#standalone?.open) return this.#standalone;
		const open = [...this.#streams].filter(
			(s) => s.open && !s.methods.some((m) => HANDSHAKES.includes(m))
		);
		return open.find((s) => s.methods.includes('subscriptions/listen')) ?? open.at(-1);
	}

	#flush() {
		const target = this.#target();
		if (!target) return;
		if (this.#dropped)
			target.send(
				logLine(
					'warning',
					'bridge',
					`${this.#dropped} earlier messages from the server were dropped: no stream was open to carry them.`
				)
			);
		this.#dropped = 0;
		for (const line of this.#queue.splice(0)) target.send(line);
	}
}
