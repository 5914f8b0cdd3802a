/**
 * Tools as the UI sees them: the server's list, the filter and selection, the last arguments per
 * tool (kept in sessionStorage for the tab's lifetime, so they survive a reconnect or reload),
 * the call in flight with its progress, and the last result of each tool.
 */
import type { Notification } from '@modelcontextprotocol/client';
import type { McpSession, ToolCallOutcome } from './core/session.js';
import type { ToolInfo } from './core/tools.js';
import type { Problem } from './core/errors.js';
import { maskUrl } from './core/secrets.js';
import type { ConnectionState } from './connection.svelte.js';
import { describeDiff, diffByName } from './core/list-diff.js';
import { filterByText } from './core/text-filter.js';

const STORE_KEY = 'loupe:tool-args';

export interface Progress {
	progress: number;
	total?: number;
	message?: string;
}

export interface RunRecord {
	toolName: string;
	outcome?: ToolCallOutcome;
	problem?: Problem;
}

export interface RunningCall {
	toolName: string;
	/** performance.now() when the call went out. */
	startedAt: number;
	progress?: Progress;
	abort: AbortController;
}

function loadArgs(): Record<string, Record<string, unknown>> {
	try {
		const parsed = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? '{}');
		return parsed && typeof parsed === 'object' ? parsed : {};
	} catch {
		return {};
	}
}

export class ToolsState {
	list = $state.raw<ToolInfo[]>([]);
	problems = $state.raw<string[]>([]);
	loading = $state(false);
	filter = $state('');
	selectedName = $state<string | undefined>(undefined);
	running = $state.raw<RunningCall | undefined>(undefined);
	/** The last result of each tool, by name. */
	results = $state.raw<Record<string, RunRecord>>({});
	/** What the last notifications/tools/list_changed changed ("Tools changed: +foo −bar"). */
	changeNote = $state<string | undefined>(undefined);
	#refreshing: Promise<void> | undefined;
	#refreshAgain = false;
	/** The session whose list has arrived at least once (a change before that is no change to report). */
	#loadedFor: McpSession | undefined;

	/** Hears a failed call with a way to retry it (e.g. -32042: a link must be opened first). */
	onCallError: ((error: unknown, retry: () => void, toolName: string) => void) | undefined = undefined;
	#session: McpSession | undefined;
	#server = '';
	#args: Record<string, Record<string, unknown>> = typeof sessionStorage === 'undefined' ? {} : loadArgs();

	constructor(connection: ConnectionState) {
		connection.listen({
			ready: (session) => {
				const server = maskUrl(session.url.href);
				if (server !== this.#server) this.results = {};
				this.#server = server;
				this.#session = session;
				void this.refresh();
			},
			ended: (cause) => {
				this.running?.abort.abort('The connection ended');
				this.#session = undefined;
				this.changeNote = undefined;
				// A lost server leaves its tools and results in sight (not runnable) until the next connection.
				if (cause === 'lost') return;
				this.list = [];
				this.problems = [];
			},
			notification: (n: Notification) => {
				if (n.method === 'notifications/tools/list_changed') void this.#refreshAfterChange();
			}
		});
	}

	selected = $derived.by(() => this.list.find((t) => t.name === this.selectedName));

	visible = $derived.by(() => filterByText(this.list, this.filter, (t) => [t.name, t.title, t.description]));

	async refresh(): Promise<void> {
		const session = this.#session;
		if (!session) return;
		if (!session.details.capabilities.tools) {
			this.list = [];
			this.problems = ['This server does not offer tools.'];
			return;
		}
		this.loading = true;
		try {
			const { tools, problems } = await session.listTools();
			if (session !== this.#session) return;
			this.list = tools;
			this.problems = problems;
			this.#loadedFor = session;
		} catch (error) {
			if (session !== this.#session) return;
			const problem = session.explain(error, 'tools/list');
			this.problems = [problem.message, ...problem.hints];
		} finally {
			if (session === this.#session) this.loading = false;
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
		const before = this.list;
		const announce = !!this.#session && this.#loadedFor === this.#session;
		this.#refreshing = (async () => {
			do {
				this.#refreshAgain = false;
				await this.refresh();
			} while (this.#refreshAgain && this.#session);
		})();
		try {
			await this.#refreshing;
		} finally {
			this.#refreshing = undefined;
		}
		if (announce && this.#session) this.changeNote = describeDiff('Tools', diffByName(before, this.list));
	}

	#key(toolName: string): string {
		return `${this.#server}\n${toolName}`;
	}

	argsFor(toolName: string): Record<string, unknown> | undefined {
		return this.#args[this.#key(toolName)];
	}

	rememberArgs(toolName: string, args: Record<string, unknown>): void {
		this.#args[this.#key(toolName)] = args;
		try {
			sessionStorage.setItem(STORE_KEY, JSON.stringify(this.#args));
		} catch {
			// Storage full or unavailable: the arguments stay in memory.
		}
	}

	select(name: string | undefined): void {
		this.selectedName = name;
	}

	/** Calls a tool; one call at a time, its result kept under the tool's name. */
	async run(tool: ToolInfo, args: Record<string, unknown>): Promise<void> {
		const session = this.#session;
		if (!session || this.running) return;
		this.rememberArgs(tool.name, args);
		const call: RunningCall = { toolName: tool.name, startedAt: performance.now(), abort: new AbortController() };
		this.running = call;
		let record: RunRecord;
		try {
			const outcome = await session.callTool(tool, args, {
				// Timeouts come from the connection settings (McpSession.requestDefaults).
				signal: call.abort.signal,
				onprogress: (p) => {
					if (this.running?.abort === call.abort) this.running = { ...call, progress: { progress: p.progress, total: p.total, message: p.message } };
				}
			});
			record = { toolName: tool.name, outcome };
		} catch (error) {
			record = { toolName: tool.name, problem: call.abort.signal.aborted ? cancelled(session, tool.name, call.abort.signal.reason) : session.explain(error, `tools/call ${tool.name}`) };
			if (!call.abort.signal.aborted) this.onCallError?.(error, () => void this.run(tool, args), tool.name);
		}
		if (this.running?.abort === call.abort) this.running = undefined;
		if (session === this.#session) this.results = { ...this.results, [tool.name]: record };
	}

	cancel(): void {
		this.running?.abort.abort('Cancelled in Loupe');
	}
}

function cancelled(session: McpSession, toolName: string, reason: unknown): Problem {
	const how =
		session.details.era === 'modern'
			? `Loupe closed the tools/call ${toolName} request's stream`
			: `Loupe sent notifications/cancelled for tools/call ${toolName}`;
	return {
		kind: 'cancelled',
		message: `Cancelled: ${how}${typeof reason === 'string' && reason !== 'Cancelled in Loupe' ? ` (${reason.toLowerCase()})` : ''}.`,
		hints: ['Whatever the server does with the request now, Loupe ignores its answer.']
	};
}
