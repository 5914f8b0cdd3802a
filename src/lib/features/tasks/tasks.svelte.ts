/**
 * Tasks as the UI sees them (2025-11-25 era): tools started as tasks, their status (polled at
 * the server's pollInterval and updated by notifications/tasks/status), their results on
 * request, and cancellation.
 */
import type { Notification } from '@modelcontextprotocol/client';
import type { McpSession } from '../../core/session.js';
import type { ToolInfo } from '../../core/tool-info.js';
import {
	callToolAsTask,
	cancelTask,
	getTask,
	getTaskResult,
	isTerminal,
	listTasks,
	pollDelay,
	readTask,
	tasksAvailable,
	type TaskView
} from '../../core/tasks.js';
import type { SessionEvents } from '../../ui/session-events.js';
import type { RunRecord } from '../tools/tools.svelte.js';

export interface TaskItem {
	task: TaskView;
	/** The tool it runs, when Loupe started it. */
	toolName?: string;
	outputSchema?: Record<string, unknown>;
	result?: RunRecord;
	busy?: 'result' | 'cancel';
	problem?: string;
}

export class TasksState {
	items = $state.raw<TaskItem[]>([]);
	/** The "Run as task" switch for tools whose taskSupport is "optional". */
	runAsTask = $state(false);
	available = $state.raw<{ ok: boolean; reason?: string }>({ ok: false, reason: 'Not connected.' });
	/** Per tool: the task it last started, or why it could not start one. */
	started = $state.raw<Record<string, { taskId?: string; problem?: string }>>({});
	listProblem = $state<string | undefined>(undefined);
	loading = $state(false);

	#session: McpSession | undefined;
	#timers = new Map<string, ReturnType<typeof setTimeout>>();
	/** Tasks whose tasks/result Loupe called on its own (input_required, or its own task finished), once each. */
	#fetchedForInput = new Set<string>();

	constructor(events: SessionEvents) {
		events.listen({
			ready: (session) => {
				if (session !== this.#session) this.#reset();
				this.#session = session;
				this.available = tasksAvailable(session);
			},
			ended: () => {
				this.#reset();
				this.#session = undefined;
				this.available = { ok: false, reason: 'Not connected.' };
			},
			notification: (n: Notification) => {
				if (n.method !== 'notifications/tasks/status') return;
				const task = readTask(n.params);
				if (task) this.#upsert(task);
			}
		});
	}

	#reset() {
		for (const timer of this.#timers.values()) clearTimeout(timer);
		this.#timers.clear();
		this.items = [];
		this.#fetchedForInput.clear();
		this.started = {};
		this.listProblem = undefined;
	}

	/** Whether running this tool goes through a task. */
	asTask(tool: ToolInfo): boolean {
		if (!this.available.ok) return false;
		return tool.taskSupport === 'required' || (tool.taskSupport === 'optional' && this.runAsTask);
	}

	find(taskId: string): TaskItem | undefined {
		return this.items.find((i) => i.task.taskId === taskId);
	}

	#update(taskId: string, change: Partial<TaskItem>) {
		this.items = this.items.map((i) => (i.task.taskId === taskId ? { ...i, ...change } : i));
	}

