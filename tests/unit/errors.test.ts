import { describe, expect, it } from 'vitest';
import { describeTransportError, parseServerUrl, ProblemError } from '../../src/lib/core/errors';
import { explainError } from '../../src/lib/core/explain-error';
import { shouldFallBackToSse } from '../../src/lib/core/connect';
import { parseJSONRPCMessage } from '@modelcontextprotocol/client';
import type { HttpEntry } from '../../src/lib/core/traffic';

const url = new URL('http://127.0.0.1:3001/mcp');
const http = (
	method: string,
	status: number | undefined,
	extra: Partial<HttpEntry> = {}
): HttpEntry => ({
	type: 'http',
	seq: 1,
	time: 0,
	connection: 1,
	method,
	url: url.href,
	status,
	durationMs: 1,
	requestHeaders: {},
	responseHeaders: {},
	...extra
});

describe('parseServerUrl', () => {
	it('accepts http and https URLs', () => {
		expect(parseServerUrl(' https://example.com/mcp ').href).toBe('https://example.com/mcp');
	});
	it.each([
		['', /Enter the URL/],
		['not a url', /is not a URL/],
		['example.com/mcp', /Did you mean https:\/\/example.com\/mcp/],
		['javascript:alert(1)', /http: or https: only/],
		['ftp://example.com', /http: or https: only/],
		['https://user:pw@example.com/mcp', /user name and password/]
	])('rejects %j with a sentence', (text, message) => {
		expect(() => parseServerUrl(text)).toThrow(ProblemError);
		expect(() => parseServerUrl(text)).toThrow(message);
	});
});

describe('explainError', () => {
	const networkError = new TypeError('Failed to fetch');

	it('says "unreachable" when nothing answered the no-cors probe', () => {
		const p = explainError(networkError, {
			url,
			reachable: false,
			lastHttp: http('POST', undefined, { error: 'TypeError' })
		});
		expect(p.kind).toBe('unreachable');
		expect(p.message).toContain('Could not reach http://127.0.0.1:3001/mcp');
	});

	it('says "CORS" and lists the headers to send when the server is up but refuses the origin', () => {
		const p = explainError(networkError, { url, reachable: true, origin: 'http://localhost:4173' });
		expect(p.kind).toBe('cors');
		const hints = p.hints.join('\n');
		expect(hints).toContain('Access-Control-Allow-Origin: http://localhost:4173');
		for (const h of [
			'Content-Type',
			'Authorization',
			'Mcp-Session-Id',
			'MCP-Protocol-Version',
			'Last-Event-ID',
			'Mcp-Method',
			'Mcp-Name'
		]) {
			expect(hints).toContain(h);
		}
		expect(hints).toMatch(
			/Access-Control-Expose-Headers: Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate/
		);
	});

	it('spots mixed content before blaming CORS', () => {
		const p = explainError(networkError, {
			url: new URL('http://example.com/mcp'),
			pageProtocol: 'https:',
			reachable: false
		});
		expect(p.kind).toBe('mixed-content');
	});

	it('shows the status and a body excerpt for HTTP errors', () => {
		const p = explainError(Object.assign(new Error('HTTP 500'), { status: 500 }), {
			url,
			lastHttp: http('POST', 500, { responseBody: 'database is down' })
		});
		expect(p.kind).toBe('http');
		expect(p.message).toContain('HTTP 500');
		expect(p.bodyExcerpt).toBe('database is down');
	});

	it('says which request timed out', () => {
		const p = explainError(
			Object.assign(new Error('Request timed out'), { code: 'REQUEST_TIMEOUT' }),
			{ url, action: 'tools/call slow' }
		);
		expect(p.kind).toBe('timeout');
		expect(p.message).toContain('tools/call slow');
		expect(p.hints.join(' ')).not.toContain('connections');
	});

	it('a timeout with five other servers connected on the same host names the browser limit first', () => {
		const timedOut = Object.assign(new Error('Request timed out'), { code: 'REQUEST_TIMEOUT' });
		const others = [1, 2, 3, 4, 5].map((i) => `${url.origin}/other${i}`);
		const p = explainError(timedOut, { url, action: 'tools/call add', connectedElsewhere: others });
		expect(p.hints[0]).toContain(`5 other connected servers in this tab use ${url.origin}`);
		const elsewhere = others.map((o) => o.replace(url.origin, 'http://10.0.0.9:1'));
		const q = explainError(timedOut, { url, connectedElsewhere: elsewhere });
		expect(q.hints.join(' ')).not.toContain('connections');
	});

	it("turns the SDK's schema complaints into lines a person can read", () => {
		const issues = [
			{
				expected: 'object',
				code: 'invalid_type',
				path: ['capabilities'],
				message: 'Invalid input: expected object, received string'
			},
			{
				expected: 'string',
				code: 'invalid_type',
				path: ['serverInfo', 'name'],
				message: 'Invalid input: expected string, received number'
			}
		];
		const p = explainError(
			new Error(`Invalid result for initialize: ${JSON.stringify(issues, null, 2)}`),
			{ url }
		);
		expect(p.kind).toBe('protocol');
		expect(p.message).toBe(
			"The server's answer to initialize does not follow the MCP schema, so the SDK refused it."
		);
		expect(p.hints.slice(0, 2)).toEqual([
			'capabilities: expected object, received string',
			'serverInfo.name: expected string, received number'
		]);
	});

	it('reads the HTTP status of a legacy SSE stream error, not as a JSON-RPC code', () => {
		const sseError = Object.assign(new Error('SSE error: Non-200 status code (404)'), {
			code: 404,
			event: {}
		});
		const p = explainError(sseError, { url });
		expect(p.kind).toBe('http');
		expect(p.message).toContain('HTTP 404');
		expect(p.hints[0]).toMatch(/Check the path/);
		expect(
			explainError(Object.assign(new Error('x'), { code: 401, event: {} }), { url }).kind
		).toBe('auth');
		expect(
			explainError(Object.assign(new Error('Method not found'), { code: -32601 }), { url }).kind
		).toBe('protocol');
	});

	it('says so when the URL serves a web page', () => {
		const p = explainError(
			new Error(
				'Version negotiation probe failed: Unexpected content type: text/html; charset=utf-8'
			),
			{ url }
		);
		expect(p.message).toBe(
			'http://127.0.0.1:3001/mcp answers with a web page (text/html), not an MCP endpoint.'
		);
	});

	it('treats 401 and 403 as authorization problems', () => {
		expect(explainError(Object.assign(new Error('x'), { status: 401 }), { url }).kind).toBe('auth');
		expect(explainError(Object.assign(new Error('x'), { status: 403 }), { url }).kind).toBe('auth');
	});
});

