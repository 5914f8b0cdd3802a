/**
 * A person's answering time does not time out the request that asked: Loupe's own request
 * deadline (request-deadline.ts) stands still while a server's question waits for the person.
 * The clock rules with fake timers, then the real demo server over real HTTP in both eras.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useDemoServer } from './demo-fixture';
import { McpSession } from '../../src/lib/core/session';
import {
	ClientRequestQueue,
	installClientRequestHandlers,
	type ClientRequest
} from '../../src/lib/core/client-requests';
import { elicitationDefaults } from '../../src/lib/core/elicitation';
import { DeadlineBoard, RequestDeadline } from '../../src/lib/core/request-deadline';
import { TrafficRecorder } from '../../src/lib/core/traffic';
import { callTool } from '../../src/lib/core/tool-call';

describe('RequestDeadline', () => {
	afterEach(() => void vi.useRealTimers());

	it('restarts on progress, stands still while held, and the ceiling still ends it', () => {
		vi.useFakeTimers();
		const board = new DeadlineBoard();
		const deadline = new RequestDeadline({
			timeoutMs: 1000,
			maxTotalMs: 5000,
			resetOnProgress: true
		});
		deadline.start(board);
		vi.advanceTimersByTime(800);
		deadline.progress();
		vi.advanceTimersByTime(800);
		expect(deadline.signal.aborted).toBe(false);
		// Held: neither clock runs, however long the person takes.
		const release = board.holdRunning();
		vi.advanceTimersByTime(60_000);
		expect(deadline.signal.aborted).toBe(false);
		release();
		release();
		vi.advanceTimersByTime(999);
		expect(deadline.signal.aborted).toBe(false);
		// 2.6 s of running time used; progress keeps the request timeout alive until the 5 s ceiling.
		for (let i = 0; i < 3; i++) {
			deadline.progress();
			vi.advanceTimersByTime(900);
		}
		expect(deadline.signal.aborted).toBe(true);
		expect(deadline.error).toMatchObject({
			code: 'REQUEST_TIMEOUT',
			message: 'Maximum total timeout exceeded'
		});
		expect(deadline.signal.reason).toBe(deadline.error);
	});

	it('counts only running time against the ceiling, and restarts the request timeout after the answer', () => {
		vi.useFakeTimers();
		const board = new DeadlineBoard();
		const deadline = new RequestDeadline({
			timeoutMs: 1000,
			maxTotalMs: 3000,
			resetOnProgress: true
		});
		deadline.start(board);
		vi.advanceTimersByTime(900);
		const release = board.holdRunning();
		expect(board.size).toBe(1);
		vi.advanceTimersByTime(10_000);
		release();
		vi.advanceTimersByTime(900);
		expect(deadline.signal.aborted).toBe(false);
		vi.advanceTimersByTime(200);
		expect(deadline.signal.aborted).toBe(true);
		expect(deadline.error).toMatchObject({ code: 'REQUEST_TIMEOUT', message: 'Request timed out' });
		expect(board.size).toBe(0);
	});

	it('a hold taken before a request started does not hold it', () => {
		vi.useFakeTimers();
		const board = new DeadlineBoard();
		const release = board.holdRunning();
		const deadline = new RequestDeadline({ timeoutMs: 1000, resetOnProgress: false });
		deadline.start(board);
		vi.advanceTimersByTime(1001);
		expect(deadline.error?.message).toBe('Request timed out');
		release();
	});
});

describe('answering time against the demo server', () => {
	const demo = useDemoServer();

	async function open(path: string) {
		const queue = new ClientRequestQueue();
		const session = await McpSession.open(
			{
				url: new URL(demo.url + path),
				transport: 'auto',
				recorder: new TrafficRecorder(),
				timeoutMs: 10_000
			},
			{ setupClient: (client) => installClientRequestHandlers(client, { queue, roots: () => [] }) }
		);
		// 2 s without an answer fails a request; 3 s in all at most.
		session.requestDefaults.timeouts = { requestTimeoutS: 2, maxTotalTimeoutS: 3 };
		return { session, queue };
	}
	const tool = (name: string) => ({ name, paramHeaders: [] });
	const nextPending = async (queue: ClientRequestQueue): Promise<ClientRequest> => {
		for (let i = 0; i < 300; i++) {
			const item = queue.items.find((x) => x.state === 'pending');
			if (item) return item;
			await new Promise((r) => setTimeout(r, 10));
		}
		throw new Error('no pending request arrived');
	};
	const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
	const textOf = (result: unknown) => (result as { content: { text: string }[] }).content[0].text;

	for (const [path, era] of [
		['/mcp-legacy', 'legacy'],
		['/mcp', 'modern']
	] as const) {
		it(
			`an elicitation left 4 s unanswered, then accepted: the call succeeds (${era})`,
			{ timeout: 20_000 },
			async () => {
				const { session, queue } = await open(path);
				expect(session.details.era).toBe(era);
				const call = callTool(session, tool('ask_user'), {});
				const item = await nextPending(queue);
				await sleep(4000);
				expect(queue.items.find((i) => i.id === item.id)?.state).toBe('pending');
				queue.answer(
					item.id,
					{ action: 'accept', content: elicitationDefaults(item.params.requestedSchema) },
					'Accepted'
				);
				expect(textOf((await call).result)).toContain('"name":"Ada"');
				expect(queue.items.find((i) => i.id === item.id)?.state).toBe('answered');
				await session.close();
			}
		);

		it(
			`a sampling request left 4 s unanswered, then answered: the call succeeds (${era})`,
			{ timeout: 20_000 },
			async () => {
				const { session, queue } = await open(path);
				const call = callTool(session, tool('ask_llm'), { prompt: 'Take your time' });
				const item = await nextPending(queue);
				await sleep(4000);
				queue.answer(
					item.id,
					{
						role: 'assistant',
						model: 'person',
						stopReason: 'endTurn',
						content: { type: 'text', text: 'Slow reply' }
					},
					'Sent'
				);
				expect(textOf((await call).result)).toContain('Slow reply');
				await session.close();
			}
		);

		it(
			`a call that does not wait for the person still times out, even while another one does (${era})`,
			{ timeout: 20_000 },
			async () => {
				const { session, queue } = await open(path);
				const started = Date.now();
				const slow = await callTool(session, tool('slow'), { steps: 1, delayMs: 5000 }).catch(
					(e: unknown) => e
				);
				expect(Date.now() - started).toBeLessThan(4000);
				const problem = session.explain(slow, 'tools/call slow');
				expect(problem.kind).toBe('timeout');
				expect(problem.message).toContain('Request timed out');

				// A question pending for another call holds only the requests already in flight when it came.
				const asking = callTool(session, tool('ask_user'), {});
				const item = await nextPending(queue);
				const later = await callTool(session, tool('slow'), { steps: 1, delayMs: 5000 }).catch(
					(e: unknown) => e
				);
				expect(session.explain(later, 'tools/call slow').kind).toBe('timeout');
				queue.answer(item.id, { action: 'decline' }, 'Declined');
				expect(textOf((await asking).result)).toContain('decline');
				await session.close();
			}
		);
	}
});
