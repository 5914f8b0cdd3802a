/**
 * Logging levels, timeouts, ping, list_changed, subscriptions/listen and tasks: the core against
 * the real demo server over real HTTP, in both protocol eras.
 */
import { describe, expect, it } from 'vitest';
import {
	LOG_LEVEL_META_KEY as SDK_LOG_LEVEL_META_KEY,
	type Notification
} from '@modelcontextprotocol/client';
import { useDemoServer } from './demo-fixture';
import { McpSession } from '../../src/lib/core/session';
import { TrafficRecorder, type MessageEntry, type TrafficItem } from '../../src/lib/core/traffic';
import { LOG_LEVEL_META_KEY } from '../../src/lib/core/logging';
import { ping, pingAvailable, listenFilter, openListen } from '../../src/lib/core/server-checks';
import { readResource } from '../../src/lib/core/resources';
import { getPrompt } from '../../src/lib/core/prompt-messages';
import { RequestTimeoutError } from '../../src/lib/core/request-deadline';
import {
	callToolAsTask,
	cancelTask,
	getTask,
	getTaskResult,
	isTerminal,
	listTasks,
	tasksAvailable
} from '../../src/lib/core/tasks';
import { listTools } from '../../src/lib/core/tools';
import { callTool } from '../../src/lib/core/tool-call';

const demo = useDemoServer();

async function open(path: string) {
	const recorder = new TrafficRecorder();
	const entries: TrafficItem[] = [];
	const notifications: Notification[] = [];
	const errors: Error[] = [];
	recorder.subscribe((e, change) => change === 'added' && entries.push(e));
	const session = await McpSession.open(
		{ url: new URL(demo.url + path), transport: 'auto', recorder, timeoutMs: 10_000 },
		{ onNotification: (n) => void notifications.push(n), onError: (e) => void errors.push(e) }
	);
	const messages = () => entries.filter((e): e is MessageEntry => e.type === 'message');
	return { session, notifications, messages, errors };
}

const tool = (name: string) => ({ name, outputSchema: undefined, paramHeaders: [] });
const until = async (check: () => boolean, ms = 5000) => {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out waiting');
		await new Promise((r) => setTimeout(r, 20));
	}
};

describe('logging', () => {
	it('uses the SDK key for the per-request log level', () => {
		expect(LOG_LEVEL_META_KEY).toBe(SDK_LOG_LEVEL_META_KEY);
	});

	it('2026 era: every request carries the level in _meta, and the server sends messages', async () => {
		const { session, notifications, messages } = await open('/mcp');
		expect(session.details.era).toBe('modern');
		session.requestDefaults.logLevel = 'info';
		const outcome = await callTool(session, tool('log_burst'), { count: 5 });
		expect(JSON.stringify(outcome.result)).toContain('sent 5');
		await until(
			() => notifications.filter((n) => n.method === 'notifications/message').length === 5
		);
		const sent = messages().find((m) => m.direction === 'sent' && m.method === 'tools/call')!;
		expect(sent.raw).toContain(`"${LOG_LEVEL_META_KEY}":"info"`);
		// Above the burst's level: nothing arrives.
		session.requestDefaults.logLevel = 'error';
		notifications.length = 0;
		await callTool(session, tool('log_burst'), { count: 5 });
		expect(notifications.filter((n) => n.method === 'notifications/message')).toHaveLength(0);
		await session.close();
	});

	it('2025 era: logging/setLevel filters what the server sends', async () => {
		const { session, notifications } = await open('/mcp-legacy');
		await session.request('logging/setLevel', { level: 'error' });
		await callTool(session, tool('log_burst'), { count: 5 });
		expect(notifications.filter((n) => n.method === 'notifications/message')).toHaveLength(0);
		await session.request('logging/setLevel', { level: 'debug' });
		await callTool(session, tool('log_burst'), { count: 5 });
		await until(
			() => notifications.filter((n) => n.method === 'notifications/message').length === 5
		);
		await session.close();
	});

	it('legacy HTTP+SSE: every log message arrives once, in order, and nothing is reported as an error', async () => {
		const { session, notifications, messages, errors } = await open('/sse');
		expect(session.details.transport).toBe('sse');
		const outcome = await callTool(session, tool('log_burst'), { count: 50 });
		expect(JSON.stringify(outcome.result)).toContain('sent 50');
		await until(
			() => notifications.filter((n) => n.method === 'notifications/message').length === 50
		);
		const texts = notifications.map((n) => JSON.stringify((n.params as { data?: unknown }).data));
		expect(new Set(texts).size).toBe(50);
		expect(messages().filter((m) => m.kind === 'invalid')).toHaveLength(0);
		expect(errors).toEqual([]);
		await session.close();
	});
});

