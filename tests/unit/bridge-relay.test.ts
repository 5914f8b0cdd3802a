/**
 * The bridge in front of an HTTP server (`--to`), over real HTTP: a raw upstream here records
 * what reaches it. The person's Authorization and the MCP headers pass unchanged, the bridge's
 * token and the browser's Origin do not; answers stream through as they come (SSE with event
 * ids, resumption with Last-Event-ID), with CORS for Loupe; refused requests never reach it.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rpc, runBridge, send, type RawRequest, type RunningBridge } from './bridge-helpers';

const LOUPE = 'http://127.0.0.1:4999';

interface Seen {
	method: string;
	url: string;
	headers: IncomingHttpHeaders;
	body: string;
}
let upstream: Server;
let upstreamUrl: string;
const seen: Seen[] = [];
/** Lets the upstream's streamed answer go on (its second event). */
let release: () => void = () => {};
let bridge: RunningBridge;

beforeAll(async () => {
	upstream = createServer(async (req, res) => {
		let body = '';
		for await (const chunk of req) body += chunk;
		seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
		// Like a server that lets no browser in, but says * (the bridge must put its own CORS instead).
		const headers = {
			'access-control-allow-origin': '*',
			'mcp-session-id': 'upstream-session',
			'x-upstream': 'yes'
		};
		if (req.method === 'GET') {
			res.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
			return res.end(
				`id: e2\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/resumed', params: { after: req.headers['last-event-id'] } })}\n\n`
			);
		}
		if (JSON.parse(body).method === 'tools/call') {
			res.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
			res.write(
				`id: e1\ndata: ${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/progress', params: { progressToken: 1, progress: 1 } })}\n\n`
			);
			await new Promise<void>((r) => (release = r));
			return res.end(
				`id: e2\ndata: ${JSON.stringify({ jsonrpc: '2.0', id: 2, result: { content: [] } })}\n\n`
			);
		}
		if (req.headers.authorization !== 'Bearer person-token') {
			res.writeHead(401, {
				'www-authenticate':
					'Bearer resource_metadata="https://upstream.example/.well-known/oauth-protected-resource"'
			});
			return res.end();
		}
		res.writeHead(200, { ...headers, 'content-type': 'application/json' });
		res.end(JSON.stringify({ jsonrpc: '2.0', id: JSON.parse(body).id, result: {} }));
	});
	await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
	upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/api/mcp`;
	bridge = await runBridge(['--loupe', `${LOUPE}/`, '--to', upstreamUrl]);
});
afterAll(async () => {
	await bridge?.stop();
	upstream?.closeAllConnections();
	await new Promise((r) => upstream?.close(r));
});

const base = () => ({
	origin: LOUPE,
	'x-loupe-bridge-token': bridge.token,
	accept: 'application/json, text/event-stream'
});

describe('the bridge in front of an HTTP server (--to)', () => {
	it('serves the server’s own path, and says so in the link', () => {
		expect(bridge.endpoint.pathname).toBe('/api/mcp');
		expect(bridge.link).toContain('bridge-header=x-loupe-bridge-token');
	});

	it('passes the person’s Authorization and the MCP headers through unchanged, and keeps its token, Origin and cookies to itself', async () => {
		const headers = {
			...base(),
			authorization: 'Bearer person-token',
			'mcp-session-id': 'upstream-session',
			'mcp-protocol-version': '2025-11-25',
			'mcp-method': 'ping',
			'x-api-key': 'custom',
			cookie: 'other-local-app=secret'
		};
		const res = await send(bridge.endpoint, { headers, body: rpc(1, 'ping') });
		expect(res.status).toBe(200);
		expect(JSON.parse(res.body)).toEqual({ jsonrpc: '2.0', id: 1, result: {} });
		const got = seen.at(-1)!;
		expect(got.url).toBe('/api/mcp');
		expect(got.body).toBe(rpc(1, 'ping'));
		expect(got.headers).toMatchObject({
			authorization: 'Bearer person-token',
			'mcp-session-id': 'upstream-session',
			'mcp-protocol-version': '2025-11-25',
			'mcp-method': 'ping',
			'x-api-key': 'custom'
		});
		expect(got.headers.host).toBe(new URL(upstreamUrl).host);
		for (const name of ['x-loupe-bridge-token', 'origin', 'cookie'])
			expect(got.headers[name], name).toBeUndefined();
		// Loupe may read every header the server sent; the server's own CORS answer is replaced.
		expect(res.headers['access-control-allow-origin']).toBe(LOUPE);
		expect(String(res.headers['access-control-expose-headers']).split(', ')).toEqual(
			expect.arrayContaining(['mcp-session-id', 'x-upstream', 'www-authenticate'])
		);
		expect(res.headers['mcp-session-id']).toBe('upstream-session');
	});

	it('passes the server’s 401 and its WWW-Authenticate on as they are', async () => {
		const res = await send(bridge.endpoint, { headers: base(), body: rpc(3, 'ping') });
		expect(res.status).toBe(401);
		expect(res.headers['www-authenticate']).toContain(
			'resource_metadata="https://upstream.example/'
		);
		expect(res.headers['access-control-allow-origin']).toBe(LOUPE);
	});

	it('streams an answer as it comes (the first event before the server has finished), event ids included', async () => {
		let firstChunk = '';
		const answer = send(
			bridge.endpoint,
			{ headers: base(), body: rpc(2, 'tools/call', { name: 'slow' }) },
			(res) => res.once('data', (d) => (firstChunk = String(d)))
		);
		await expect.poll(() => firstChunk).toContain('id: e1');
		expect(firstChunk).not.toContain('id: e2');
		release();
		const res = await answer;
		expect(res.body).toContain('id: e2');
	});

	it('resumes: GET with Last-Event-ID reaches the server', async () => {
		const res = await send(bridge.endpoint, {
			method: 'GET',
			headers: {
				...base(),
				accept: 'text/event-stream',
				'last-event-id': 'e1',
				'mcp-session-id': 'upstream-session'
			}
		});
		expect(res.body).toContain('"after":"e1"');
		expect(seen.at(-1)!.headers['last-event-id']).toBe('e1');
	});

	it('lets no refused request reach the server: its token in Authorization, none, a foreign Origin or Host', async () => {
		const before = seen.length;
		const probes: (RawRequest & { status: number })[] = [
			{ headers: { origin: LOUPE, authorization: `Bearer ${bridge.token}` }, status: 401 },
			{ headers: { origin: LOUPE }, status: 401 },
			{ headers: { ...base(), origin: 'http://evil.example' }, status: 403 },
			{ headers: base(), host: `rebind.example:${bridge.endpoint.port}`, status: 403 }
		];
		for (const probe of probes)
			expect((await send(bridge.endpoint, { ...probe, body: rpc(5, 'ping') })).status).toBe(
				probe.status
			);
		const preflight = await send(bridge.endpoint, {
			method: 'OPTIONS',
			headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' }
		});
		expect(preflight.status).toBe(403);
		expect(seen.length).toBe(before);
	});

	it('says in a sentence when the server cannot be reached', async () => {
		const closed = createServer();
		await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((r) => closed.close(r));
		const gone = await runBridge(['--loupe', `${LOUPE}/`, '--to', `http://127.0.0.1:${port}/mcp`]);
		try {
			const res = await send(gone.endpoint, {
				headers: { origin: LOUPE, 'x-loupe-bridge-token': gone.token },
				body: rpc(1, 'ping')
			});
			expect(res.status).toBe(502);
			expect(res.body).toBe(`The bridge could not reach http://127.0.0.1:${port} (ECONNREFUSED).`);
			expect(res.headers['access-control-allow-origin']).toBe(LOUPE);
		} finally {
			await gone.stop();
		}
	});
});
