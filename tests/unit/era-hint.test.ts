/**
 * The era hint (core/era-hint.ts, connect.ts): a server whose 2025 era the tab already learned is
 * connected to without the server/discover probe, and the rule never keeps Loupe on an older era
 * than the server offers for long. Against the real demo server and a real 2026-only server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMcpHandler } from '@modelcontextprotocol/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDemoServer } from './demo-fixture';
import { createDemoMcpServer } from '../servers/mcp-server';
import { serveFetch } from '../servers/node-http';
import { McpSession } from '../../src/lib/core/session';
import { ProblemError } from '../../src/lib/core/errors';
import {
	eraHint,
	learnedEra,
	readEraMemory,
	LEGACY_HINT_MAX_AGE_MS,
	type EraMemory
} from '../../src/lib/core/era-hint';
import {
	TrafficRecorder,
	type HttpEntry,
	type MessageEntry,
	type TrafficItem
} from '../../src/lib/core/traffic';
import { listTools } from '../../src/lib/core/tools';

const demo = useDemoServer();
/** A server that speaks only 2026-07-28 (refuses initialize): what a 2025-era server may become. */
let modernOnly: { server: Server; url: string; close(): Promise<void> };

beforeAll(async () => {
	const handler = createMcpHandler(() => createDemoMcpServer(), { legacy: 'reject' });
	const server = createServer((req, res) => void serveFetch(req, res, handler.fetch));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
	modernOnly = {
		server,
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`,
		close: async () => {
			await handler.close();
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
});
afterAll(async () => {
	await modernOnly?.close();
});

function open(
	url: string,
	eraHint: 'legacy' | 'modern' | undefined,
	transport: 'auto' | 'streamable-http' | 'sse' = 'auto'
) {
	const recorder = new TrafficRecorder();
	const entries: TrafficItem[] = [];
	recorder.subscribe((e, change) => change === 'added' && entries.push(e));
	const sessionPromise = McpSession.open({
		url: new URL(url),
		transport,
		recorder,
		timeoutMs: 10_000,
		eraHint
	});
	return { entries, sessionPromise };
}
const sentMethods = (entries: TrafficItem[]) =>
	entries
		.filter((e): e is MessageEntry => e.type === 'message' && e.direction === 'sent')
		.map((m) => m.method);
const posts = (entries: TrafficItem[]) =>
	entries.filter((e): e is HttpEntry => e.type === 'http' && e.method === 'POST');

describe('the era rule', () => {
	const now = 1_000_000_000;
	const legacy = (age: number): EraMemory => ({ era: 'legacy', learnedAt: now - age });

	it('skips the probe only for a 2025 era learned less than the maximum age ago', () => {
		expect(eraHint(legacy(0), now)).toBe('legacy');
		expect(eraHint(legacy(LEGACY_HINT_MAX_AGE_MS - 1), now)).toBe('legacy');
		expect(eraHint(legacy(LEGACY_HINT_MAX_AGE_MS), now)).toBeUndefined();
		// A clock that went backwards does not make a memory last for ever.
		expect(eraHint(legacy(-60_000), now)).toBeUndefined();
		// The 2026 era's probe is its handshake: nothing to skip.
		expect(eraHint({ era: 'modern', learnedAt: now }, now)).toBeUndefined();
		expect(eraHint(undefined, now)).toBeUndefined();
	});

	it('learns only from a full negotiation, never from a connect that used the hint', () => {
		expect(learnedEra({ era: 'legacy', eraFrom: 'negotiation' }, now)).toEqual({
			era: 'legacy',
			learnedAt: now
		});
		expect(learnedEra({ era: 'modern', eraFrom: 'negotiation' }, now)).toEqual({
			era: 'modern',
			learnedAt: now
		});
		expect(learnedEra({ era: 'legacy', eraFrom: 'hint' }, now)).toBeUndefined();
		expect(learnedEra({ era: 'legacy', eraFrom: 'transport' }, now)).toBeUndefined();
	});

	it('reads back only well-formed memories', () => {
		expect(readEraMemory({ era: 'legacy', learnedAt: 5 })).toEqual({ era: 'legacy', learnedAt: 5 });
		expect(readEraMemory({ era: 'ancient', learnedAt: 5 })).toBeUndefined();
		expect(readEraMemory({ era: 'legacy', learnedAt: '5' })).toBeUndefined();
		expect(readEraMemory('legacy')).toBeUndefined();
	});
});

describe('connecting with an era hint', () => {
	it('sends initialize at once to a 2025-era server with a legacy hint: no server/discover', async () => {
		const { entries, sessionPromise } = open(`${demo.url}/mcp-legacy`, 'legacy');
		const session = await sessionPromise;
		expect(session.details.era).toBe('legacy');
		expect(session.details.eraFrom).toBe('hint');
		expect(sentMethods(entries)).not.toContain('server/discover');
		expect(sentMethods(entries)[0]).toBe('initialize');
		expect(posts(entries).every((e) => e.status !== undefined && e.status < 300)).toBe(true);
		const { items: tools } = await listTools(session);
		expect(tools.map((t) => t.name)).toContain('echo');
		await session.close();
	});

	it('without a hint, probes first and says the era was negotiated (what the tab then remembers)', async () => {
		const { entries, sessionPromise } = open(`${demo.url}/mcp-legacy`, undefined);
		const session = await sessionPromise;
		expect(sentMethods(entries)[0]).toBe('server/discover');
		expect(session.details.eraFrom).toBe('negotiation');
		expect(eraHint(learnedEra(session.details, Date.now()), Date.now())).toBe('legacy');
		await session.close();
	});

	it('a stale legacy hint for a server that now offers 2026-07-28 as well: 2025 era while fresh, then re-learned', async () => {
		// Within the hint's age, Loupe speaks the era it learned (the server still accepts it).
		const hinted = open(`${demo.url}/mcp`, 'legacy');
		const first = await hinted.sessionPromise;
		expect(first.details.era).toBe('legacy');
		expect(first.details.eraFrom).toBe('hint');
		await first.close();
		// Past it, the hint is gone, the next connect negotiates and learns 'modern', which gives no shortcut.
		const memory: EraMemory = { era: 'legacy', learnedAt: Date.now() - LEGACY_HINT_MAX_AGE_MS };
		const next = open(`${demo.url}/mcp`, eraHint(memory, Date.now()));
		const second = await next.sessionPromise;
		expect(second.details.era).toBe('modern');
		expect(second.details.eraFrom).toBe('negotiation');
		expect(sentMethods(next.entries)[0]).toBe('server/discover');
		const learned = learnedEra(second.details, Date.now());
		expect(learned?.era).toBe('modern');
		expect(eraHint(learned, Date.now())).toBeUndefined();
		await second.close();
	});

	it('falls back to full negotiation at once when a 2026-only server refuses the hinted initialize', async () => {
		const { entries, sessionPromise } = open(modernOnly.url, 'legacy');
		const session = await sessionPromise;
		expect(session.details.era).toBe('modern');
		expect(session.details.eraFrom).toBe('negotiation');
		// Nothing hidden: the refused initialize is in the traffic, then the negotiation.
		const methods = sentMethods(entries);
		expect(methods[0]).toBe('initialize');
		expect(methods).toContain('server/discover');
		expect(posts(entries)[0].status).toBeGreaterThanOrEqual(400);
		const { items: tools } = await listTools(session);
		expect(tools.map((t) => t.name)).toContain('echo');
		await session.close();
	});

	it('ignores a modern hint (the probe is the handshake)', async () => {
		const { entries, sessionPromise } = open(`${demo.url}/mcp-legacy`, 'modern');
		const session = await sessionPromise;
		expect(sentMethods(entries)[0]).toBe('server/discover');
		expect(session.details.eraFrom).toBe('negotiation');
		await session.close();
	});

	it('still falls back to legacy SSE on auto for an SSE endpoint', async () => {
		const { sessionPromise } = open(`${demo.url}/sse`, 'legacy');
		const session = await sessionPromise;
		expect(session.details.transport).toBe('sse');
		expect(session.details.eraFrom).toBe('transport');
		await session.close();
	});

	it('does not negotiate again after an authorization challenge to the hinted initialize', async () => {
		const { entries, sessionPromise } = open(`${demo.url}/mcp-token`, 'legacy', 'streamable-http');
		const error = await sessionPromise.catch((e) => e);
		expect(error).toBeInstanceOf(ProblemError);
		expect(posts(entries).map((e) => e.status)).toEqual([401]);
		expect(sentMethods(entries)).not.toContain('server/discover');
	});
});
