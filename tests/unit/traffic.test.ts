import { describe, expect, it } from 'vitest';
import {
	TrafficRecorder,
	classifyMessage,
	utf8Size,
	type MessageEntry,
	type TrafficItem
} from '../../src/lib/core/traffic';
import { messageSubject } from '../../src/lib/core/traffic-subject';

function recorderWithClock() {
	let t = 1000;
	const recorder = new TrafficRecorder(() => t);
	recorder.describe = messageSubject;
	const seen: TrafficItem[] = [];
	recorder.subscribe((e, change) => change === 'added' && seen.push(e));
	return { recorder, seen, tick: (ms: number) => (t += ms) };
}

describe('TrafficRecorder', () => {
	it('pairs a response with the request it answers and gives both the latency', () => {
		const { recorder, tick } = recorderWithClock();
		const request = recorder.message('sent', { jsonrpc: '2.0', id: 7, method: 'tools/list' });
		tick(42);
		const response = recorder.message('received', { jsonrpc: '2.0', id: 7, result: { tools: [] } });
		expect(response.method).toBe('tools/list');
		expect(response.pair).toBe(request.seq);
		expect(request.pair).toBe(response.seq);
		expect(response.latencyMs).toBe(42);
		expect(request.latencyMs).toBe(42);
	});

	it('pairs server-initiated requests with the client reply, not with a client request of the same id', () => {
		const { recorder } = recorderWithClock();
		const mine = recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'tools/call' });
		const theirs = recorder.message('received', { jsonrpc: '2.0', id: 1, method: 'ping' });
		const reply = recorder.message('sent', { jsonrpc: '2.0', id: 1, result: {} });
		expect(reply.method).toBe('ping');
		expect(reply.pair).toBe(theirs.seq);
		const answer = recorder.message('received', { jsonrpc: '2.0', id: 1, result: { content: [] } });
		expect(answer.method).toBe('tools/call');
		expect(answer.pair).toBe(mine.seq);
	});

	it('keeps string and number ids apart', () => {
		const { recorder } = recorderWithClock();
		recorder.message('sent', { jsonrpc: '2.0', id: '1', method: 'a' });
		const response = recorder.message('received', { jsonrpc: '2.0', id: 1, result: {} });
		expect(response.pair).toBeUndefined();
		expect(response.method).toBeUndefined();
	});

	it('records every message exactly once, in order, with its byte size', () => {
		const { recorder, seen } = recorderWithClock();
		recorder.message('sent', { jsonrpc: '2.0', method: 'notifications/initialized' });
		recorder.message('received', {
			jsonrpc: '2.0',
			method: 'notifications/message',
			params: { data: 'héllo ✓' }
		});
		expect(seen.map((e) => e.seq)).toEqual([1, 2]);
		const second = seen[1] as MessageEntry;
		expect(second.size).toBe(new TextEncoder().encode(second.raw).length);
		expect(second.kind).toBe('notification');
	});

	it('tells a second response to an answered request (duplicate) from one to an id never sent (unpaired)', () => {
		const { recorder } = recorderWithClock();
		const request = recorder.message('sent', {
			jsonrpc: '2.0',
			id: 3,
			method: 'tools/call',
			params: { name: 'get_weather' }
		});
		const first = recorder.message('received', { jsonrpc: '2.0', id: 3, result: {} });
		const again = recorder.message('received', {
			jsonrpc: '2.0',
			id: 3,
			error: { code: -32603, message: 'late' }
		});
		expect(first.firstAnswer).toBeUndefined();
		expect(again).toMatchObject({
			kind: 'error',
			firstAnswer: first.seq,
			pair: request.seq,
			method: 'tools/call',
			subject: 'get_weather'
		});
		// The request keeps its first answer.
		expect(request.pair).toBe(first.seq);
		const stray = recorder.message('received', { jsonrpc: '2.0', id: 99, result: {} });
		expect(stray.firstAnswer).toBeUndefined();
		expect(stray.method).toBeUndefined();
		// A new connection starts over: the same id answered there is not a duplicate of this one.
		recorder.newConnection({ url: 'http://x.test/mcp', transport: 'auto', reason: 'connect' });
		const later = recorder.message('received', { jsonrpc: '2.0', id: 3, result: {} });
		expect(later.firstAnswer).toBeUndefined();
	});

	it('marks a malformed error invalid, saying what is wrong, and leaves its request waiting', () => {
		const { recorder } = recorderWithClock();
		const request = recorder.message('sent', { jsonrpc: '2.0', id: 5, method: 'tools/list' });
		const bad = recorder.message('received', {
			jsonrpc: '2.0',
			id: 5,
			error: { code: 'oops' }
		});
		expect(bad.kind).toBe('invalid');
		expect(bad.problem).toBe(
			'A malformed error: error.code: expected an integer, received "oops"; error.message: missing.'
		);
		expect(bad.pair).toBeUndefined();
		expect(bad.id).toBe('n:5');
		const good = recorder.message('received', {
			jsonrpc: '2.0',
			id: 5,
			error: { code: -32000, message: 'real' }
		});
		expect(good.pair).toBe(request.seq);
	});

	it('starts pairing afresh on a new connection', () => {
		const { recorder } = recorderWithClock();
		recorder.message('sent', { jsonrpc: '2.0', id: 0, method: 'initialize' });
		recorder.newConnection({ url: 'http://x.test/mcp', transport: 'auto', reason: 'connect' });
		const response = recorder.message('received', { jsonrpc: '2.0', id: 0, result: {} });
		expect(response.pair).toBeUndefined();
		expect(response.connection).toBe(1);
	});

	it('gives a request its subject, and its response the same one', () => {
		const { recorder } = recorderWithClock();
		const call = recorder.message('sent', {
			jsonrpc: '2.0',
			id: 3,
			method: 'tools/call',
			params: { name: 'create_order', arguments: {} }
		});
		const read = recorder.message('sent', {
			jsonrpc: '2.0',
			id: 4,
			method: 'resources/read',
			params: { uri: 'demo://items/42' }
		});
		const answer = recorder.message('received', {
			jsonrpc: '2.0',
			id: 3,
			result: { content: [{ type: 'text', text: 'Order 17 placed' }] }
		});
		const readAnswer = recorder.message('received', {
			jsonrpc: '2.0',
			id: 4,
			error: { code: -32002, message: 'not found' }
		});
		expect(call.subject).toBe('create_order');
		expect(answer.subject).toBe('create_order');
		expect(read.subject).toBe('demo://items/42');
		expect(readAnswer.subject).toBe('demo://items/42');
		expect(
			recorder.message('received', { jsonrpc: '2.0', id: 99, result: {} }).subject
		).toBeUndefined();
	});

	it('marks where each connection starts, with its URL (secrets masked) and then what the handshake found', () => {
		const { recorder, seen } = recorderWithClock();
		const updates: TrafficItem[] = [];
		recorder.subscribe((e, change) => change === 'updated' && updates.push(e));
		const first = recorder.newConnection({
			url: 'http://x.test/mcp?api_key=s3cret',
			transport: 'auto',
			reason: 'connect'
		});
		const http = recorder.http({
			method: 'POST',
			url: 'http://x.test/mcp',
			status: 200,
			durationMs: 3,
			requestHeaders: {},
			responseHeaders: {}
		});
		recorder.connectionEnded(first, {
			transport: 'streamable-http',
			protocolVersion: '2026-07-28',
			server: 'demo 1.0'
		});
		const second = recorder.newConnection({
			url: 'http://y.test/mcp',
			transport: 'sse',
			reason: 'connect'
		});
		// A late word about the first connection changes nothing.
		recorder.connectionEnded(first, 'failed');
		recorder.connectionEnded(second, 'failed');
		expect(seen.map((e) => e.type)).toEqual(['connection', 'http', 'connection']);
		expect(http.connection).toBe(first);
		expect(seen[0]).toMatchObject({
			type: 'connection',
			seq: 1,
			connection: 1,
			url: 'http://x.test/mcp?api_key=••••••',
			reason: 'connect'
		});
		expect(seen[0]).toMatchObject({
			state: 'connected',
			transport: 'streamable-http',
			protocolVersion: '2026-07-28',
			server: 'demo 1.0'
		});
		expect(seen[2]).toMatchObject({ seq: 3, connection: 2, state: 'failed', transport: 'sse' });
		expect(updates.map((e) => e.seq)).toEqual([1, 3]);
		expect(JSON.stringify(seen)).not.toContain('s3cret');
	});
});