describe('shouldFallBackToSse', () => {
	it.each([400, 404, 405])('falls back when the POST got %i', (status) => {
		expect(shouldFallBackToSse([http('POST', status)])).toBe(true);
	});
	it('falls back when a 2025 server answered the probe with 400 and initialize with 405', () => {
		expect(shouldFallBackToSse([http('POST', 400), http('POST', 405)])).toBe(true);
	});
	it.each([401, 403, 500])('does not fall back on %i', (status) => {
		expect(shouldFallBackToSse([http('POST', status)])).toBe(false);
	});
	it('does not fall back once a POST succeeded (initialize answered, the next POST refused)', () => {
		expect(shouldFallBackToSse([http('POST', 400), http('POST', 200), http('POST', 400)])).toBe(
			false
		);
	});
	it('never falls back after a 401, even when a later POST got 404', () => {
		expect(shouldFallBackToSse([http('POST', 401), http('POST', 404)])).toBe(false);
	});
	it('does not fall back on network errors', () => {
		expect(
			shouldFallBackToSse([http('POST', undefined, { error: 'TypeError: Failed to fetch' })])
		).toBe(false);
		expect(shouldFallBackToSse([])).toBe(false);
	});
});

describe('JSON-RPC errors from the server', () => {
	it('names the code once, without the SDK\'s "MCP error <code>:" prefix', () => {
		// What a -32042 from the reference "everything" server looked like: the code twice.
		const p = explainError(
			Object.assign(
				new Error('MCP error -32042: This request requires browser-based authorization.'),
				{ code: -32042 }
			),
			{ url }
		);
		expect(p.message).toBe(
			'The server returned JSON-RPC error -32042: This request requires browser-based authorization.'
		);
		const plain = explainError(Object.assign(new Error('Invalid resourceType'), { code: -32603 }), {
			url
		});
		expect(plain.message).toBe('The server returned JSON-RPC error -32603: Invalid resourceType');
	});
});

