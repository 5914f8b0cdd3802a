/**
 * Tasks (protocol 2025-11-25): a tools/call with a `task` param answers at once with a task the
 * client polls (tasks/get), reads the outcome of (tasks/result), lists (tasks/list) and cancels
 * (tasks/cancel); the server may also push notifications/tasks/status. The 2026-07-28 core
 * protocol removed them (the SDK refuses task methods on that era, and strips
 * `execution.taskSupport` and `capabilities.tasks`), so Loupe offers tasks on the 2025 era only.
 */
import type { RequestOptions } from '@modelcontextprotocol/client';
import type { McpSession } from './session.js';
import { isObject } from './json-value.js';
import { readAllPages, readCursor } from './pages.js';

export interface TaskView {
	taskId: string;
	/** As sent; an off-spec status is kept as text. */
	status: string;
	statusMessage?: string;
	createdAt?: string;
	lastUpdatedAt?: string;
	/** Milliseconds the server suggests between polls. */
	pollInterval?: number;
	/** Milliseconds the server keeps the task after creation; null for unlimited. */
	ttl?: number | null;
}

export function isTerminal(status: string): boolean {
	return status === 'completed' || status === 'failed' || status === 'cancelled';
}

/** Reads a task object (from tasks/get, tasks/list, a CreateTaskResult or a status notification). */
export function readTask(t: unknown): TaskView | undefined {
	if (!isObject(t)) return undefined;
	if (typeof t.taskId !== 'string' || !t.taskId) return undefined;
	const view: TaskView = {
		taskId: t.taskId,
		status: typeof t.status === 'string' ? t.status : 'unknown'
	};
	if (typeof t.statusMessage === 'string') view.statusMessage = t.statusMessage;
	if (typeof t.createdAt === 'string') view.createdAt = t.createdAt;
	if (typeof t.lastUpdatedAt === 'string') view.lastUpdatedAt = t.lastUpdatedAt;
	if (typeof t.pollInterval === 'number' && Number.isFinite(t.pollInterval) && t.pollInterval >= 0)
		view.pollInterval = t.pollInterval;
	if (t.ttl === null || (typeof t.ttl === 'number' && Number.isFinite(t.ttl)))
		view.ttl = t.ttl as number | null;
	return view;
}

/** Poll delay: the server's pollInterval, kept between 250 ms and 30 s (default 1 s). */
export function pollDelay(task: TaskView | undefined): number {
	const wanted = task?.pollInterval ?? 1000;
	return Math.min(30_000, Math.max(250, wanted));
}

/** Whether tasks can be used on this session: the 2025 era, and the server offers them. */
export function tasksAvailable(session: McpSession): { ok: boolean; reason?: string } {
	const details = session.details;
	if (details.era === 'modern') {
		return {
			ok: false,
			reason:
				'Tasks are not part of the 2026-07-28 protocol this server speaks (they were removed from its core).'
		};
	}
	if (!details.capabilities.tasks)
		return { ok: false, reason: 'This server does not declare the tasks capability.' };
	return { ok: true };
}

export type TaskCallOutcome =
	{ kind: 'task'; task: TaskView } | { kind: 'result'; result: Record<string, unknown> };

/** tools/call with a `task` param. A server that ignored it answers with the plain result. */
export async function callToolAsTask(
	session: McpSession,
	toolName: string,
	args: Record<string, unknown>,
	options?: RequestOptions & { ttl?: number }
): Promise<TaskCallOutcome> {
	const { ttl, ...rest } = options ?? {};
	const result = await session.request(
		'tools/call',
		{ name: toolName, arguments: args, task: ttl === undefined ? {} : { ttl } },
		rest
	);
	const task = readTask(result.task);
	return task ? { kind: 'task', task } : { kind: 'result', result };
}

export async function getTask(
	session: McpSession,
	taskId: string,
	options?: RequestOptions
): Promise<TaskView> {
	const result = await session.request('tasks/get', { taskId }, options);
	const task = readTask(result);
	if (!task) throw new Error('The server answered tasks/get without a task (no taskId).');
	return task;
}

/** tasks/result: the outcome of the original request (for tools/call, a CallToolResult). Blocks until the task ends. */
export function getTaskResult(
	session: McpSession,
	taskId: string,
	options?: RequestOptions
): Promise<Record<string, unknown>> {
	return session.request('tasks/result', { taskId }, options);
}

export async function cancelTask(
	session: McpSession,
	taskId: string,
	options?: RequestOptions
): Promise<TaskView | undefined> {
	return readTask(await session.request('tasks/cancel', { taskId }, options));
}

/** Every task the server lists (following cursors, at most 20 pages). */
export async function listTasks(
	session: McpSession,
	options?: RequestOptions
): Promise<TaskView[]> {
	const { items } = await readAllPages(
		(cursor) => session.request('tasks/list', cursor ? { cursor } : undefined, options),
		(result) => {
			const page = isObject(result) ? result : {};
			const items = Array.isArray(page.tasks)
				? page.tasks.map(readTask).filter((t): t is TaskView => t !== undefined)
				: [];
			return { items, problems: [], nextCursor: readCursor(page) };
		},
		'task list',
		20
	);
	return items;
}
