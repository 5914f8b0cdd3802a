/**
 * Tools that run as tasks (protocol 2025-11-25): `slow_task` (taskSupport "optional") and
 * `task_only` (taskSupport "required"), with tasks/get, tasks/result, tasks/list, tasks/cancel
 * and notifications/tasks/status.
 *
 * The SDK v2 server keeps the task vocabulary on the 2025 wire but has no task runtime, so this
 * file is that runtime, per server instance (one per 2025-era session). The 2026-07-28 era
 * removed tasks from the core protocol: its codec strips `execution` and `capabilities.tasks`,
 * and these tools then run as plain calls.
 */
import { randomUUID } from 'node:crypto';
import {
	fromJsonSchema,
	ProtocolError,
	ProtocolErrorCode,
	RELATED_TASK_META_KEY,
	type CallToolResult,
	type McpServer
} from '@modelcontextprotocol/server';

type Status = 'working' | 'input_required' | 'completed' | 'failed' | 'cancelled';

interface TaskRecord {
	task: {
		taskId: string;
		status: Status;
		statusMessage?: string;
		ttl: number | null;
		createdAt: string;
		lastUpdatedAt: string;
		pollInterval: number;
	};
	result?: CallToolResult;
	/** While input_required: asks the client over the next tasks/result request (its context). */
	input?: (ctx: unknown) => Promise<void>;
	abort: AbortController;
	done: Promise<void>;
}

const POLL_INTERVAL_MS = 500;

function text(value: string, isError = false): CallToolResult {
	return isError
		? { content: [{ type: 'text', text: value }], isError }
		: { content: [{ type: 'text', text: value }] };
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve, reject) => {
		if (signal.aborted) return reject(new Error('cancelled'));
		const timer = setTimeout(resolve, ms);
		signal.addEventListener('abort', () => (clearTimeout(timer), reject(new Error('cancelled'))), {
			once: true
		});
	});
}

type Work = (
	args: Record<string, unknown>,
	report: (message: string) => void,
	signal: AbortSignal
) => Promise<CallToolResult>;

const slowWork: Work = async (args, report, signal) => {
	const steps = typeof args.steps === 'number' ? args.steps : 4;
	const delayMs = typeof args.delayMs === 'number' ? args.delayMs : 500;
	for (let step = 1; step <= steps; step++) {
		await wait(delayMs, signal);
		report(`step ${step} of ${steps}`);
	}
	return text(`slow_task finished ${steps} steps`);
};

const onlyWork: Work = async (args, report, signal) => {
	const seconds = typeof args.seconds === 'number' ? args.seconds : 2;
	report('thinking');
	await wait(seconds * 1000, signal);
	return text(`task_only answered after ${seconds} s`);
};

/** Asks the person what `task_question` needs: the task waits in input_required until tasks/result delivers it. */
type Ask = (message: string) => Promise<{ action: string; content?: Record<string, unknown> }>;

const questionWork = async (
	args: Record<string, unknown>,
	ask: Ask,
	signal: AbortSignal
): Promise<CallToolResult> => {
	await wait(200, signal);
	const topic = typeof args.topic === 'string' && args.topic ? args.topic : 'MCP';
	const reply = await ask(`Which "${topic}" do you mean?`);
	return text(
		`task_question: ${reply.action}${reply.content ? ` ${JSON.stringify(reply.content)}` : ''}`
	);
};

/** The request-handler map is private in the SDK; the demo reaches into it to answer tools/call with a task. */
type Handler = (request: { params?: Record<string, unknown> }, ctx: unknown) => Promise<unknown>;