describe('classifyMessage', () => {
	it('tells requests, notifications, results, errors and garbage apart', () => {
		const rpc = { jsonrpc: '2.0' };
		expect(classifyMessage({ ...rpc, id: 1, method: 'x' }).kind).toBe('request');
		expect(classifyMessage({ ...rpc, method: 'x' }).kind).toBe('notification');
		expect(classifyMessage({ ...rpc, id: 1, result: {} }).kind).toBe('response');
		expect(classifyMessage({ ...rpc, id: 1, error: { code: 1, message: 'm' } }).kind).toBe('error');
		expect(classifyMessage([1, 2])).toMatchObject({
			kind: 'invalid',
			problem: 'Not a JSON object.'
		});
		expect(classifyMessage('hello').kind).toBe('invalid');
		expect(classifyMessage({ jsonrpc: '2.0', id: 1 }).problem).toBe('No method, result or error.');
	});

	it('marks an error object the SDK refuses invalid, with each reason', () => {
		const problem = (error: unknown) => classifyMessage({ jsonrpc: '2.0', id: 1, error });
		expect(problem({ code: 1 })).toMatchObject({
			kind: 'invalid',
			problem: 'A malformed error: error.message: missing.'
		});
		expect(problem({ code: 1.5, message: 'm' }).problem).toBe(
			'A malformed error: error.code: expected an integer, received 1.5.'
		);
		expect(problem({ message: 5 }).problem).toBe(
			'A malformed error: error.code: missing; error.message: expected a string, received 5.'
		);
		expect(problem('boom').problem).toBe(
			'A malformed error: error: expected an object, received "boom".'
		);
		expect(problem({ code: -32600, message: '', data: { any: 1 } }).kind).toBe('error');
	});
});

describe('utf8Size', () => {
	it('counts bytes, not UTF-16 units', () => {
		expect(utf8Size('abc')).toBe(3);
		expect(utf8Size('é')).toBe(2);
		expect(utf8Size('😀')).toBe(4);
	});
});