describe('timeouts', () => {
	it('a short request timeout fails a slow call; progress keeps it alive; the total ceiling still ends it', async () => {
		const { session } = await open('/mcp-legacy');
		// Margins wide enough for a loaded machine: a 1.5 s timeout against progress every 200 ms.
		session.requestDefaults.timeouts = { requestTimeoutS: 1.5, maxTotalTimeoutS: 0 };
		await expect(callTool(session, tool('slow'), { steps: 2, delayMs: 3000 })).rejects.toThrow(
			/timed out/i
		);
		// With progress every 200 ms the 1.5 s timeout keeps starting again.
		const done = await callTool(
			session,
			tool('slow'),
			{ steps: 8, delayMs: 200 },
			{ onprogress: () => {} }
		);
		expect(JSON.stringify(done.result)).toContain('done after 8 steps');
		session.requestDefaults.timeouts = { requestTimeoutS: 1.5, maxTotalTimeoutS: 1 };
		await expect(
			callTool(session, tool('slow'), { steps: 10, delayMs: 200 }, { onprogress: () => {} })
		).rejects.toThrow(/timed out|timeout/i);
		await session.close();
	});

	it('resources/read and prompts/get obey the request timeout, whatever limit the caller passes', async () => {
		// The network under the recorder holds these two requests for 1.5 s before they reach the demo server.
		const held = /"method":"(resources\/read|prompts\/get)"/;
		const slowNetwork: typeof fetch = async (input, init) => {
			if (typeof init?.body === 'string' && held.test(init.body))
				await new Promise((r) => setTimeout(r, 1500));
			return fetch(input, init);
		};
		const session = await McpSession.open({
			url: new URL(demo.url + '/mcp-legacy'),
			transport: 'auto',
			recorder: new TrafficRecorder(),
			fetch: slowNetwork,
			timeoutMs: 10_000
		});
		session.requestDefaults.timeouts = { requestTimeoutS: 0.5, maxTotalTimeoutS: 0 };
		// 60 s is what the Resources and Prompts views used to pass, and won.
		await expect(
			readResource(session, 'demo://notes/welcome', { timeout: 60_000 })
		).rejects.toThrow(/timed out/i);
		await expect(getPrompt(session, 'greet', { name: 'Ada' }, { timeout: 60_000 })).rejects.toThrow(
			/timed out/i
		);
		expect(
			session.explain(
				new RequestTimeoutError('Request timed out', { timeout: 500 }),
				'prompts/get greet'
			).hints[0]
		).toMatch(/^Loupe waits 0.5 s/);
		session.requestDefaults.timeouts = { requestTimeoutS: 5, maxTotalTimeoutS: 0 };
		expect(
			(await readResource(session, 'demo://notes/welcome', { timeout: 100 })).view
		).toBeTruthy();
		expect(
			JSON.stringify((await getPrompt(session, 'greet', { name: 'Ada' }, { timeout: 100 })).result)
		).toContain('Hello, Ada!');
		await session.close();
	});
});

describe('ping', () => {
	it('answers with a round-trip time in the 2025 era; the 2026 era has none', async () => {
		const legacy = await open('/mcp-legacy');
		expect(pingAvailable(legacy.session).ok).toBe(true);
		expect(await ping(legacy.session)).toBeGreaterThanOrEqual(0);
		await legacy.session.close();
		const modern = await open('/mcp');
		expect(pingAvailable(modern.session)).toEqual({
			ok: false,
			reason: expect.stringMatching(/no ping/)
		});
		await modern.session.close();
	});
});