export function registerTaskTools(server: McpServer): void {
	const tasks = new Map<string, TaskRecord>();
	const low = server.server;
	low.registerCapabilities({ tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } });

	const slow = server.registerTool(
		'slow_task',
		{
			title: 'Slow task',
			description: 'Counts `steps` steps of `delayMs` each. May run as a task (2025-11-25 era).',
			inputSchema: fromJsonSchema<{ steps?: number; delayMs?: number }>({
				type: 'object',
				properties: {
					steps: { type: 'integer', minimum: 1, maximum: 100, default: 4 },
					delayMs: { type: 'integer', minimum: 0, maximum: 60000, default: 500 }
				}
			})
		},
		async (args, ctx) => slowWork(args, () => {}, ctx.mcpReq.signal)
	);
	slow.execution = { taskSupport: 'optional' };

	const only = server.registerTool(
		'task_only',
		{
			title: 'Task only',
			description: 'Waits `seconds` seconds. Must run as a task (2025-11-25 era).',
			inputSchema: fromJsonSchema<{ seconds?: number }>({
				type: 'object',
				properties: { seconds: { type: 'number', minimum: 0, maximum: 600, default: 2 } }
			})
		},
		async (_args, ctx) =>
			ctx.mcpReq.envelope !== undefined
				? onlyWork(_args, () => {}, ctx.mcpReq.signal)
				: text('task_only must be run as a task: call it with the "task" parameter.', true)
	);
	only.execution = { taskSupport: 'required' };

	const question = server.registerTool(
		'task_question',
		{
			title: 'Task with a question',
			description:
				'Must run as a task (2025-11-25 era). Goes input_required and asks the person (form elicitation) only over the tasks/result request, as servers that queue task messages do.',
			inputSchema: fromJsonSchema<{ topic?: string }>({
				type: 'object',
				properties: { topic: { type: 'string', default: 'MCP' } }
			})
		},
		async () =>
			text('task_question must be run as a task: call it with the "task" parameter.', true)
	);
	question.execution = { taskSupport: 'required' };

	const work: Record<string, Work> = {
		slow_task: slowWork,
		task_only: onlyWork,
		task_question: (args, _report, signal) =>
			questionWork(args, (message) => askOverResult(args.__record as TaskRecord, message), signal)
	};

	/** Sets input_required and waits for a tasks/result request to carry the question to the client. */
	function askOverResult(
		record: TaskRecord,
		message: string
	): Promise<{ action: string; content?: Record<string, unknown> }> {
		return new Promise((resolve, reject) => {
			record.input = async (ctx) => {
				record.input = undefined;
				try {
					const reply = await (
						ctx as {
							mcpReq: {
								elicitInput: (
									p: unknown
								) => Promise<{ action: string; content?: Record<string, unknown> }>;
							};
						}
					).mcpReq.elicitInput({
						mode: 'form',
						message,
						requestedSchema: {
							type: 'object',
							properties: { meaning: { type: 'string', title: 'Meaning', default: 'protocol' } },
							required: ['meaning']
						},
						_meta: { [RELATED_TASK_META_KEY]: { taskId: record.task.taskId } }
					});
					touch(record, 'working', 'answered');
					resolve(reply);
				} catch (error) {
					reject(error);
				}
			};
			touch(record, 'input_required', message);
		});
	}

	function touch(record: TaskRecord, status: Status, statusMessage?: string) {
		record.task = {
			...record.task,
			status,
			statusMessage,
			lastUpdatedAt: new Date().toISOString()
		};
		void low
			.notification({
				method: 'notifications/tasks/status',
				params: { ...record.task }
			} as unknown as Parameters<typeof low.notification>[0])
			.catch(() => {});
	}

	function start(name: string, args: Record<string, unknown>, ttl: number | null): TaskRecord {
		const now = new Date().toISOString();
		const abort = new AbortController();
		const record: TaskRecord = {
			task: {
				taskId: randomUUID(),
				status: 'working',
				statusMessage: 'started',
				ttl,
				createdAt: now,
				lastUpdatedAt: now,
				pollInterval: POLL_INTERVAL_MS
			},
			abort,
			done: Promise.resolve()
		};
		tasks.set(record.task.taskId, record);
		record.done = (async () => {
			try {
				const result = await work[name](
					name === 'task_question' ? { ...args, __record: record } : args,
					(message) => touch(record, 'working', message),
					abort.signal
				);
				if (record.task.status !== 'working') return;
				record.result = result;
				touch(record, 'completed', 'done');
			} catch (error) {
				if (record.task.status !== 'working') return;
				record.result = text(error instanceof Error ? error.message : String(error), true);
				touch(
					record,
					'failed',
					record.result.content[0].type === 'text' ? record.result.content[0].text : 'failed'
				);
			}
		})();
		return record;
	}

	const handlers = (low as unknown as { _requestHandlers: Map<string, Handler> })._requestHandlers;
	const callTool = handlers.get('tools/call')!;
	handlers.set('tools/call', async (request, ctx) => {
		const params = request.params ?? {};
		const name = typeof params.name === 'string' ? params.name : '';
		const task = params.task;
		if (work[name] && task && typeof task === 'object') {
			const ttlValue = (task as { ttl?: unknown }).ttl;
			const args =
				params.arguments && typeof params.arguments === 'object'
					? (params.arguments as Record<string, unknown>)
					: {};
			return {
				task: { ...start(name, args, typeof ttlValue === 'number' ? ttlValue : 300_000).task }
			};
		}
		return callTool(request, ctx);
	});

	const find = (taskId: unknown): TaskRecord => {
		const record = typeof taskId === 'string' ? tasks.get(taskId) : undefined;
		if (!record)
			throw new ProtocolError(ProtocolErrorCode.InvalidParams, `No task with id ${String(taskId)}`);
		return record;
	};
	// Task methods are outside the SDK's typed method surface; the handlers are registered untyped.
	const on = low.setRequestHandler.bind(low) as unknown as (
		method: string,
		handler: (request: { params: Record<string, unknown> }, ...rest: unknown[]) => unknown
	) => void;
	on('tasks/get', (request) => ({ ...find(request.params.taskId).task }));
	on('tasks/list', () => ({ tasks: [...tasks.values()].map((r) => ({ ...r.task })) }));
	on('tasks/cancel', (request) => {
		const record = find(request.params.taskId);
		if (record.task.status !== 'working' && record.task.status !== 'input_required') {
			throw new ProtocolError(
				ProtocolErrorCode.InvalidParams,
				`Task ${record.task.taskId} has already ended (${record.task.status})`
			);
		}
		record.abort.abort();
		touch(record, 'cancelled', 'cancelled by the client');
		return { ...record.task };
	});
	on('tasks/result', async (request, ...rest: unknown[]) => {
		const record = find(request.params.taskId);
		// Queued input (task_question): delivered on this request, then the task goes on.
		while (record.input || record.task.status === 'working') {
			if (record.input) await record.input(rest[0]);
			else await Promise.race([record.done, wait(50, new AbortController().signal)]);
		}
		await record.done;
		const result =
			record.result ?? text(`The task ended ${record.task.status} without a result.`, true);
		return {
			...result,
			_meta: { ...result._meta, [RELATED_TASK_META_KEY]: { taskId: record.task.taskId } }
		};
	});
}
