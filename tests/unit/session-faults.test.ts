/**
 * Faults explained at once, in Node against real servers over real HTTP: answers whose body is
 * not what it claims (tests/servers/faults.ts), response streams that end or break before the
 * answer, and a server that goes away in the middle of a call.
 */
import { describe, expect, it } from 'vitest';
import { startDemoServer } from '../servers/demo';
import { useDemoServer } from './demo-fixture';
import { HTML_PAGE } from '../servers/faults';
import { McpSession } from '../../src/lib/core/session';
import type { Problem } from '../../src/lib/core/errors';
import { TrafficRecorder, type HttpEntry, type TrafficItem } from '../../src/lib/core/traffic';
import { callTool } from '../../src/lib/core/tool-call';

const demo = useDemoServer();

const TOOL = { outputSchema: undefined, paramHeaders: [] };

async function open(url: string, events: Parameters<typeof McpSession.open>[1] = {}) {
	const recorder = new TrafficRecorder();
	const entries: TrafficItem[] = [];
	recorder.subscribe((e, change) => change === 'added' && entries.push(e));
	const session = await McpSession.open(
		{ url: new URL(url), transport: 'streamable-http', recorder, timeoutMs: 10_000 },
		events
	);
	session.requestDefaults.timeouts = { requestTimeoutS: 30, maxTotalTimeoutS: 0 };
	return { session, entries };
}

/** The problem a failed call is explained with (what the UI shows). */
async function callProblem(session: McpSession, name: string): Promise<Problem> {
	try {
		await callTool(session, { name, ...TOOL }, {});
	} catch (error) {
		return session.explain(error, `tools/call ${name}`);
	}
	throw new Error(`${name} did not fail`);
}

describe('answers that are not what they claim', () => {
	it('names the status, the content type and the first bytes, and the session keeps working', async () => {
		const { session, entries } = await open(`${demo.url}/mcp-faults`);

		const notJson = await callProblem(session, 'not_json');
		expect(notJson.message).toBe(
			'The server answered tools/call not_json with HTTP 200 and Content-Type application/json, but the body is not JSON. It starts: “this is not JSON {"jsonrpc"”.'
		);
		expect(notJson.hints.join(' ')).toContain('application/json');

		const notRpc = await callProblem(session, 'json_not_rpc');
		expect(notRpc.message).toContain(
			'with JSON that is not a JSON-RPC message. It starts: “{"ok":true'
		);

		const page = await callProblem(session, 'html_500');
		expect(page.message).toBe(
			'The server answered HTTP 500 (server error) to tools/call html_500, with a web page (text/html) instead of a JSON-RPC error.'
		);
		expect(page.bodyExcerpt).toBe(HTML_PAGE);

		const plain = await callProblem(session, 'text_plain');
		expect(plain.message).toBe(
			'The server answered tools/call text_plain with HTTP 200 and Content-Type text/plain; charset=utf-8, which is not an MCP answer. It starts: “OK, done.”.'
		);

		// Every byte stays in the traffic log.
		const bodies = entries
			.filter((e): e is HttpEntry => e.type === 'http')
			.map((e) => e.responseBody);
		expect(bodies).toContain('this is not JSON {"jsonrpc"');
		expect(bodies).toContain(HTML_PAGE);

		const fine = await callTool(session, { name: 'fine', ...TOOL }, {});
		expect(fine.view.isError).toBe(false);
		await session.close();
	});

	it('explains a handshake answered with a web page', async () => {
		const failed = await McpSession.open({
			url: new URL(`${demo.url}/mcp-faults?initialize=text_plain`),
			transport: 'streamable-http',
			recorder: new TrafficRecorder(),
			timeoutMs: 10_000
		}).then(
			() => undefined,
			(error: { problem?: Problem }) => error.problem
		);
		expect(failed?.message).toContain('which is not an MCP answer. It starts: “OK, done.”.');
	});
});

describe('streams that end before the answer', () => {
	it('fails a call whose response stream ended cleanly without its answer, naming the call', async () => {
		const { session } = await open(`${demo.url}/mcp-faults`);
		const problem = await callProblem(session, 'cut_stream');
		expect(problem.message).toBe(
			'The connection broke while waiting for the answer to tools/call cut_stream.'
		);
		expect(problem.hints[0]).toContain('ended the response stream without sending the answer');
		// The server is alive: the session goes on.
		expect((await callTool(session, { name: 'fine', ...TOOL }, {})).view.isError).toBe(false);
		await session.close();
	});

	it('fails a call whose response stream was cut, and keeps the session when the server still answers', async () => {
		let gone: Problem | undefined;
		const { session } = await open(`${demo.url}/mcp-faults`, { onServerGone: (p) => (gone = p) });
		const problem = await callProblem(session, 'reset_stream');
		expect(problem.message).toBe(
			'The connection broke while waiting for the answer to tools/call reset_stream.'
		);
		expect((await callTool(session, { name: 'fine', ...TOOL }, {})).view.isError).toBe(false);
		expect(gone).toBeUndefined();
		await session.close();
	});
});

