/**
 * What the traffic log keeps of one received text (a JSON body, or one server-sent event's
 * data): whether it is JSON, and the facts of each message in it (kind, method, id, subject,
 * byte size). Read here, on the page, for ordinary messages, and in a worker for big ones (see
 * wire-messages.ts), so a 10 MB result is never parsed twice on the page's main thread: the SDK's
 * parse is the only one there. The answer is plain data, cheap to send back from a worker.
 */
import {
	factsOf,
	NOT_JSON,
	safeStringify,
	type MessageDescriber,
	type MessageFacts
} from './traffic.js';
import { EMPTY_BATCH } from './batch-faults.js';

export interface ReceivedMessage {
	facts: MessageFacts;
	/** The message's own text: only for batch elements (re-serialised); otherwise the whole text is it. */
	raw?: string;
}

export interface ReceivedText {
	/** Whether the text is JSON at all; when not, `messages` is one "invalid" message. */
	json: boolean;
	/** Whether it looks like JSON-RPC: an object with "jsonrpc", or a batch holding one. */
	jsonRpc: boolean;
	messages: ReceivedMessage[];
	/**
	 * The text is a batch (a non-empty array): `messages` are its members, each with the facts it
	 * has on its own; what the client does with the batch depends on what carried it
	 * (batch-faults.ts, applied where that is known).
	 */
	batch?: true;
	/** The parsed text, kept only when asked for (never from a worker: its answer is plain facts). */
	value?: unknown;
}

const looksJsonRpc = (v: unknown) => !!v && typeof v === 'object' && 'jsonrpc' in v;

/**
 * Reads `raw` (parsed once, then dropped unless `keepValue`); `describe` names what a request or
 * notification is about.
 */
export function readReceivedText(
	raw: string,
	describe?: MessageDescriber,
	keepValue = false
): ReceivedText {
	let parsed: unknown;
	try {
		parsed = JSON.parse(raw);
	} catch {
		return {
			json: false,
			jsonRpc: false,
			messages: [{ facts: { ...factsOf(undefined, raw, describe), problem: NOT_JSON } }]
		};
	}
	if (Array.isArray(parsed) && parsed.length === 0) {
		// Meant as a batch (so JSON-RPC, even in a JSON body), but one JSON-RPC calls invalid.
		const facts = { ...factsOf(parsed, raw, describe), problem: EMPTY_BATCH };
		return { json: true, jsonRpc: true, messages: [{ facts }] };
	}
	if (Array.isArray(parsed)) {
		// A batch: one row per element (their text is re-serialised; the HTTP body keeps the original).
		return {
			json: true,
			jsonRpc: parsed.some(looksJsonRpc),
			batch: true,
			messages: parsed.map((element) => {
				const text = safeStringify(element);
				return { facts: factsOf(element, text, describe), raw: text };
			})
		};
	}
	const read: ReceivedText = {
		json: true,
		jsonRpc: looksJsonRpc(parsed),
		messages: [{ facts: factsOf(parsed, raw, describe) }]
	};
	if (keepValue) read.value = parsed;
	return read;
}
