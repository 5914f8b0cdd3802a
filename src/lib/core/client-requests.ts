/**
 * What the server asks of the client (sampling, elicitation, roots), turned into items a person
 * answers. Both protocol eras arrive here the same way: the SDK calls the handlers registered with
 * `setRequestHandler` for 2025-era server→client requests and for the 2026-07-28 era's embedded
 * `input_required` requests alike. No SDK values are imported, so the UI can load this eagerly.
 */
import type { Client } from '@modelcontextprotocol/client';
import { isObject } from './json-value.js';
import { deadlinesOf } from './request-deadline.js';

export type ClientRequestKind = 'sampling' | 'elicitation-form' | 'elicitation-url';
export type ClientRequestState = 'pending' | 'answered' | 'rejected' | 'withdrawn';

export interface ClientRequest {
	id: number;
	kind: ClientRequestKind;
	/** The method as the server named it (sampling/createMessage, elicitation/create). */
	method: string;
	/** The request's params exactly as received (untrusted). */
	params: Record<string, unknown>;
	state: ClientRequestState;
	/** What was answered, in a few words ("Accepted", "Rejected: …"). */
	outcome?: string;
	/** URL mode: the server's elicitationId, if any (2025 era). */
	elicitationId?: string;
	/** URL mode: notifications/elicitation/complete arrived for it. */
	completed?: boolean;
	/** URL mode: the person opened the link. */
	opened?: boolean;
	/** How it arrived: a 2025-era JSON-RPC request, or embedded in a 2026-07-28 `input_required` result. */
	era?: 'modern' | 'legacy';
	/** URL mode from a -32042 error: the call that needs it, to retry once the link is done. */
	retry?: { label: string; run: () => void };
	receivedAt: number;
}

/** The error a person's refusal becomes on the wire (sampling: the spec's "user rejected" code). */
export class ClientRequestRejected extends Error {
	constructor(
		message: string,
		readonly code = -1
	) {
		super(message);
	}
}

type Settle = {
	resolve: (result: Record<string, unknown>) => void;
	reject: (error: Error) => void;
};

/** Pending items with the promise each handler waits on. Plain TS; the UI subscribes with `onchange`. */
export class ClientRequestQueue {
	#items: ClientRequest[] = [];
	#settle = new Map<number, Settle>();
	#nextId = 1;
	onchange: ((items: readonly ClientRequest[]) => void) | undefined;

	get items(): readonly ClientRequest[] {
		return this.#items;
	}

	get pendingCount(): number {
		return this.#items.filter((i) => i.state === 'pending').length;
	}

	#update(id: number, patch: Partial<ClientRequest>): void {
		this.#items = this.#items.map((i) => (i.id === id ? { ...i, ...patch } : i));
		this.onchange?.(this.#items);
	}

	#add(item: Omit<ClientRequest, 'id' | 'state' | 'receivedAt'>): ClientRequest {
		const full: ClientRequest = {
			...item,
			id: this.#nextId++,
			state: 'pending',
			receivedAt: Date.now()
		};
		this.#items = [...this.#items, full];
		this.onchange?.(this.#items);
		return full;
	}

