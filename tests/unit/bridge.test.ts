/**
 * The bridge in front of a stdio server (tests/servers/stdio-recorder.ts), over real HTTP: every
 * refused request (no token, a wrong one, a foreign Origin or Host, a foreign preflight) is
 * refused and starts nothing; with the token the command starts once, whatever is asked, and
 * messages flow both ways unchanged, stderr included.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	messagesIn,
	rpc,
	runBridge,
	send,
	type RawRequest,
	type RunningBridge
} from './bridge-helpers';

const LOUPE = 'http://127.0.0.1:4999';
const FOREIGN = 'http://evil.example';
const INIT = {
	protocolVersion: '2025-11-25',
	capabilities: {},
	clientInfo: { name: 'bridge-test', version: '1' }
};

let dir: string;
let recordFile: string;
let bridge: RunningBridge;
/** What the stdio server recorded: `start …` and `in …` lines. */
const recorded = () =>
	existsSync(recordFile) ? readFileSync(recordFile, 'utf8').trim().split('\n') : [];
const starts = () => recorded().filter((l) => l.startsWith('start '));
const auth = () => ({
	authorization: `Bearer ${bridge.token}`,
	origin: LOUPE,
	accept: 'application/json, text/event-stream'
});

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'loupe-bridge-test-'));
	recordFile = join(dir, 'record.txt');
	bridge = await runBridge(
		[
			'--loupe',
			`${LOUPE}/`,
			'--env',
			`RECORD_FILE=${recordFile}`,
			'--env',
			'EXTRA=from --env',
			process.execPath,
			'--import',
			'tsx',
			'tests/servers/stdio-recorder.ts'
		],
		{ BRIDGE_TEST_INHERITED: 'inherited' }
	);
});
afterAll(async () => {
	await bridge?.stop();
	await rm(dir, { recursive: true, force: true });
});

/** The probes a bridge must refuse, each marked so the server's record would show it. */
function refusedProbes(mark: string): { name: string; status: number; req: RawRequest }[] {
	const body = (name: string) => rpc(`${mark}-${name}`, `probe/${mark}/${name}`);
	const token = bridge.token;
	const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
	const base = { origin: LOUPE, accept: 'application/json, text/event-stream' };
	return [
		{ name: 'no token', status: 401, req: { headers: base, body: body('no-token') } },
		{
			name: 'a wrong token',
			status: 401,
			req: { headers: { ...base, authorization: `Bearer ${wrong}` }, body: body('wrong') }
		},
		{
			name: 'the token without Bearer',
			status: 401,
			req: { headers: { ...base, authorization: token }, body: body('no-scheme') }
		},
		{
			name: 'the token in the --to header',
			status: 401,
			req: { headers: { ...base, 'x-loupe-bridge-token': token }, body: body('other-header') }
		},
		{
			name: 'a foreign Origin',
			status: 403,
			req: {
				headers: { ...base, origin: FOREIGN, authorization: `Bearer ${token}` },
				body: body('origin')
			}
		},
		{
			name: 'Origin null',
			status: 403,
			req: {
				headers: { ...base, origin: 'null', authorization: `Bearer ${token}` },
				body: body('null-origin')
			}
		},
		{
			name: 'a foreign Host (DNS rebinding)',
			status: 403,
			req: {
				host: `rebind.example:${bridge.endpoint.port}`,
				headers: { ...base, authorization: `Bearer ${token}` },
				body: body('host')
			}
		},
		{
			name: 'a loopback Host on another port',
			status: 403,
			req: {
				host: '127.0.0.1:1',
				headers: { ...base, authorization: `Bearer ${token}` },
				body: body('port')
			}
		},
		{
			name: 'a foreign preflight',
			status: 403,
			req: {
				method: 'OPTIONS',
				headers: {
					origin: FOREIGN,
					'access-control-request-method': 'POST',
					'access-control-request-headers': 'authorization, content-type'
				}
			}
		},
		{
			name: 'a preflight to a foreign Host',
			status: 403,
			req: {
				method: 'OPTIONS',
				host: `rebind.example:${bridge.endpoint.port}`,
				headers: { origin: LOUPE, 'access-control-request-method': 'POST' }
			}
		}
	];
}

