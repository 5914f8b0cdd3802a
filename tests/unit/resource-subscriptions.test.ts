/**
 * Resource subscriptions in the 2026-07-28 era: the Resources store asks the Server panel's
 * subscriptions/listen stream for the URIs, against the real demo server; and what the store
 * says when the stream does not honour a URI or cannot be opened.
 */
import { describe, expect, it } from 'vitest';
import type { Notification } from '@modelcontextprotocol/client';
import { useDemoServer } from './demo-fixture';
import { COUNTER_URI } from '../servers/resources';
import { McpSession } from '../../src/lib/core/session';
import { TrafficRecorder } from '../../src/lib/core/traffic';
import {
	ResourcesState,
	type ResourceUpdatesSource
} from '../../src/lib/features/resources/resources.svelte';
import { ServerChecksState } from '../../src/lib/features/connection/server-checks.svelte';
import type {
	ConnectionState,
	SessionListener
} from '../../src/lib/features/connection/connection.svelte';

function fakeConnection() {
	const listeners: SessionListener[] = [];
	const connection = {
		listen: (l: SessionListener) => listeners.push(l)
	} as unknown as ConnectionState;
	return { connection, listeners };
}

const demo = useDemoServer();

describe('2026 era resource subscriptions through subscriptions/listen', () => {
	it('subscribing reopens the listen stream with the URI; updates mark the resource; unsubscribing drops it', async () => {
		const { connection, listeners } = fakeConnection();
		const checks = new ServerChecksState(connection);
		const resources = new ResourcesState(connection, checks);
		const session = await McpSession.open(
			{
				url: new URL(demo.url + '/mcp'),
				transport: 'auto',
				recorder: new TrafficRecorder(),
				timeoutMs: 10_000
			},
			{ onNotification: (n: Notification) => listeners.forEach((l) => l.notification?.(n)) }
		);
		try {
			expect(session.details.era).toBe('modern');
			listeners.forEach((l) => l.ready?.(session));
			expect(resources.subscribeSupport).toEqual({ ok: true, via: 'listen' });
			await expect.poll(() => checks.listenStatus).toBe('open');

			await resources.setSubscribed(COUNTER_URI, true);
			expect(resources.subscribeProblems).toEqual({});
			expect(resources.subscribed).toEqual([COUNTER_URI]);
			expect(resources.listenHonored).toEqual([COUNTER_URI]);
			expect(checks.listenText).toContain('updates to 1 resource(s)');
			await expect.poll(() => resources.updated[COUNTER_URI], { timeout: 5000 }).toBeTruthy();

			await resources.setSubscribed(COUNTER_URI, false);
			expect(resources.subscribed).toEqual([]);
			expect(resources.listenHonored).toEqual([]);
			expect(checks.listenStatus).toBe('open');
			expect(checks.listenText).not.toContain('resource(s)');
		} finally {
			listeners.forEach((l) => l.ended?.('closed'));
			await session.close();
		}
	});
});

describe('what the Resources store says about the listen stream', () => {
	function modernResources(source: ResourceUpdatesSource) {
		const { connection, listeners } = fakeConnection();
		const resources = new ResourcesState(connection, source);
		const session = {
			url: new URL('http://localhost:1/mcp'),
			details: {
				era: 'modern',
				protocolVersion: '2026-07-28',
				capabilities: { resources: { subscribe: true } }
			},
			request: async () => ({ resources: [], resourceTemplates: [] }),
			explain: (e: unknown) => ({ kind: 'unknown', message: String(e), hints: [] })
		} as unknown as McpSession;
		listeners.forEach((l) => l.ready?.(session));
		return resources;
	}

	it('keeps the subscription but knows the server did not honour the URI', async () => {
		const asked: string[][] = [];
		const resources = modernResources({
			setResourceSubscriptions: async (uris) => (
				asked.push(uris),
				{ ok: true, honored: [], ended: new Promise(() => {}) }
			)
		});
		await resources.setSubscribed('demo://x', true);
		expect(asked).toEqual([['demo://x']]);
		expect(resources.subscribed).toEqual(['demo://x']);
		expect(resources.listenHonored).toEqual([]);
	});

	it('reports a stream that could not be opened, and one that ended later', async () => {
		const failing = modernResources({
			setResourceSubscriptions: async () => ({
				ok: false,
				message: 'The subscriptions/listen stream could not be opened: boom'
			})
		});
		await failing.setSubscribed('demo://x', true);
		expect(failing.subscribed).toEqual([]);
		expect(failing.subscribeProblems['demo://x']?.message).toContain('boom');

		let end: (message: string) => void = () => {};
		const ending = modernResources({
			setResourceSubscriptions: async (uris) => ({
				ok: true,
				honored: uris,
				ended: new Promise<string>((resolve) => (end = resolve))
			})
		});
		await ending.setSubscribed('demo://x', true);
		expect(ending.listenHonored).toEqual(['demo://x']);
		end('The listen stream dropped; reconnect to listen again.');
		await expect.poll(() => ending.listenEnded).toContain('Resource subscriptions are off');
		expect(ending.subscribed).toEqual([]);
	});

	it('applies subscription changes one at a time, each with the full list', async () => {
		const asked: string[][] = [];
		const resources = modernResources({
			setResourceSubscriptions: async (uris) => {
				asked.push(uris);
				await new Promise((r) => setTimeout(r, 20));
				return { ok: true, honored: uris, ended: new Promise(() => {}) };
			}
		});
		await Promise.all([
			resources.setSubscribed('demo://a', true),
			resources.setSubscribed('demo://b', true)
		]);
		expect(asked).toEqual([['demo://a'], ['demo://a', 'demo://b']]);
		expect(resources.subscribed).toEqual(['demo://a', 'demo://b']);
	});
});