	/**
	 * Puts a request before the person; resolves with their reply, rejects with their refusal.
	 * An abort (the server cancelled, or the call that carried it ended) withdraws the item.
	 */
	ask(
		method: string,
		params: Record<string, unknown>,
		signal?: AbortSignal,
		era?: ClientRequest['era']
	): Promise<Record<string, unknown>> {
		const kind: ClientRequestKind =
			method === 'sampling/createMessage'
				? 'sampling'
				: params.mode === 'url'
					? 'elicitation-url'
					: 'elicitation-form';
		const item = this.#add({
			kind,
			method,
			params,
			era,
			elicitationId: typeof params.elicitationId === 'string' ? params.elicitationId : undefined
		});
		return new Promise((resolve, reject) => {
			this.#settle.set(item.id, { resolve, reject });
			if (!signal) return;
			const onAbort = () => {
				if (!this.#settle.delete(item.id)) return;
				this.#update(item.id, {
					state: 'withdrawn',
					outcome: 'Withdrawn: the request was cancelled before an answer'
				});
				reject(
					signal.reason instanceof Error ? signal.reason : new Error('The request was cancelled.')
				);
			};
			if (signal.aborted) onAbort();
			else signal.addEventListener('abort', onAbort, { once: true });
		});
	}

	/** Sends the person's reply to the server. */
	answer(
		id: number,
		result: Record<string, unknown>,
		outcome: string,
		patch: Partial<ClientRequest> = {}
	): void {
		const settle = this.#settle.get(id);
		if (!settle) return;
		this.#settle.delete(id);
		this.#update(id, { ...patch, state: 'answered', outcome });
		settle.resolve(result);
	}

	/** Refuses: the server gets a JSON-RPC error (2025 era), or the call fails (2026 era). */
	reject(id: number, message = 'The user rejected the request.'): void {
		const settle = this.#settle.get(id);
		if (!settle) return;
		this.#settle.delete(id);
		this.#update(id, { state: 'rejected', outcome: `Rejected: ${message}` });
		settle.reject(new ClientRequestRejected(message));
	}

	/** URL elicitations a tool call's -32042 error carried: nothing to reply to, a link to open and a call to retry. */
	addFromUrlError(elicitations: Record<string, unknown>[], retry?: ClientRequest['retry']): void {
		for (const params of elicitations) {
			this.#add({
				kind: 'elicitation-url',
				method: 'elicitation/create',
				params,
				elicitationId: typeof params.elicitationId === 'string' ? params.elicitationId : undefined,
				retry
			});
		}
	}

	/**
	 * Retries the call a -32042 error failed: the link items that error brought go (they were for
	 * that attempt; a new -32042 brings its own), then the call runs again.
	 */
	retry(id: number): void {
		const retry = this.#items.find((i) => i.id === id)?.retry;
		if (!retry) return;
		this.#items = this.#items.filter((i) => i.retry !== retry);
		this.onchange?.(this.#items);
		retry.run();
	}

	/** The person opened a link that needs no reply (from a -32042 error). */
	settleLocal(id: number, outcome: string, patch: Partial<ClientRequest> = {}): void {
		if (this.#settle.has(id)) return;
		this.#update(id, { ...patch, state: 'answered', outcome });
	}

	/** notifications/elicitation/complete: marks the URL elicitation with that id done. */
	complete(elicitationId: unknown): boolean {
		if (typeof elicitationId !== 'string') return false;
		const item = this.#items.find(
			(i) => i.kind === 'elicitation-url' && i.elicitationId === elicitationId && !i.completed
		);
		if (!item) return false;
		this.#update(item.id, { completed: true });
		return true;
	}

	/** Removes an item; a pending one is cancelled (elicitation) or rejected (sampling) first. */
	dismiss(id: number): void {
		this.#dismissWhere((i) => i.id === id);
	}

	/** Removes every waiting item at once (a flood of them), each settled as `dismiss` would. */
	dismissWaiting(): void {
		this.#dismissWhere((i) => i.state === 'pending');
	}

	/** One pass over the items, one change, however many go. */
	#dismissWhere(gone: (item: ClientRequest) => boolean): void {
		const kept: ClientRequest[] = [];
		for (const item of this.#items) {
			if (!gone(item)) {
				kept.push(item);
				continue;
			}
			const settle = this.#settle.get(item.id);
			if (!settle) continue;
			this.#settle.delete(item.id);
			if (item.kind === 'sampling') settle.reject(new ClientRequestRejected('Dismissed in Loupe.'));
			else settle.resolve({ action: 'cancel' });
		}
		if (kept.length === this.#items.length) return;
		this.#items = kept;
		this.onchange?.(this.#items);
	}

	/** The connection ended: every pending item is withdrawn (their handlers fail). */
	withdrawAll(reason = 'The connection ended.'): void {
		if (!this.#settle.size) return;
		const settles = new Map(this.#settle);
		this.#settle.clear();
		const outcome = `Withdrawn: ${reason}`;
		this.#items = this.#items.map((i) =>
			settles.has(i.id) ? { ...i, state: 'withdrawn', outcome } : i
		);
		this.onchange?.(this.#items);
		for (const settle of settles.values()) settle.reject(new Error(reason));
	}
}

export interface Root {
	uri: string;
	name?: string;
}

/** Roots worth announcing: file:// URIs only (the spec's rule), names trimmed, empty names left out. */
export function validRoots(rows: readonly { uri: string; name?: string }[]): Root[] {
	const out: Root[] = [];
	for (const row of rows) {
		const uri = row.uri.trim();
		if (!isFileUri(uri)) continue;
		const name = row.name?.trim();
		out.push(name ? { uri, name } : { uri });
	}
	return out;
}

export function isFileUri(text: string): boolean {
	try {
		return new URL(text).protocol === 'file:';
	} catch {
		return false;
	}
}

export interface ClientRequestHandlers {
	queue: ClientRequestQueue;
	roots: () => Root[];
	/** Hears each request as it arrives, answered automatically or not (request-flood.ts counts them). */
	onrequest?: (method: string) => void;
}

/** Registers the sampling, elicitation and roots handlers on a client, before its handshake. */
export function installClientRequestHandlers(
	client: Client,
	{ queue, roots, onrequest }: ClientRequestHandlers
): void {
	const params = (request: { params?: unknown }) =>
		isObject(request.params) ? request.params : {};
	// While the person answers, the timeouts of the requests in flight stand still (request-deadline.ts).
	const askPerson = async (method: string, request: { params?: unknown }, signal: AbortSignal) => {
		onrequest?.(method);
		const release = deadlinesOf(client).holdRunning();
		try {
			return await queue.ask(method, params(request), signal, client.getProtocolEra());
		} finally {
			release();
		}
	};
	client.setRequestHandler('sampling/createMessage', async (request, ctx) => {
		// The SDK validates the reply against the request's variant (with or without tools).
		return (await askPerson('sampling/createMessage', request, ctx.mcpReq.signal)) as never;
	});
	client.setRequestHandler('elicitation/create', async (request, ctx) => {
		return (await askPerson('elicitation/create', request, ctx.mcpReq.signal)) as never;
	});
	client.setRequestHandler('roots/list', async () => {
		onrequest?.('roots/list');
		return { roots: roots() };
	});
}

/**
 * Tells the server the roots changed (notifications/roots/list_changed). The 2026-07-28 era has no
 * such notification (the server asks for roots inside each request that needs them), so there
 * nothing is sent and this returns false.
 */
export async function notifyRootsChanged(client: Client): Promise<boolean> {
	if (client.getProtocolEra() === 'modern') return false;
	await client.sendRootsListChanged();
	return true;
}