describe('the bridge in front of a stdio server', () => {
	it('refuses every probe without the token, from elsewhere or for another host, and starts nothing', async () => {
		for (const probe of refusedProbes('before')) {
			const res = await send(bridge.endpoint, probe.req);
			expect(res.status, probe.name).toBe(probe.status);
			expect(res.body, probe.name).toMatch(/Loupe bridge/);
			// A page elsewhere learns nothing: no CORS headers for a foreign origin or host.
			if (probe.status === 403)
				expect(res.headers['access-control-allow-origin'], probe.name).toBeUndefined();
		}
		expect(recorded()).toEqual([]);
		expect(bridge.stderr()).toMatch(/Refused POST \/mcp from http:\/\/evil\.example/);
	});

	it('tells Loupe why it refused (CORS on a 401 for its origin), and answers Loupe’s preflight with every MCP header', async () => {
		const noToken = await send(bridge.endpoint, {
			headers: { origin: LOUPE },
			body: rpc(1, 'ping')
		});
		expect(noToken.status).toBe(401);
		expect(noToken.headers['access-control-allow-origin']).toBe(LOUPE);
		expect(noToken.body).toContain('open Loupe with the link the bridge printed');
		// Marked as the bridge's own refusal, readable by the page: Loupe says "open the link again", not "sign in".
		expect(noToken.headers['x-loupe-bridge']).toBe('token-required');
		expect(noToken.headers['access-control-expose-headers']).toContain('x-loupe-bridge');
		const asked =
			'authorization, content-type, mcp-protocol-version, mcp-session-id, last-event-id, mcp-method, mcp-name, x-api-key';
		const preflight = await send(bridge.endpoint, {
			method: 'OPTIONS',
			headers: {
				origin: LOUPE,
				'access-control-request-method': 'DELETE',
				'access-control-request-headers': asked
			}
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers['access-control-allow-origin']).toBe(LOUPE);
		expect(preflight.headers['access-control-allow-methods']).toContain('DELETE');
		expect(preflight.headers['access-control-allow-headers']).toBe(asked);
		expect(recorded()).toEqual([]);
	});

	it('with the token, starts the command once and relays the handshake both ways as it came', async () => {
		const res = await send(bridge.endpoint, { headers: auth(), body: rpc(0, 'initialize', INIT) });
		expect(res.status).toBe(200);
		expect(res.headers['content-type']).toBe('text/event-stream');
		expect(res.headers['access-control-allow-origin']).toBe(LOUPE);
		expect(res.headers['access-control-expose-headers']).toContain('mcp-session-id');
		const session = String(res.headers['mcp-session-id']);
		expect(session).toMatch(/^[0-9a-f-]{36}$/);
		expect(messagesIn(res.body).at(-1)).toMatchObject({
			id: 0,
			result: { serverInfo: { name: 'stdio-recorder' } }
		});
		expect(starts()).toHaveLength(1);
		expect(recorded()).toContain(`in ${rpc(0, 'initialize', INIT)}`);
		// A notification is accepted with 202 and reaches the server.
		const initialized = await send(bridge.endpoint, {
			headers: { ...auth(), 'mcp-session-id': session },
			body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })
		});
		expect(initialized.status).toBe(202);
		expect(recorded().at(-1)).toContain('notifications/initialized');
	});

	it('gives the server the bridge’s environment plus --env', async () => {
		const call = (name: string) =>
			send(bridge.endpoint, {
				headers: auth(),
				body: rpc(`env-${name}`, 'tools/call', { name: 'env', arguments: { name } })
			});
		expect(
			messagesIn((await call('BRIDGE_TEST_INHERITED')).body).at(-1).result.content[0].text
		).toBe('BRIDGE_TEST_INHERITED=inherited');
		expect(messagesIn((await call('EXTRA')).body).at(-1).result.content[0].text).toBe(
			'EXTRA=from --env'
		);
	});

	it('sends progress on the call’s own stream, and stderr and stray stdout lines to the GET stream as log lines', async () => {
		const init = await send(bridge.endpoint, { headers: auth(), body: rpc(0, 'initialize', INIT) });
		const session = String(init.headers['mcp-session-id']);
		const progress = await send(bridge.endpoint, {
			headers: auth(),
			body: rpc('p1', 'tools/call', {
				name: 'progress',
				arguments: {},
				_meta: { progressToken: 'tok-1' }
			})
		});
		expect(messagesIn(progress.body).map((m) => m.method ?? m.id)).toEqual([
			'notifications/progress',
			'p1'
		]);

		const events: string[] = [];
		let getStream: import('node:http').IncomingMessage | undefined;
		const get = send(
			bridge.endpoint,
			{
				method: 'GET',
				headers: { ...auth(), accept: 'text/event-stream', 'mcp-session-id': session }
			},
			(res) => {
				getStream = res;
				res.on('data', (d) => events.push(String(d)));
			}
		);
		await expect.poll(() => getStream?.statusCode).toBe(200);
		await send(bridge.endpoint, {
			headers: auth(),
			body: rpc('n1', 'tools/call', { name: 'noise', arguments: {} })
		});
		await expect.poll(() => events.join('')).toContain('noise on stderr');
		await expect.poll(() => events.join('')).toContain('this line is not JSON');
		const logs = messagesIn(events.join('')).filter((m) => m.method === 'notifications/message');
		expect(logs).toContainEqual({
			jsonrpc: '2.0',
			method: 'notifications/message',
			params: { level: 'info', logger: 'stderr', data: 'stdio-recorder: noise on stderr' }
		});
		expect(logs).toContainEqual(
			expect.objectContaining({
				params: expect.objectContaining({
					logger: 'stdout (not JSON)',
					data: 'this line is not JSON'
				})
			})
		);

		// The server's own request reaches the client on the GET stream; the client's answer reaches the server.
		const rootsCall = send(bridge.endpoint, {
			headers: auth(),
			body: rpc('r1', 'tools/call', { name: 'roots', arguments: {} })
		});
		await expect.poll(() => events.join('')).toContain('roots/list');
		const ask = messagesIn(events.join('')).find((m) => m.method === 'roots/list');
		const answer = await send(bridge.endpoint, {
			headers: { ...auth(), 'mcp-session-id': session },
			body: JSON.stringify({
				jsonrpc: '2.0',
				id: ask.id,
				result: { roots: [{ uri: 'file:///tmp' }] }
			})
		});
		expect(answer.status).toBe(202);
		expect(messagesIn((await rootsCall).body).at(-1).result.content[0].text).toBe('roots: 1');

		// DELETE ends the session: its GET stream ends, its id is no longer served.
		expect(
			(
				await send(bridge.endpoint, {
					method: 'DELETE',
					headers: { ...auth(), 'mcp-session-id': session }
				})
			).status
		).toBe(200);
		await get;
		expect(
			(
				await send(bridge.endpoint, {
					headers: { ...auth(), 'mcp-session-id': session },
					body: rpc(9, 'ping')
				})
			).status
		).toBe(404);
		expect(starts()).toHaveLength(1);
	});

	it('runs nothing but its command, however it is asked', async () => {
		const marker = join(dir, 'pwned');
		const asks = [
			{ method: 'GET', path: `/stdio?command=touch&args=${encodeURIComponent(marker)}` },
			{
				method: 'GET',
				path: `/sse?transportType=stdio&command=touch&args=${encodeURIComponent(marker)}`
			},
			{
				method: 'POST',
				path: `/mcp?command=touch&args=${encodeURIComponent(marker)}`,
				body: rpc('cmd', 'ping')
			},
			{
				method: 'POST',
				body: rpc('cmd2', 'tools/call', {
					name: 'env',
					arguments: { name: 'PATH' },
					command: 'touch',
					args: [marker]
				})
			}
		];
		for (const ask of asks) {
			const res = await send(bridge.endpoint, {
				...ask,
				headers: { ...auth(), accept: 'application/json, text/event-stream' }
			});
			expect([200, 404], `${ask.method} ${ask.path ?? '/mcp'}`).toContain(res.status);
		}
		expect(existsSync(marker)).toBe(false);
		expect(starts()).toEqual([starts()[0]]);
		expect(starts()[0]).toContain('tests/servers/stdio-recorder.ts');
	});

	it('lets no refused request reach the running server', async () => {
		for (const probe of refusedProbes('after'))
			expect((await send(bridge.endpoint, probe.req)).status, probe.name).toBe(probe.status);
		expect(recorded().filter((l) => l.includes('probe/'))).toEqual([]);
		expect(starts()).toHaveLength(1);
	});

	// Read from the kernel's table of sockets, which Linux has (CI does); elsewhere there is nothing to read.
	it.skipIf(!existsSync('/proc/net/tcp'))('listens on the loopback interface only', () => {
		// The listening sockets on the bridge's port: one, bound to 127.0.0.1.
		const port = Number(bridge.endpoint.port).toString(16).toUpperCase().padStart(4, '0');
		const listening = ['/proc/net/tcp', '/proc/net/tcp6']
			.filter(existsSync)
			.flatMap((f) => readFileSync(f, 'utf8').trim().split('\n').slice(1))
			.map((l) => l.trim().split(/\s+/))
			.filter(([, local, , state]) => local.endsWith(`:${port}`) && state === '0A')
			.map(([, local]) => local.split(':')[0]);
		expect(listening).toEqual(['0100007F']);
	});

	it('when the server exits, its open requests end at once with a word why, and the next request starts the same command again', async () => {
		const init = await send(bridge.endpoint, { headers: auth(), body: rpc(0, 'initialize', INIT) });
		const session = String(init.headers['mcp-session-id']);
		const call = await send(bridge.endpoint, {
			headers: auth(),
			body: rpc('x1', 'tools/call', { name: 'exit', arguments: {} })
		});
		const got = messagesIn(call.body);
		expect(got.find((m) => m.id === 'x1')).toBeUndefined();
		expect(got).toContainEqual(
			expect.objectContaining({
				params: expect.objectContaining({
					level: 'error',
					logger: 'bridge',
					data: expect.stringContaining('The server stopped (exit code 3)')
				})
			})
		);
		expect(bridge.stderr()).toContain('The server stopped (exit code 3)');
		// Its session went with it; a new handshake starts the command again, the same one.
		expect(
			(
				await send(bridge.endpoint, {
					headers: { ...auth(), 'mcp-session-id': session },
					body: rpc(1, 'ping')
				})
			).status
		).toBe(404);
		const again = await send(bridge.endpoint, {
			headers: auth(),
			body: rpc(0, 'initialize', INIT)
		});
		expect(messagesIn(again.body).at(-1)).toMatchObject({
			id: 0,
			result: { serverInfo: { name: 'stdio-recorder' } }
		});
		expect(starts()).toHaveLength(2);
		expect(starts()[1]).toBe(starts()[0]);
	});
});