	#upsert(task: TaskView, extra: Partial<TaskItem> = {}) {
		const known = this.find(task.taskId);
		if (known) this.#update(task.taskId, { ...extra, task: { ...known.task, ...task } });
		else this.items = [...this.items, { task, ...extra }];
		if (isTerminal(task.status)) {
			clearTimeout(this.#timers.get(task.taskId));
			this.#timers.delete(task.taskId);
		} else if (!this.#timers.has(task.taskId)) this.#poll(task.taskId);
		this.#fetchInput(task.taskId);
	}

	/**
	 * input_required: servers deliver the requests a task waits on (elicitation, sampling) over
	 * tasks/result, so Loupe calls it at once (as the 2025-11-25 spec asks of requestors); the
	 * requests then reach the Pending requests panel and the result shows when the task ends.
	 */
	#fetchInput(taskId: string) {
		const item = this.find(taskId);
		if (!item || item.busy || item.result || this.#fetchedForInput.has(taskId)) return;
		// A task Loupe started itself that ended with an outcome: fetch it, as a tool call would show it.
		const finished =
			item.toolName !== undefined &&
			(item.task.status === 'completed' || item.task.status === 'failed');
		if (item.task.status !== 'input_required' && !finished) return;
		this.#fetchedForInput.add(taskId);
		void this.getResult(taskId);
	}

	/** Polls tasks/get at the server's pollInterval until the task ends. */
	#poll(taskId: string) {
		const session = this.#session;
		const timer = setTimeout(
			async () => {
				this.#timers.delete(taskId);
				if (!session || session !== this.#session) return;
				try {
					const task = await getTask(session, taskId);
					if (session === this.#session) this.#upsert(task, { problem: undefined });
				} catch (error) {
					if (session === this.#session)
						this.#update(taskId, { problem: session.explain(error, 'tasks/get').message });
				}
			},
			pollDelay(this.find(taskId)?.task)
		);
		this.#timers.set(taskId, timer);
	}

	/** Starts a tool as a task (tools/call with a `task` param). */
	async start(tool: ToolInfo, args: Record<string, unknown>): Promise<void> {
		const session = this.#session;
		if (!session) return;
		try {
			const outcome = await callToolAsTask(session, tool.name, args);
			if (session !== this.#session) return;
			if (outcome.kind === 'task') {
				this.#upsert(outcome.task, { toolName: tool.name, outputSchema: tool.outputSchema });
				this.started = { ...this.started, [tool.name]: { taskId: outcome.task.taskId } };
			} else {
				this.started = {
					...this.started,
					[tool.name]: { problem: 'The server answered at once with a plain result, not a task.' }
				};
			}
		} catch (error) {
			if (session === this.#session)
				this.started = {
					...this.started,
					[tool.name]: {
						problem: session.explain(error, `tools/call ${tool.name} (as a task)`).message
					}
				};
		}
	}

	/** tasks/result: waits for the task's outcome and shows it like a tool result. */
	async getResult(taskId: string): Promise<void> {
		const session = this.#session;
		const item = this.find(taskId);
		if (!session || !item || item.busy) return;
		this.#update(taskId, { busy: 'result', problem: undefined });
		const started = performance.now();
		try {
			const result = await getTaskResult(session, taskId);
			const { readToolResult } = await import('../../core/tool-result.js');
			if (session !== this.#session) return;
			const toolName = item.toolName ?? `task ${taskId}`;
			this.#update(taskId, {
				busy: undefined,
				result: {
					toolName,
					outcome: {
						result,
						view: readToolResult(result, item.outputSchema),
						durationMs: performance.now() - started
					}
				}
			});
			if (!isTerminal(this.find(taskId)?.task.status ?? ''))
				this.#upsert(await getTask(session, taskId));
		} catch (error) {
			if (session === this.#session)
				this.#update(taskId, {
					busy: undefined,
					problem: session.explain(error, 'tasks/result').message
				});
		}
	}

	async cancel(taskId: string): Promise<void> {
		const session = this.#session;
		if (!session || this.find(taskId)?.busy) return;
		this.#update(taskId, { busy: 'cancel', problem: undefined });
		try {
			const task = (await cancelTask(session, taskId)) ?? (await getTask(session, taskId));
			if (session !== this.#session) return;
			this.#update(taskId, { busy: undefined });
			this.#upsert(task);
		} catch (error) {
			if (session === this.#session)
				this.#update(taskId, {
					busy: undefined,
					problem: session.explain(error, 'tasks/cancel').message
				});
		}
	}

	/** tasks/list: adds the server's tasks Loupe does not know yet and refreshes the rest. */
	async refresh(): Promise<void> {
		const session = this.#session;
		if (!session || !this.available.ok) return;
		this.loading = true;
		this.listProblem = undefined;
		try {
			const tasks = await listTasks(session);
			if (session !== this.#session) return;
			for (const task of tasks) this.#upsert(task);
		} catch (error) {
			if (session === this.#session)
				this.listProblem = session.explain(error, 'tasks/list').message;
		} finally {
			this.loading = false;
		}
	}
}
