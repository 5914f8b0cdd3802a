/**
 * What the server asks of the person, as the UI sees it: the pending sampling and elicitation
 * requests (both eras), URL elicitations from -32042 errors, the roots Loupe offers
 * (kept in sessionStorage for this tab; announced with roots/list_changed when they change), and
 * a notice per burst when the server floods Loupe with requests (request-flood.ts).
 */
import type { Client, Notification } from '@modelcontextprotocol/client';
import type { McpSession } from '../../core/session.js';
import {
	ClientRequestQueue,
	installClientRequestHandlers,
	notifyRootsChanged,
	validRoots,
	type ClientRequest,
	type Root
} from '../../core/client-requests.js';
import { checkElicitationUrl } from '../../core/elicitation.js';
import type { FloodNotices, RequestFlood } from '../../core/request-flood.js';
import { isObject } from '../../core/json-value.js';
import type { SessionEvents } from '../../ui/session-events.js';

const ROOTS_KEY = 'loupe:roots';

export interface RootRow {
	name: string;
	uri: string;
}

function loadRoots(): RootRow[] {
	try {
		const parsed = JSON.parse(sessionStorage.getItem(ROOTS_KEY) ?? '[]');
		if (!Array.isArray(parsed)) return [];
		return parsed
			.filter((r) => isObject(r) && typeof r.uri === 'string')
			.map((r) => ({ name: typeof r.name === 'string' ? r.name : '', uri: r.uri }));
	} catch {
		return [];
	}
}

export class ClientRequestsState {
	readonly queue = new ClientRequestQueue();
	items = $state.raw<readonly ClientRequest[]>([]);
	roots = $state<RootRow[]>(typeof sessionStorage === 'undefined' ? [] : loadRoots());
	/** A note about the last roots change (sent, or why not). */
	rootsNote = $state('');
	/** The side panel with the requests is open (it opens again whenever a new request arrives). */
	panelOpen = $state(true);
	/** One notice per burst of requests (the latest burst of each method), until dismissed. */
	floods = $state.raw<readonly RequestFlood[]>([]);
	/** Counts the server's requests (request-flood.ts, loaded with the first request). */
	#floodNotices: FloodNotices | undefined;
	/** Requests (method, time) that came while it loads. */
	#early: [string, number][] | undefined;
	#lastPending = 0;

	#session: McpSession | undefined;
	#announced = '';

	/** Attaches the handlers for sampling, elicitation and roots to a client, before its handshake. */
	setupClient(client: Client): void {
		installClientRequestHandlers(client, {
			queue: this.queue,
			roots: () => this.currentRoots(),
			onrequest: (method) => this.#noteRequest(method)
		});
	}

	constructor(events: SessionEvents) {
		this.queue.onchange = (items) => {
			this.items = items;
			const pending = items.filter((i) => i.state === 'pending').length;
			if (pending > this.#lastPending) this.panelOpen = true;
			this.#lastPending = pending;
		};
		events.listen({
			ready: (session) => {
				this.#session = session;
				this.#announced = JSON.stringify(this.currentRoots());
			},
			ended: () => {
				this.#session = undefined;
				this.queue.withdrawAll();
				this.#floodNotices?.watch.reset();
				if (this.#early) this.#early = [];
			},
			notification: (n: Notification) => {
				if (n.method === 'notifications/elicitation/complete')
					this.queue.complete(isObject(n.params) ? n.params.elicitationId : undefined);
			}
		});
	}

	#noteRequest(method: string): void {
		if (this.#floodNotices) return this.#floodNotices.watch.note(method);
		if (this.#early) return void this.#early.push([method, Date.now()]);
		this.#early = [[method, Date.now()]];
		import('../../core/request-flood.js').then(
			({ FloodNotices }) => {
				const notices = new FloodNotices((list) => (this.floods = list));
				for (const [m, at] of this.#early ?? []) notices.watch.note(m, at);
				this.#early = undefined;
				this.#floodNotices = notices;
			},
			() => (this.#early = undefined)
		);
	}

	pendingCount = $derived(this.items.filter((i) => i.state === 'pending').length);
	/** Items still worth showing: pending ones, and opened links waiting for completion or a retry. */
	visible = $derived(
		this.items.filter(
			(i) =>
				i.state === 'pending' ||
				(i.opened && (i.retry !== undefined || i.elicitationId !== undefined))
		)
	);

	currentRoots(): Root[] {
		return validRoots(this.roots);
	}

	/** Sends `result`; `secrets` (texts in it that are secret) are masked in the traffic log. */
	answer(id: number, result: Record<string, unknown>, outcome: string, secrets?: string[]): void {
		if (secrets?.length) this.#session?.keepSecret(secrets);
		this.queue.answer(id, result, outcome);
	}

	reject(id: number, message?: string): void {
		this.queue.reject(id, message);
	}

	dismiss(id: number): void {
		this.queue.dismiss(id);
	}

	/** Refuses every waiting request at once (see ClientRequestQueue.dismissWaiting). */
	dismissWaiting(): void {
		this.queue.dismissWaiting();
	}

	dismissFlood(method: string): void {
		this.#floodNotices?.dismiss(method);
	}

	/**
	 * Opens a URL elicitation's link after the person's consent: only http(s) as checkElicitationUrl
	 * allows, in a new tab with no opener and no referrer. Replies "accept" to the server when the
	 * link came as a request.
	 */
	openLink(item: ClientRequest): string | undefined {
		const check = checkElicitationUrl(item.params.url);
		if (!check.ok) return check.reason;
		window.open(check.url.href, '_blank', 'noopener,noreferrer');
		if (item.state === 'pending' && !item.retry)
			this.queue.answer(item.id, { action: 'accept' }, `Opened ${check.domain}`, { opened: true });
		else this.queue.settleLocal(item.id, `Opened ${check.domain}`, { opened: true });
		return undefined;
	}

	/** Runs the call a -32042 error failed again; its link items go (client-requests.ts). */
	retry(id: number): void {
		this.queue.retry(id);
	}

	/** A tool call failed with -32042: its URL elicitations go before the person, with a retry. */
	fromToolError(error: unknown, retry: () => void, toolName: string): void {
		const e = error as { code?: unknown; data?: unknown };
		if (e?.code !== -32042 || !isObject(e.data) || !Array.isArray(e.data.elicitations)) return;
		const elicitations = e.data.elicitations.filter(isObject);
		if (elicitations.length)
			this.queue.addFromUrlError(elicitations, { label: `Retry ${toolName}`, run: retry });
	}

	addRoot(): void {
		this.roots.push({ name: '', uri: 'file:///' });
	}

	removeRoot(index: number): void {
		this.roots.splice(index, 1);
		void this.rootsEdited();
	}

	/** Saves the roots and, when the valid list changed while connected, sends roots/list_changed. */
	async rootsEdited(): Promise<void> {
		try {
			sessionStorage.setItem(ROOTS_KEY, JSON.stringify($state.snapshot(this.roots)));
		} catch {
			// Storage unavailable: the roots stay in memory.
		}
		const session = this.#session;
		const now = JSON.stringify(this.currentRoots());
		if (!session || now === this.#announced) return;
		this.#announced = now;
		try {
			const sent = await notifyRootsChanged(session.client);
			this.rootsNote = sent
				? 'Sent notifications/roots/list_changed.'
				: 'This server speaks the 2026-07-28 era, which has no roots/list_changed: it gets the new roots the next time it asks.';
		} catch (error) {
			this.rootsNote = `Could not tell the server: ${error instanceof Error ? error.message : String(error)}`;
		}
	}
}
