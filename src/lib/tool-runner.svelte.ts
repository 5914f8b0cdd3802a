/**
 * Running tools: the selected tool, the last arguments used per tool (kept for the tab's
 * lifetime in sessionStorage, so they survive a reconnect or reload), progress, the result.
 */
import type { ToolInfo } from './core/tools.js';
import type { ToolCallOutcome } from './core/session.js';
import type { Problem } from './core/errors.js';
import type { ConnectionState } from './connection.svelte.js';

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

function loadArgs(): Record<string, Record<string, unknown>> {
	try {
		const parsed = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? '{}');
		return parsed && typeof parsed === 'object' ? parsed : {};
	} catch {
		return {};
	}
}

export class ToolRunner {
	filter = $state('');
	selectedName = $state<string | undefined>(undefined);
	running = $state(false);
	progress = $state<Progress | undefined>(undefined);
	last = $state.raw<RunRecord | undefined>(undefined);
	#abort: AbortController | undefined;
	#args: Record<string, Record<string, unknown>> = typeof sessionStorage === 'undefined' ? {} : loadArgs();

	constructor(private readonly connection: ConnectionState) {}

	selected = $derived.by(() => this.connection.tools.find((t) => t.name === this.selectedName));

	visibleTools = $derived.by(() => {
		const q = this.filter.trim().toLowerCase();
		if (!q) return this.connection.tools;
		return this.connection.tools.filter(
			(t) => t.name.toLowerCase().includes(q) || (t.title ?? '').toLowerCase().includes(q) || (t.description ?? '').toLowerCase().includes(q)
		);
	});

	#key(toolName: string): string {
		return `${this.connection.url.trim()}\n${toolName}`;
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

	async run(tool: ToolInfo, args: Record<string, unknown>): Promise<void> {
		const session = this.connection.session;
		if (!session || this.running) return;
		this.rememberArgs(tool.name, args);
		this.running = true;
		this.progress = undefined;
		this.#abort = new AbortController();
		try {
			const outcome = await session.callTool(tool, args, {
				signal: this.#abort.signal,
				timeout: 60_000,
				resetTimeoutOnProgress: true,
				onprogress: (p) => {
					this.progress = { progress: p.progress, total: p.total, message: p.message };
				}
			});
			this.last = { toolName: tool.name, outcome };
		} catch (error) {
			const problem: Problem = this.#abort?.signal.aborted
				? {
						kind: 'cancelled',
						message:
							session.details.era === 'modern'
								? `Cancelled: Loupe closed the tools/call ${tool.name} request's stream.`
								: `Cancelled: Loupe sent notifications/cancelled for tools/call ${tool.name}.`,
						hints: ['Whatever the server does with the request now, Loupe ignores its answer.']
					}
				: session.explain(error, `tools/call ${tool.name}`);
			this.last = { toolName: tool.name, problem };
		} finally {
			this.running = false;
			this.progress = undefined;
			this.#abort = undefined;
		}
	}

	cancel(): void {
		this.#abort?.abort('Cancelled in Loupe');
	}
}
