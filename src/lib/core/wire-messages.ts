/**
 * Reading JSON-RPC messages straight from response bodies, as the bytes arrive: every message a
 * server sends is recorded with its exact text, including ones the SDK would reject (bad JSON,
 * off-spec envelopes), which then show up in the traffic log as "invalid" rows instead of
 * vanishing.
 */
import type { TrafficRecorder } from './traffic.js';
import { lineSplitter } from './line-splitter.js';

export interface BodyReader {
	/** Decoded text, in order. */
	text(chunk: string): void;
	/** The body ended normally. */
	end(): void;
}

const NONE: BodyReader = { text() {}, end() {} };

/** What the request of the same HTTP exchange was, asked only for an error with `id: null`. */
type Answers = (() => unknown) | undefined;

/**
 * Records one message from its exact text (parsed when it is JSON, "invalid" when not).
 * `answers`: the id of the request sent in the same HTTP exchange, for errors with `id: null`.
 */
export function recordReceivedText(
	recorder: TrafficRecorder,
	raw: string,
	answers?: Answers
): void {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		recorder.message('received', undefined, raw);
		return;
	}
	recordParsed(recorder, parsed, raw, answers);
}

function recordParsed(
	recorder: TrafficRecorder,
	parsed: unknown,
	raw: string,
	answers: Answers
): void {
	if (Array.isArray(parsed)) {
		// A batch: one row per element (their text is re-serialised; the HTTP body keeps the original).
		for (const element of parsed) recorder.message('received', element);
		if (parsed.length === 0) recorder.message('received', parsed, raw);
	} else recorder.message('received', parsed, raw, answers);
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

/** A reader for one response body, chosen by its content type. */
export function messageReader(
	recorder: TrafficRecorder,
	contentType: string | null,
	answers?: Answers
): BodyReader {
	const type = (contentType ?? '').toLowerCase();
	if (type.includes('text/event-stream'))
		return sseReader((data) => recordReceivedText(recorder, data, answers));
	if (type.includes('json')) return jsonReader(recorder, answers);
	return NONE;
}

/** A JSON body is one message (or a batch); bodies that are not JSON-RPC at all are left to the HTTP row. */
function jsonReader(recorder: TrafficRecorder, answers: Answers): BodyReader {
	let body = '';
	return {
		text(chunk) {
			body += chunk;
		},
		end() {
			const raw = body.trim();
			if (!raw) return;
			let parsed: unknown;
			try {
				parsed = JSON.parse(raw);
			} catch {
				return (recorder.message('received', undefined, raw), undefined);
			}
			const looksJsonRpc = (v: unknown) =>
				!!v && typeof v === 'object' && 'jsonrpc' in (v as object);
			if (Array.isArray(parsed) ? parsed.some(looksJsonRpc) : looksJsonRpc(parsed))
				recordParsed(recorder, parsed, raw, answers);
		}
	};
}

/**
 * Server-sent events, parsed as the HTML standard describes: `data:` lines joined by newlines,
 * dispatched on a blank line; only "message" events (the default type) carry JSON-RPC.
 * Legacy SSE's "endpoint" event and comments stay in the HTTP row.
 */
export function sseReader(onMessage: (data: string) => void): BodyReader {
	let data: string[] = [];
	let event = '';
	const dispatch = () => {
		// An empty data buffer is not dispatched (servers send such "priming" events to set an id).
		const text = data.join('\n');
		if (text !== '' && (event === '' || event === 'message')) onMessage(text);
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
	return {
		text: (chunk) => lines.push(chunk),
		end() {
			// An event without its final blank line is not dispatched (as in browsers).
			lines.end();
			data = [];
		}
	};
}
