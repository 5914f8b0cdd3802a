/** Answers whose body is not what it claims, explained with what came and what should have. */
import { describe, expect, it } from 'vitest';
import { bodyStart, explainBodyMismatch, isBodyReadError } from '../../src/lib/core/body-mismatch';
import type { HttpEntry } from '../../src/lib/core/traffic';

function answer(status: number, contentType: string | undefined, body: string): HttpEntry {
	return {
		type: 'http',
		seq: 1,
		time: 0,
		connection: 1,
		method: 'POST',
		url: 'http://x/mcp',
		status,
		durationMs: 1,
		requestHeaders: {},
		responseHeaders: contentType ? { 'content-type': contentType } : {},
		responseBody: body
	};
}

describe('bodyStart', () => {
	it('escapes control, invisible and direction characters so nothing hides', () => {
		expect(bodyStart('a\nb\tc\r')).toBe('a\\nb\\tc\\r');
		expect(bodyStart('x\u200by\u202ez\ufeff\u0000')).toBe('x\\u200by\\u202ez\\ufeff\\u0000');
	});
	it('cuts long bodies without splitting a surrogate pair', () => {
		expect(bodyStart('😀'.repeat(5), 3)).toBe('😀😀😀…');
		expect(bodyStart('abc', 3)).toBe('abc');
	});
});

describe('explainBodyMismatch', () => {
	it('a JSON content type with a body that is not JSON', () => {
		const p = explainBodyMismatch(answer(200, 'application/json', 'oops {'), 'tools/call x');
		expect(p?.message).toBe(
			'The server answered tools/call x with HTTP 200 and Content-Type application/json, but the body is not JSON. It starts: “oops {”.'
		);
	});
	it('JSON that is not JSON-RPC, and a batch that is', () => {
		expect(explainBodyMismatch(answer(200, 'application/json', '{"a":1}'))?.message).toBe(
			'The server answered with JSON that is not a JSON-RPC message. It starts: “{"a":1}”.'
		);
		expect(
			explainBodyMismatch(answer(200, 'application/json', '[{"jsonrpc":"2.0","id":1,"result":{}}]'))
		).toBeUndefined();
	});
	it('a web page, plain text, no content type, an empty body', () => {
		expect(explainBodyMismatch(answer(200, 'text/html', '<h1>Hi</h1>'))?.message).toBe(
			'The server answered with a web page (HTTP 200, text/html), not an MCP answer. It starts: “<h1>Hi</h1>”.'
		);
		expect(explainBodyMismatch(answer(200, 'text/plain', 'ok'))?.message).toContain(
			'Content-Type text/plain, which is not an MCP answer'
		);
		expect(explainBodyMismatch(answer(200, undefined, ''))?.message).toBe(
			'The server answered with HTTP 200 and Content-Type (none), which is not an MCP answer. The body is empty.'
		);
	});
	it('leaves event streams, errors and missing exchanges alone', () => {
		expect(explainBodyMismatch(answer(200, 'text/event-stream', 'data: x\n\n'))).toBeUndefined();
		expect(explainBodyMismatch(answer(500, 'text/html', '<h1>500</h1>'))).toBeUndefined();
		expect(explainBodyMismatch(undefined)).toBeUndefined();
	});
});

describe('isBodyReadError', () => {
	it('recognises what browsers and the SDK say about such bodies', () => {
		expect(isBodyReadError(new SyntaxError('Unexpected token o'))).toBe(true);
		expect(
			isBodyReadError(
				new Error(
					"Failed to execute 'close' on 'ReadableStreamDefaultController': Unexpected token"
				)
			)
		).toBe(true);
		expect(isBodyReadError(new Error('Unexpected content type: text/plain'))).toBe(true);
		expect(isBodyReadError(new Error('Request timed out'))).toBe(false);
	});
});
