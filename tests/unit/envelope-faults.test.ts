/**
 * The traffic log marks a received message invalid, with a sentence per fault, exactly when the
 * SDK refuses its envelope (its own JSON-RPC schemas are the judge here).
 */
import { describe, expect, it } from 'vitest';
import { parseJSONRPCMessage } from '@modelcontextprotocol/client';
import { classifyMessage, TrafficRecorder } from '../../src/lib/core/traffic';

const sdkRefuses = (message: unknown) => {
	try {
		parseJSONRPCMessage(message);
		return false;
	} catch {
		return true;
	}
};

const problem = (message: unknown) => classifyMessage(message).problem;

describe('envelope faults', () => {
	it('names a missing or wrong "jsonrpc"', () => {
		expect(problem({ id: 1, result: {} })).toBe(
			'No "jsonrpc" member: JSON-RPC 2.0 wants "jsonrpc": "2.0" in every message.'
		);
		expect(problem({ jsonrpc: '1.0', method: 'notifications/message', params: {} })).toBe(
			'"jsonrpc" is "1.0": JSON-RPC 2.0 wants exactly the string "2.0".'
		);
		expect(problem({ jsonrpc: 2, id: 1, method: 'ping' })).toBe(
			'"jsonrpc" is 2: JSON-RPC 2.0 wants exactly the string "2.0".'
		);
		// The method and id stay on the row, so a person sees what it was meant to be.
		expect(classifyMessage({ jsonrpc: '1.0', id: 4, method: 'ping' })).toMatchObject({
			kind: 'invalid',
			method: 'ping',
			id: 'n:4'
		});
	});

	it('names members JSON-RPC does not define, and what the message may have', () => {
		expect(problem({ jsonrpc: '2.0', id: 1, result: {}, extra: true })).toBe(
			'A member JSON-RPC does not define: "extra". The client accepts nothing else at the top level of a response, which has only jsonrpc, id and result.'
		);
		expect(
			problem({ jsonrpc: '2.0', method: 'notifications/message', params: {}, id2: 1, meta: {} })
		).toBe(
			'Members JSON-RPC does not define: "id2", "meta". The client accepts nothing else at the top level of a notification, which has only jsonrpc, method and params.'
		);
		const many = Object.fromEntries('abcdefg'.split('').map((k) => [k, 1]));
		expect(problem({ jsonrpc: '2.0', id: 1, error: { code: 1, message: 'm' }, ...many })).toBe(
			'Members JSON-RPC does not define: "a", "b", "c", "d", "e" and 2 more. The client accepts nothing else at the top level of an error response, which has only jsonrpc, id and error.'
		);
		expect(problem({ jsonrpc: '2.0', id: 1, method: 'ping', result: {} })).toBe(
			'A member JSON-RPC does not define: "result". The client accepts nothing else at the top level of a request, which has only jsonrpc, id, method and params.'
		);
	});

	it('names a response with both result and error', () => {
		expect(problem({ jsonrpc: '2.0', id: 1, result: {}, error: { code: -1, message: 'no' } })).toBe(
			'Both "result" and "error": a JSON-RPC 2.0 response carries exactly one of them.'
		);
	});

	it('names an id that is neither a string nor an integer; null only on an error', () => {
		expect(problem({ jsonrpc: '2.0', id: 1.5, result: {} })).toBe(
			'"id" is 1.5: JSON-RPC 2.0 and MCP want an id to be a string or an integer.'
		);
		expect(problem({ jsonrpc: '2.0', id: true, method: 'ping' })).toBe(
			'"id" is true: JSON-RPC 2.0 and MCP want an id to be a string or an integer.'
		);
		expect(problem({ jsonrpc: '2.0', id: { n: 1 }, error: { code: 1, message: 'm' } })).toBe(
			'"id" is {"n":1}: JSON-RPC 2.0 and MCP want an id to be a string or an integer.'
		);
		expect(problem({ jsonrpc: '2.0', id: null, method: 'ping' })).toBe(
			'"id" is null: MCP wants a request\'s id to be a string or an integer, never null.'
		);
		expect(problem({ jsonrpc: '2.0', id: null, result: {} })).toBe(
			'"id" is null: a result must carry the id of the request it answers, a string or an integer (JSON-RPC allows null only on an error).'
		);
		expect(problem({ jsonrpc: '2.0', result: {} })).toBe(
			'No "id": a response must carry the id of the request it answers.'
		);
		// An error about a message whose id could not be read: null, or no id at all.
		expect(
			classifyMessage({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } })
				.kind
		).toBe('error');
		expect(
			classifyMessage({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } }).kind
		).toBe('error');
	});

	it('names a result, params or method of the wrong type', () => {
		expect(problem({ jsonrpc: '2.0', id: 1, result: [1, 2] })).toBe(
			'"result" is [1,2]: MCP wants a result to be an object.'
		);
		expect(problem({ jsonrpc: '2.0', id: 1, result: null })).toBe(
			'"result" is null: MCP wants a result to be an object.'
		);
		expect(problem({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: ['x'] })).toBe(
			'"params" is ["x"]: MCP wants an object (named parameters, never JSON-RPC\'s by-position array).'
		);
		expect(problem({ jsonrpc: '2.0', method: 5 })).toBe(
			'"method" is 5: JSON-RPC 2.0 wants the method\'s name as a string.'
		);
	});

	it('says every fault of one message, in one text', () => {
		expect(problem({ jsonrpc: '1.0', id: 2.5, result: 'ok', note: 'x' })).toBe(
			[
				'"jsonrpc" is "1.0": JSON-RPC 2.0 wants exactly the string "2.0".',
				'"id" is 2.5: JSON-RPC 2.0 and MCP want an id to be a string or an integer.',
				'"result" is "ok": MCP wants a result to be an object.',
				'A member JSON-RPC does not define: "note". The client accepts nothing else at the top level of a response, which has only jsonrpc, id and result.'
			].join(' ')
		);
	});

	it('takes a member set to undefined as absent, as JSON does (the SDK sends params: undefined)', () => {
		const recorder = new TrafficRecorder();
		const request = recorder.message('sent', {
			jsonrpc: '2.0',
			id: 1,
			method: 'tools/list',
			params: undefined
		});
		expect([request.kind, request.problem]).toEqual(['request', undefined]);
		const response = recorder.message('received', { jsonrpc: '2.0', id: 1, result: { tools: [] } });
		expect(response.pair).toBe(request.seq);
		expect(
			classifyMessage({ jsonrpc: '2.0', method: 'x', id: undefined, extra: undefined }).kind
		).toBe('notification');
	});

	it('calls invalid exactly what the SDK refuses (but an error with id null, as JSON-RPC allows)', () => {
		const valid = [
			{ jsonrpc: '2.0', id: 1, method: 'ping' },
			{ jsonrpc: '2.0', id: 'a', method: 'tools/call', params: { name: 'x' } },
			{ jsonrpc: '2.0', method: 'notifications/message', params: { level: 'info', data: 1 } },
			{ jsonrpc: '2.0', id: 0, result: {} },
			{ jsonrpc: '2.0', id: -3, error: { code: -32601, message: 'No', data: [1] } },
			{ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' } }
		];
		const invalid = [
			{ id: 1, result: {} },
			{ jsonrpc: '1.0', method: 'x' },
			{ jsonrpc: '2.0', id: 1, result: {}, extra: true },
			{ jsonrpc: '2.0', method: 'x', id2: 1 },
			{ jsonrpc: '2.0', id: 1, result: {}, error: { code: 1, message: 'm' } },
			{ jsonrpc: '2.0', id: 1.5, result: {} },
			{ jsonrpc: '2.0', id: false, method: 'x' },
			{ jsonrpc: '2.0', id: null, method: 'x' },
			{ jsonrpc: '2.0', id: null, result: {} },
			{ jsonrpc: '2.0', result: {} },
			{ jsonrpc: '2.0', id: 1, result: [] },
			{ jsonrpc: '2.0', method: 'x', params: [] },
			{ jsonrpc: '2.0', method: 7 },
			{ jsonrpc: '2.0', id: 1, error: { code: 'x', message: 'm' } },
			{ jsonrpc: '2.0', id: 1 },
			[]
		];
		for (const message of valid) {
			expect(sdkRefuses(message), JSON.stringify(message)).toBe(false);
			expect(classifyMessage(message).kind, JSON.stringify(message)).not.toBe('invalid');
		}
		for (const message of invalid) {
			expect(sdkRefuses(message), JSON.stringify(message)).toBe(true);
			expect(classifyMessage(message).kind, JSON.stringify(message)).toBe('invalid');
		}
		// The one difference, on purpose: JSON-RPC 2.0 answers a message whose id could not be read
		// with id null; the SDK wants the id left out instead.
		const nullId = { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } };
		expect(sdkRefuses(nullId)).toBe(true);
		expect(classifyMessage(nullId).kind).toBe('error');
	});
});