describe('list_changed', () => {
	it('2025 era: change_tools announces the new tool on the session', async () => {
		const { session, notifications } = await open('/mcp-legacy');
		await callTool(session, tool('change_tools'), { add: 'legacy_added' });
		await until(() => notifications.some((n) => n.method === 'notifications/tools/list_changed'));
		const { items: tools } = await listTools(session);
		expect(tools.map((t) => t.name)).toContain('legacy_added');
		await session.close();
	});

	it('2026 era: subscriptions/listen delivers it', async () => {
		const { session, notifications, messages } = await open('/mcp');
		const filter = listenFilter(session.details.capabilities);
		expect(filter?.toolsListChanged).toBe(true);
		const subscription = await openListen(session, filter!);
		expect(subscription.honoredFilter.toolsListChanged).toBe(true);
		await callTool(session, tool('change_tools'), { add: 'modern_added' });
		await until(() => notifications.some((n) => n.method === 'notifications/tools/list_changed'));
		const { items: tools } = await listTools(session);
		expect(tools.map((t) => t.name)).toContain('modern_added');
		await callTool(session, tool('change_tools'), { remove: 'modern_added' });
		await subscription.close();
		expect(await subscription.closed).toBe('local');
		expect(
			messages().some((m) => m.method === 'subscriptions/listen' && m.direction === 'sent')
		).toBe(true);
		await session.close();
	});
});

describe('listen for resource updates', () => {
	it('2026 era: a listen stream opened with resource subscriptions still carries the list changes', async () => {
		const { session } = await open('/mcp');
		const subscription = await openListen(session, {
			...listenFilter(session.details.capabilities),
			resourceSubscriptions: ['demo://readme']
		});
		// The resource subscription does not crowd out the list changes: the rest of the filter is honoured too.
		expect(subscription.honoredFilter.resourcesListChanged).toBe(true);
		expect(subscription.honoredFilter.toolsListChanged).toBe(true);
		await subscription.close();
		await session.close();
	});
});

describe('tasks', () => {
	it('2025 era: a tool runs as a task; status, result, list and cancel', async () => {
		const { session, notifications } = await open('/mcp-legacy');
		expect(tasksAvailable(session).ok).toBe(true);
		const { items: tools } = await listTools(session);
		expect(tools.find((t) => t.name === 'slow_task')?.taskSupport).toBe('optional');
		expect(tools.find((t) => t.name === 'task_only')?.taskSupport).toBe('required');
		const started = await callToolAsTask(session, 'slow_task', { steps: 2, delayMs: 100 });
		expect(started.kind).toBe('task');
		if (started.kind !== 'task') return;
		expect(started.task.status).toBe('working');
		const result = await getTaskResult(session, started.task.taskId);
		expect(JSON.stringify(result)).toContain('slow_task finished 2 steps');
		const after = await getTask(session, started.task.taskId);
		expect(isTerminal(after.status)).toBe(true);
		expect(notifications.some((n) => n.method === 'notifications/tasks/status')).toBe(true);

		const long = await callToolAsTask(session, 'task_only', { seconds: 30 });
		if (long.kind !== 'task') throw new Error('no task');
		expect((await listTasks(session)).map((t) => t.taskId)).toContain(long.task.taskId);
		const cancelled = await cancelTask(session, long.task.taskId);
		expect(cancelled?.status).toBe('cancelled');
		await session.close();
	});

	it('2026 era: no tasks', async () => {
		const { session } = await open('/mcp');
		expect(tasksAvailable(session).ok).toBe(false);
		// tasks/get is a name the Tasks extension reuses, so the SDK sends it; the core server refuses it.
		await expect(getTask(session, 'x')).rejects.toThrow(/not found|not supported/i);
		await session.close();
	});
});

describe('log levels in both eras', () => {
	for (const path of ['/mcp', '/mcp-legacy']) {
		it(`only messages at or above the level arrive (${path})`, async () => {
			const { session, notifications } = await open(path);
			if (session.details.era === 'modern') session.requestDefaults.logLevel = 'warning';
			else await session.request('logging/setLevel', { level: 'warning' });
			await callTool(session, tool('log_levels'), {});
			await until(
				() => notifications.filter((n) => n.method === 'notifications/message').length >= 5
			);
			await new Promise((r) => setTimeout(r, 100));
			const levels = notifications
				.filter((n) => n.method === 'notifications/message')
				.map((n) => (n.params as { level: string }).level);
			expect(levels).toEqual(['warning', 'error', 'critical', 'alert', 'emergency']);
			await session.close();
		});
	}
});
