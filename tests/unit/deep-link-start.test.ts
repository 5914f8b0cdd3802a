/**
 * Opening the address bar's deep link (deep-link-start.ts): early, before the page renders, for a
 * link that connects, and from the page otherwise; against the real demo server.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	openDeepLink,
	openDeepLinkEarly,
	takeEarlyWorkspace
} from '../../src/lib/features/workspace/deep-link-start';
import { Workspace } from '../../src/lib/features/workspace/workspace.svelte';
import { readDeepLink } from '../../src/lib/features/connection/deep-link';
import { useDemoServer } from './demo-fixture';
import { memoryStorage } from './memory-storage';

const demo = useDemoServer();

const link = (query: Record<string, string | string[]>) => {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(query))
		for (const value of [v].flat()) params.append(k, value);
	return readDeepLink(new URL(`http://127.0.0.1:4173/?${params}`));
};

beforeEach(() => {
	vi.stubGlobal('sessionStorage', memoryStorage());
	vi.stubGlobal('location', new URL('http://127.0.0.1:4173/'));
});
afterEach(() => vi.unstubAllGlobals());

describe('openDeepLinkEarly', () => {
	it('opens every server of a link that connects and has the first request under way when it returns', async () => {
		const legacy = `${demo.url}/mcp-legacy`;
		const dual = `${demo.url}/mcp`;
		// Waits long enough for a loaded machine: the first request is always under way on return.
		await openDeepLinkEarly(
			link({ server: [legacy, dual], transport: 'streamable-http', connect: '1', tool: 'echo' }),
			10_000,
			10_000
		);
		const early = takeEarlyWorkspace();
		expect(early?.tool).toBe('echo');
		const { workspace } = early!;
		const [first, second] = workspace.entries;
		try {
			expect(workspace.entries.map((e) => e.stores.connection.url)).toEqual([legacy, dual]);
			expect(workspace.selected).toBe(first);
			expect(first.stores.connection.transport).toBe('streamable-http');
			// The code was ready, so both connections already sent their first request.
			for (const entry of [first, second]) {
				expect(entry.stores.connection.status).toBe('connecting');
				entry.stores.log.flush();
				expect(entry.stores.log.entries.some((e) => e.type === 'http')).toBe(true);
			}
			const slow = { timeout: 15_000 };
			await expect.poll(() => first.stores.connection.status, slow).toBe('connected');
			await expect.poll(() => second.stores.connection.status, slow).toBe('connected');
			await expect.poll(() => first.stores.tools.listing.items.length, slow).toBeGreaterThan(3);
		} finally {
			for (const entry of workspace.entries) entry.stores.connection.disconnect();
		}
		// Taken once: the page makes its own workspace when there is none.
		expect(takeEarlyWorkspace()).toBeUndefined();
	});

	it('does not hold the page for a connection that fails before sending anything', async () => {
		// Waits of a minute each: only the failed connect can end the wait within the test's time.
		await openDeepLinkEarly(link({ server: 'not a url', connect: '1' }), 60_000, 60_000);
		const { workspace } = takeEarlyWorkspace()!;
		expect(workspace.selected.stores.connection.status).toBe('error');
		expect(workspace.selected.stores.connection.problem?.message).toMatch(/url/i);
	});
});

describe('openDeepLink', () => {
	it('opens the servers without connecting when the link does not say so, and names its tool', () => {
		const workspace = new Workspace(memoryStorage());
		const url = `${demo.url}/mcp-legacy`;
		expect(openDeepLink(workspace, link({ server: url, tool: 'add' }))).toBe('add');
		expect(workspace.selected.stores.connection.url).toBe(url);
		expect(workspace.selected.stores.connection.status).toBe('disconnected');
		// The same server again selects its entry instead of adding one.
		openDeepLink(workspace, link({ server: url }));
		expect(workspace.entries).toHaveLength(1);
	});
});
