/**
 * The requests Loupe sent on one connection that still wait for their response. When the answer
 * can no longer come (the stream that was to carry it ended without it, or the server is gone),
 * each one fails at once with a sentence that names it, instead of running into its timeout.
 *
 * The failure reaches the SDK the way any answer does, as a JSON-RPC error response handed to
 * the client by the transport; it carries a mark unique to this connection, so Loupe tells its
 * own failures apart from errors a server sent (which never appear in Traffic as received: only
 * bytes from the wire do).
 */
import type { Problem } from './errors.js';

type Id = string | number;

/** Why the answer can no longer come. */
export type BrokenReason = 'stream-ended' | 'server-gone' | 'not-in-answer';

/** What each reason tells the person: its kind, its sentence for the request, its hints. */
const BROKEN: Record<
	BrokenReason,
	{ kind: Problem['kind']; message: (label: string) => string; hints: string[] }
> = {
	'not-in-answer': {
		kind: 'protocol',
		message: (label) => `The server answered the POST of ${label} without a response to it.`,
		hints: [
			'A JSON body is the whole answer to the POST that carried the request, and this one holds no response with its id (a response with another id matches no request Loupe sent).',
			'Traffic shows the body exactly as the server sent it.'
		]
	},
	'stream-ended': {
		kind: 'closed',
		message: (label) => `The connection broke while waiting for the answer to ${label}.`,
		hints: [
			'The server ended the response stream without sending the answer (a crash, a restart, or a proxy that cut the stream).',
			'Traffic shows everything the server sent on it.'
		]
	},
	'server-gone': {
		kind: 'closed',
		message: (label) => `The connection broke while waiting for the answer to ${label}.`,
		hints: [
			'Nothing answers at the server address any more: it stopped, or the network is down.',
			'Start the server again, then Connect.'
		]
	}
};

/** "tools/call get_weather", "resources/read demo://x", "ping": what a request is about. */
export function describeRequest(method: string, params: unknown): string {
	const p = params && typeof params === 'object' ? (params as Record<string, unknown>) : {};
	const about = typeof p.name === 'string' ? p.name : typeof p.uri === 'string' ? p.uri : undefined;
	return about ? `${method} ${about}` : method;
}

export function brokenProblem(label: string, reason: BrokenReason): Problem {
	const { kind, message, hints } = BROKEN[reason];
	return { kind, message: message(label), hints: [...hints] };
}

interface OpenRequest {
	label: string;
}

export class OpenRequests {
	readonly #open = new Map<Id, OpenRequest>();
	/** Marks this connection's own failures (never sent anywhere). */
	readonly #mark = `loupe-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
	readonly #problems = new Map<string, Problem>();
	#count = 0;

	/** A request went out; returns its id when it expects an answer. */
	sent(message: unknown): Id | undefined {
		const m = message as { id?: unknown; method?: unknown; params?: unknown };
		if (
			!m ||
			typeof m.method !== 'string' ||
			(typeof m.id !== 'string' && typeof m.id !== 'number')
		)
			return undefined;
		this.#open.set(m.id, { label: describeRequest(m.method, m.params) });
		return m.id;
	}

	/** Its answer arrived (or Loupe stopped waiting for it). */
	settled(id: unknown): void {
		if (typeof id === 'string' || typeof id === 'number') this.#open.delete(id);
	}

	isOpen(id: Id): boolean {
		return this.#open.has(id);
	}

	get size(): number {
		return this.#open.size;
	}

	ids(): Id[] {
		return [...this.#open.keys()];
	}

	/** The error response that fails request `id` (and forgets it), or undefined if it was settled. */
	failure(
		id: Id,
		reason: BrokenReason
	):
		| { jsonrpc: '2.0'; id: Id; error: { code: number; message: string; data: unknown } }
		| undefined {
		const open = this.#open.get(id);
		if (!open) return undefined;
		this.#open.delete(id);
		const problem = brokenProblem(open.label, reason);
		const key = `${this.#mark}:${++this.#count}`;
		this.#problems.set(key, problem);
		return {
			jsonrpc: '2.0',
			id,
			error: { code: -32000, message: problem.message, data: { loupeFailure: key } }
		};
	}

	/** The explanation of a failure this object made, from the error the SDK built from it. */
	problemOf(error: unknown): Problem | undefined {
		const data =
			error && typeof error === 'object' ? (error as { data?: unknown }).data : undefined;
		const key =
			data && typeof data === 'object'
				? (data as { loupeFailure?: unknown }).loupeFailure
				: undefined;
		if (typeof key !== 'string' || !key.startsWith(`${this.#mark}:`)) return undefined;
		const problem = this.#problems.get(key);
		this.#problems.delete(key);
		return problem;
	}
}