describe('transport errors and the unknown', () => {
	it('says what a transport error means, never its raw text alone', () => {
		expect(
			describeTransportError(new Error('SSE stream disconnected: TypeError: network error'))
		).toBe('The event stream from the server broke off; Loupe is trying to resume it.');
		expect(
			describeTransportError(new Error('Maximum reconnection attempts (2) exceeded.'))
		).toContain('could not resume the event stream');
		expect(describeTransportError(new Error('Failed to open SSE stream: Bad Gateway'))).toBe(
			'The server refused the event stream Loupe opens to hear from it (Bad Gateway); requests still work.'
		);
		expect(describeTransportError(new Error('something odd'))).toBe(
			'The connection reported a problem: something odd'
		);
	});

	it('an unknown failure names what Loupe was doing', () => {
		const p = explainError(new Error('boom'), {
			url: new URL('http://x/mcp'),
			action: 'tools/call a'
		});
		expect(p.message).toBe('Something unexpected went wrong during tools/call a: boom');
	});
});

describe('what the SDK refused, in sentences', () => {
	it('a received message that is no JSON-RPC message: the closest kind of message and what it lacks', () => {
		let refusal: unknown;
		try {
			parseJSONRPCMessage({ jsonrpc: '2.0', id: 1, error: { code: 'E_BAD', message: { x: 1 } } });
		} catch (error) {
			refusal = error;
		}
		const p = explainError(refusal, { url, action: 'tools/call error_weird' });
		expect(p.kind).toBe('protocol');
		expect(p.message).toBe(
			'A message from the server during tools/call error_weird is not a valid JSON-RPC message, so the SDK refused it.'
		);
		expect(p.hints).toContain('error.code: expected number, received string');
		expect(p.hints).toContain('error.message: expected string, received object');
		expect(p.message + p.hints.join(' ')).not.toContain('invalid_union');
	});

	it('a redirect, and a legacy endpoint on another origin, are said as what they are', () => {
		const redirect = explainError(
			new Error(
				"Error POSTing to endpoint: Redirect not followed: this runtime does not expose where it points (redirectPolicy: 'same-origin')"
			),
			{ url, action: 'connecting' }
		);
		expect(redirect.message).toBe(
			'The server answered connecting with a redirect, which Loupe does not follow: a redirect could take the request, and its headers, to another address.'
		);
		const elsewhere = explainError(
			new Error('Endpoint origin does not match connection origin: http://127.0.0.1:3622'),
			{ url, action: 'connecting' }
		);
		expect(elsewhere.message).toBe(
			'The legacy SSE server named a messages endpoint on another origin (http://127.0.0.1:3622); Loupe sends messages only to the origin it connected to.'
		);
		expect(
			explainError(new Error('Endpoint origin does not match connection origin: null'), { url })
				.message
		).toContain('(not a web address)');
	});

	it('a 404 inside a session says the server lost the session, not that the path is wrong', () => {
		const lost = explainError(Object.assign(new Error('Not Found'), { status: 404 }), {
			url,
			action: 'tools/call fine',
			lastHttp: http('POST', 404, { requestHeaders: { 'mcp-session-id': 'abc' } })
		});
		expect(lost.message).toBe(
			'The server answered HTTP 404 (not found) to tools/call fine: it does not know the session Loupe is in (Mcp-Session-Id), so it restarted or dropped it.'
		);
		expect(lost.hints.join(' ')).not.toContain('Check the path');
		const wrongPath = explainError(Object.assign(new Error('Not Found'), { status: 404 }), {
			url,
			action: 'connecting',
			lastHttp: http('POST', 404)
		});
		expect(wrongPath.hints.join(' ')).toContain('Check the path');
	});
});

describe('a URL typed without a scheme', () => {
	const message = (text: string) => {
		try {
			parseServerUrl(text);
		} catch (error) {
			return (error as ProblemError).problem.message;
		}
		return 'parsed';
	};
	it('suggests http:// for a loopback host and https:// elsewhere', () => {
		expect(message('localhost:3000/mcp')).toBe(
			'"localhost:3000/mcp" has no scheme. Did you mean http://localhost:3000/mcp?'
		);
		expect(message('127.0.0.1:3001/mcp')).toContain('Did you mean http://127.0.0.1:3001/mcp?');
		expect(message('[::1]:3001/mcp')).toContain('Did you mean http://[::1]:3001/mcp?');
		expect(message('example.com/mcp')).toContain('Did you mean https://example.com/mcp?');
		expect(message('mcp.example.com:8443/mcp')).toContain(
			'Did you mean https://mcp.example.com:8443/mcp?'
		);
	});
	it('keeps the stdio advice for real other schemes', () => {
		expect(message('file:///usr/bin/server')).toContain('not file:');
	});
});
