/**
 * One server list as the UI holds it (tools, prompts, resources, resource templates): fetched when
 * a session is ready, re-fetched when the server says it changed (bursts coalesced into one more
 * fetch, what changed noted), filtered by text, and cleared when the session ends. Answers that
 * arrive for a session that is no longer current are dropped (`isCurrent`).
 */
import type { McpSession } from '../core/session.js';
import type { AllPages } from '../core/pages.js';
import type { Problem } from '../core/errors.js';
import { filterByText } from '../core/text-filter.js';
import { describeDiff, diffByName } from '../core/list-diff.js';
import type { SessionEvents } from './session-events.js';

export interface ListKind<T> {
	/** The capability the server must advertise for the list to exist ("tools"). */
	capability: string;
	/** Said when the server does not advertise it; empty to say nothing. */
	unsupported: string;
	/** The request, for error sentences ("tools/list"). */
	method: string;
	fetch(session: McpSession): Promise<AllPages<T>>;
	/** The notification that says the list changed. */
	changed: string;
	/** The fields the text filter searches. */
	fields(item: T): (string | undefined)[];
	/** What identifies an item when describing a change (default: its name). */
	key?(item: T): string;
	/** The label of a change note ("Tools" → "Tools changed: +a −b"); no note without it. */
	changeLabel?: string;
	/** A lost server leaves the list in sight (not usable) until the next connection. */
	keepWhenLost?: boolean;
	/** How a failed fetch reads in the problems (default: the message and its hints). */
	failure?(problem: Problem): string[];
}

export class SessionList<T> {
	items = $state.raw<T[]>([]);
	problems = $state.raw<string[]>([]);
	loading = $state(false);
	filter = $state('');
	/** What the last list_changed changed, when the kind has a change label. */
	changeNote = $state<string | undefined>(undefined);
	session = $state.raw<McpSession | undefined>(undefined);
	visible = $derived.by(() => filterByText(this.items, this.filter, this.kind.fields));

	/** Settles once the fetch the latest session's `ready` started is over, whatever its outcome. */
	fetched: Promise<void> = Promise.resolve();
	#refreshing: Promise<void> | undefined;
	#refreshAgain = false;
	/** The session whose list has arrived at least once (a change before that is no change to report). */
	#loadedFor: McpSession | undefined;

	constructor(
		readonly kind: ListKind<T>,
		events: SessionEvents
	) {
		events.listen({
			ready: (session) => {
				this.session = session;
				this.changeNote = undefined;
				this.fetched = this.refresh();
			},
			ended: (cause) => {
				this.session = undefined;
				this.loading = false;
				this.changeNote = undefined;
				if (cause === 'lost' && kind.keepWhenLost) return;
				this.items = [];
				this.problems = [];
			},
			notification: (n) => {
				if (n.method === kind.changed) void this.#refreshAfterChange();
			}
		});
	}

	/** Whether `session` is still the current one (an answer for an older session is dropped). */
	isCurrent(session: McpSession | undefined): session is McpSession {
		return !!session && session === this.session;
	}

	async refresh(): Promise<void> {
		const session = this.session;
		if (!session) return;
		if (!session.details.capabilities[this.kind.capability]) {
			this.items = [];
			this.problems = this.kind.unsupported ? [this.kind.unsupported] : [];
			return;
		}
		this.loading = true;
		try {
			const { items, problems } = await this.kind.fetch(session);
			if (!this.isCurrent(session)) return;
			this.items = items;
			this.problems = problems;
			this.#loadedFor = session;
		} catch (error) {
			if (!this.isCurrent(session)) return;
			const problem = session.explain(error, this.kind.method);
			this.problems = this.kind.failure
				? this.kind.failure(problem)
				: [problem.message, ...problem.hints];
		} finally {
			if (this.isCurrent(session)) this.loading = false;
		}
	}

	/**
	 * Re-fetches the list after the server said it changed, and notes what changed. Changes that
	 * arrive while a fetch runs are coalesced into one more fetch.
	 */
	async #refreshAfterChange(): Promise<void> {
		if (this.#refreshing) {
			this.#refreshAgain = true;
			return this.#refreshing;
		}
		const before = this.items;
		const session = this.session;
		const announce = !!session && this.#loadedFor === session;
		this.#refreshing = (async () => {
			do {
				this.#refreshAgain = false;
				await this.refresh();
			} while (this.#refreshAgain && this.session);
		})();
		try {
			await this.#refreshing;
		} finally {
			this.#refreshing = undefined;
		}
		if (announce && this.kind.changeLabel && this.isCurrent(session))
			this.changeNote = describeDiff(
				this.kind.changeLabel,
				diffByName(before, this.items, this.kind.key)
			);
	}
}
