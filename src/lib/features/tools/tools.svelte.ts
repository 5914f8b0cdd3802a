/**
 * Tools as the UI sees them: the server's list, the filter and selection, the last arguments per
 * tool (kept in sessionStorage for the tab's lifetime, so they survive a reconnect or reload;
 * secret values, by schema or name, stay in memory only and are typed again after a reload),
 * the call in flight with its progress, and the last result of each tool.
 */
import type { McpSession } from '../../core/session.js';
import type { ToolInfo } from '../../core/tool-info.js';
import { listTools } from '../../core/tools.js';
import type { ToolCallOutcome } from '../../core/tool-call.js';
import type { Problem } from '../../core/errors.js';
import { nextProgress, type Progress } from '../../core/progress.js';
import { maskUrl } from '../../core/secrets.js';
import { SessionList } from '../../ui/session-list.svelte.js';
import type { SessionEvents } from '../../ui/session-events.js';

const STORE_KEY = 'loupe:tool-args';

/**
 * The code that calls a tool and checks its result. It loads when first needed, or ahead of that
 * once the page is idle after the first tool list (routes/+page.svelte), not while a connection
 * is being made, so it does not compete with it.
 */
export const toolCallCode = () => import('../../core/tool-call.js');

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

type ArgsByTool = Record<string, Record<string, unknown>>;

function loadArgs(): ArgsByTool {
	try {
		const parsed = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? '{}');
		return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
	} catch {
		return {};
	}
}

export class ToolsState {
	/** The server's tools, their filter, and what the last list_changed changed. */
	readonly listing: SessionList<ToolInfo>;
	selectedName = $state<string | undefined>(undefined);
	running = $state.raw<RunningCall | undefined>(undefined);
	/** The last result of each tool, by name. */
	results = $state.raw<Record<string, RunRecord>>({});

	/** Hears a failed call with a way to retry it (e.g. -32042: a link must be opened first). */
	readonly #onCallError:
		((error: unknown, retry: () => void, toolName: string) => void) | undefined;
	#server = '';
	/** What is written to sessionStorage: the arguments without their secrets. */
	#stored: ArgsByTool = typeof sessionStorage === 'undefined' ? {} : loadArgs();
	/** The arguments as typed, secrets included: this page's memory only. */
	#args: ArgsByTool = { ...this.#stored };

	constructor(
		events: SessionEvents,
		options: { onCallError?: (error: unknown, retry: () => void, toolName: string) => void } = {}
	) {
		this.#onCallError = options.onCallError;
		this.listing = new SessionList(
			{
				capability: 'tools',
				unsupported: 'This server does not offer tools.',
				method: 'tools/list',
				fetch: (session) => listTools(session),
				changed: 'notifications/tools/list_changed',
				fields: (t) => [t.name, t.title, t.description],
				changeLabel: 'Tools',
				keepWhenLost: true
			},
			events
		);
		events.listen({
			ready: (session) => {
				const server = maskUrl(session.url.href);
				if (server !== this.#server) this.results = {};
				this.#server = server;
			},
			ended: () => this.running?.abort.abort('The connection ended')
		});
	}

	selected = $derived.by(() => this.listing.items.find((t) => t.name === this.selectedName));

	#key(toolName: string): string {
		return `${this.#server}\n${toolName}`;
	}

	argsFor(toolName: string): Record<string, unknown> | undefined {
		return this.#args[this.#key(toolName)];
	}

	/**
	 * Keeps a tool's arguments: as typed in memory, and `storable` (the same without their secret
	 * values, see secret-arguments.ts; the caller has the rules, loaded with the forms) in storage.
	 */
	rememberArgs(
		toolName: string,
		args: Record<string, unknown>,
		storable: Record<string, unknown>
	): void {
		const key = this.#key(toolName);
		this.#args[key] = args;
		this.#stored[key] = storable;
		try {
			sessionStorage.setItem(STORE_KEY, JSON.stringify(this.#stored));
		} catch {
			// Storage full or unavailable: the arguments stay in memory.
		}
	}

	select(name: string | undefined): void {
		this.selectedName = name;
	}

	/** Calls a tool; one call at a time, its result kept under the tool's name. */
	async run(tool: ToolInfo, args: Record<string, unknown>): Promise<void> {
		const session = this.listing.session;
		if (!session || this.running) return;
		// In memory; the form stored them (without secrets) as they were typed.
		this.#args[this.#key(tool.name)] = args;
		const call: RunningCall = {
			toolName: tool.name,
			startedAt: performance.now(),
			abort: new AbortController()
		};
		this.running = call;
		let record: RunRecord;
		try {
			const { callTool } = await toolCallCode();
			const outcome = await callTool(session, tool, args, {
				// Timeouts come from the connection settings (McpSession.requestDefaults).
				signal: call.abort.signal,
				onprogress: (p) => {
					// Shown as sent, with a note when the server is off-spec (going back, repeating, past its total).
					if (this.running?.abort === call.abort)
						this.running = { ...call, progress: nextProgress(this.running.progress, p) };
				}
			});
			record = { toolName: tool.name, outcome };
		} catch (error) {
			record = {
				toolName: tool.name,
				problem: call.abort.signal.aborted
					? cancelled(session, tool.name, call.abort.signal.reason)
					: session.explain(error, `tools/call ${tool.name}`)
			};
			if (!call.abort.signal.aborted)
				this.#onCallError?.(error, () => void this.run(tool, args), tool.name);
		}
		if (this.running?.abort === call.abort) this.running = undefined;
		if (this.listing.isCurrent(session)) this.results = { ...this.results, [tool.name]: record };
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
