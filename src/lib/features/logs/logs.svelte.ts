/**
 * Server log messages as the UI sees them: notifications/message entries appended in batches
 * once per animation frame into a `$state.raw` array (bursts of thousands cost one render per
 * frame), a view filter by level, and the level Loupe asks the server for — logging/setLevel
 * in the 2025 era, the per-request `_meta` level in the 2026-07-28 era. Each connection (and each
 * new session after the server lost one) starts with a boundary line naming the server, so older
 * messages do not read as the new server's; the level filter always keeps the boundaries.
 */
import type { Notification } from '@modelcontextprotocol/client';
import type { McpSession, ServerDetails } from '../../core/session.js';
import { atLeast, readLogMessage, type LogEntry, type LogLevel } from '../../core/logging.js';
import type { SessionEvents } from '../../ui/session-events.js';
import { frameScheduler } from '../../ui/next-frame.js';
import { maskUrl } from '../../core/secrets.js';

/** What Loupe asks for in the 2026-07-28 era when the person has not picked a level. */
export const MODERN_DEFAULT_LEVEL: LogLevel = 'info';

/** Where a connection starts in the log. */
export interface LogBoundary {
	boundary: true;
	seq: number;
	time: number;
	/** The server's URL (secrets masked). The view says "Connected to <url> · <server> · <protocol> · <transport>". */
	url: string;
	/** A new server (or the same one again), or a new session after the server lost one. */
	reason: 'connect' | 'new-session';
	details: ServerDetails;
}

export type LogItem = LogEntry | LogBoundary;

export const isBoundary = (item: LogItem): item is LogBoundary => 'boundary' in item;

export class LogsState {
	/** Log messages and connection boundaries, in order. */
	entries = $state.raw<LogItem[]>([]);
	/** The level requested from the server; '' leaves it to the server (2025 era) or asks for MODERN_DEFAULT_LEVEL. */
	level = $state<LogLevel | ''>('');
	/** Show only messages at or above this level; '' shows all. */
	show = $state<LogLevel | ''>('');
	/** What became of the last level request (or why there is none). */
	levelNote = $state<string | undefined>(undefined);
	levelProblem = $state<string | undefined>(undefined);
	era = $state<'modern' | 'legacy' | undefined>(undefined);
	/** Whether the server declares the logging capability. */
	serverLogs = $state(true);

	#session: McpSession | undefined;
	#pending: LogItem[] = [];
	/** How many boundaries `entries` holds. */
	#boundaries = 0;
	#schedule = frameScheduler(() => this.flush());
	#seq = 0;

	constructor(events: SessionEvents) {
		events.listen({
			ready: (session) => {
				this.#boundary(session, session === this.#session ? 'new-session' : 'connect');
				this.#session = session;
				this.era = session.details.era;
				this.serverLogs = !!session.details.capabilities.logging;
				void this.#apply(session);
			},
			ended: () => {
				this.#session = undefined;
				this.era = undefined;
				this.levelNote = undefined;
				this.levelProblem = undefined;
			},
			notification: (n: Notification) => {
				if (n.method === 'notifications/message') this.add(n.params);
			}
		});
	}

	/** Records one notifications/message (params as received). */
	add(params: unknown): void {
		this.#pending.push(readLogMessage(params, ++this.#seq, Date.now()));
		this.#schedule();
	}

	/** A boundary: a new server, or the same one with a new session. */
	#boundary(session: McpSession, reason: LogBoundary['reason']): void {
		this.#pending.push({
			boundary: true,
			seq: ++this.#seq,
			time: Date.now(),
			url: maskUrl(session.url.href),
			reason,
			details: session.details
		});
		this.#schedule();
	}

	flush(): void {
		if (!this.#pending.length) return;
		for (const item of this.#pending) if (isBoundary(item)) this.#boundaries++;
		this.entries = this.entries.concat(this.#pending);
		this.#pending = [];
	}

	clear(): void {
		this.#pending = [];
		this.#boundaries = 0;
		this.entries = [];
	}

	/** The last filtered result, brought forward with the new entries only (entries are only appended to). */
	#shown: { min: LogLevel; from: LogItem[]; result: LogItem[] } | undefined;

	filtered = $derived.by(() => {
		const min = this.show;
		const entries = this.entries;
		if (!min) return entries;
		const last = this.#shown;
		const count = last?.from.length ?? 0;
		const sameStart =
			last &&
			last.min === min &&
			entries.length >= count &&
			(count === 0 || entries[count - 1] === last.from[count - 1]);
		const added = entries
			.slice(sameStart ? count : 0)
			.filter((e) => isBoundary(e) || atLeast(e.level, min));
		const result = sameStart ? (added.length ? last.result.concat(added) : last.result) : added;
		this.#shown = { min, from: entries, result };
		return result;
	});

	/** How many log messages the log holds (boundaries not counted; the level filter keeps them all). */
	get total(): number {
		return this.entries.length - this.#boundaries;
	}

	async setLevel(level: LogLevel | ''): Promise<void> {
		this.level = level;
		if (this.#session) await this.#apply(this.#session);
	}

	async #apply(session: McpSession): Promise<void> {
		const level = this.level;
		this.levelProblem = undefined;
		if (session.details.era === 'modern') {
			// The era has no server default: without a level in _meta a server sends no log at all.
			session.requestDefaults.logLevel = level || MODERN_DEFAULT_LEVEL;
			this.levelNote = level
				? `Every request now carries log level "${level}" in _meta (the 2026-07-28 way).`
				: `Every request carries log level "${MODERN_DEFAULT_LEVEL}" in _meta: in the 2026-07-28 era a server sends log messages only for requests that carry a level. Pick another above.`;
			return;
		}
		if (!level) {
			this.levelNote = 'The server decides which messages to send until you pick a level.';
			return;
		}
		if (!session.details.capabilities.logging) {
			this.levelNote = undefined;
			this.levelProblem =
				'This server does not declare the logging capability, so Loupe does not send logging/setLevel.';
			return;
		}
		try {
			await session.request('logging/setLevel', { level });
			if (session === this.#session && level === this.level)
				this.levelNote = `logging/setLevel "${level}" accepted.`;
		} catch (error) {
			if (session !== this.#session) return;
			const problem = session.explain(error, 'logging/setLevel');
			this.levelNote = undefined;
			this.levelProblem = problem.message;
		}
	}
}