describe('a JSON answer without the response', () => {
	it('fails the call at once, saying the answer held no response to it', async () => {
		const { session } = await open(`${demo.url}/mcp-faults`);
		const started = Date.now();
		const problem = await callProblem(session, 'wrong_id');
		expect(Date.now() - started).toBeLessThan(5000);
		expect(problem.message).toBe(
			'The server answered the POST of tools/call wrong_id without a response to it.'
		);
		expect(problem.hints.join(' ')).toContain('matches no request');
		const outcome = await callTool(session, { name: 'fine', ...TOOL }, {});
		expect(outcome.view.isError).toBe(false);
		await session.close();
	});
});

describe('streams that can resume', () => {
	it('still resume: the answer comes on the GET with Last-Event-ID', async () => {
		const { session, entries } = await open(`${demo.url}/mcp-faults`);
		const outcome = await callTool(session, { name: 'resumable', ...TOOL }, {});
		expect(outcome.view.isError).toBe(false);
		expect(JSON.stringify(outcome.result)).toContain('resumed');
		const resume = entries.find(
			(e): e is HttpEntry =>
				e.type === 'http' && e.method === 'GET' && 'last-event-id' in e.requestHeaders
		);
		expect(resume).toBeDefined();
		await session.close();
	});

	it('resume after a log message, which Loupe hands on itself: its event id still counts', async () => {
		const heard: string[] = [];
		const { session, entries } = await open(`${demo.url}/mcp-faults`, {
			onNotification: (n) => heard.push(`${n.method} ${JSON.stringify(n.params)}`)
		});
		const outcome = await callTool(session, { name: 'resumable_after_log', ...TOOL }, {});
		expect(JSON.stringify(outcome.result)).toContain('resumed');
		expect(heard).toEqual(['notifications/message {"level":"info","data":"before the break"}']);
		const http = entries.filter((e): e is HttpEntry => e.type === 'http');
		const post = http.find((e) => e.responseBody?.includes('before the break'));
		const resume = http.find((e) => e.method === 'GET' && 'last-event-id' in e.requestHeaders);
		expect(post?.responseBody).toContain(`id: ${resume?.requestHeaders['last-event-id']}\n`);
		await session.close();
	});
});

describe('an event stream the server keeps closing', () => {
	it('is reopened ever less often, not at once without end, and the session keeps working', async () => {
		const { session, entries } = await open(`${demo.url}/mcp-faults?get=close-at-once`);
		const gets = () => entries.filter((e) => e.type === 'http' && e.method === 'GET').length;
		await new Promise((r) => setTimeout(r, 3000));
		// 250 ms, three times, then 1 s and 2 s: about six in three seconds (without the policy,
		// `retry: 0` reopened it hundreds of times).
		expect(gets()).toBeGreaterThanOrEqual(3);
		expect(gets()).toBeLessThanOrEqual(8);
		const outcome = await callTool(session, { name: 'fine', ...TOOL }, {});
		expect(outcome.view.isError).toBe(false);
		await session.close();
	});
});

describe('a server that goes away mid-call', () => {
	it('fails the waiting call and reports the server gone, long before the request timeout', async () => {
		const own = await startDemoServer({ port: 0 });
		let gone: Problem | undefined;
		const { session } = await open(`${own.url}/mcp-legacy`, { onServerGone: (p) => (gone = p) });
		const call = callTool(
			session,
			{ name: 'slow', ...TOOL },
			{ steps: 50, delayMs: 200 },
			{ onprogress: () => {} }
		);
		const outcome = call.then(
			() => undefined,
			(error) => session.explain(error, 'tools/call slow')
		);
		await new Promise((r) => setTimeout(r, 400));
		await own.close();
		const problem = await outcome;
		expect(problem?.message).toBe(
			'The connection broke while waiting for the answer to tools/call slow.'
		);
		expect(problem?.hints.join(' ')).toContain('Nothing answers at the server address any more');
		await expect
			.poll(() => gone?.message)
			.toBe(
				`The server at ${own.url}/mcp-legacy stopped answering: nothing is listening there any more.`
			);
		await session.close();
	});
});

describe('legacy HTTP+SSE', () => {
	it('fails the waiting call when the server goes away', async () => {
		const own = await startDemoServer({ port: 0 });
		let gone: Problem | undefined;
		const recorder = new TrafficRecorder();
		const session = await McpSession.open(
			{ url: new URL(`${own.url}/sse`), transport: 'sse', recorder, timeoutMs: 10_000 },
			{ onServerGone: (p) => (gone = p) }
		);
		session.requestDefaults.timeouts = { requestTimeoutS: 30, maxTotalTimeoutS: 0 };
		const outcome = callTool(
			session,
			{ name: 'slow', ...TOOL },
			{ steps: 50, delayMs: 200 },
			{ onprogress: () => {} }
		).then(
			() => undefined,
			(error) => session.explain(error, 'tools/call slow')
		);
		await new Promise((r) => setTimeout(r, 400));
		await own.close();
		expect((await outcome)?.message).toBe(
			'The connection broke while waiting for the answer to tools/call slow.'
		);
		await expect.poll(() => gone?.message).toContain('stopped answering');
		await session.close();
	});
});
