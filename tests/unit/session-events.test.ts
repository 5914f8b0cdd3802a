/** readyAfter (session-events.ts): stores that start their work after another store's first fetch. */
import { describe, expect, it } from 'vitest';
import type { Notification } from '@modelcontextprotocol/client';
import { readyAfter, type SessionEvents } from '../../src/lib/ui/session-events';
import type { McpSession } from '../../src/lib/core/session';

type Listener = Parameters<SessionEvents['listen']>[0];

function setup(maxWaitMs = 60_000) {
	const listeners: Listener[] = [];
	const events: SessionEvents = { listen: (l) => void listeners.push(l) };
	const firsts = new Map<McpSession, () => void>();
	const delayed = readyAfter(
		events,
		(session) => new Promise<void>((resolve) => firsts.set(session, resolve)),
		maxWaitMs
	);
	const heard: string[] = [];
	delayed.listen({
		ready: (s) => heard.push(`ready ${(s as unknown as { name: string }).name}`),
		ended: (cause) => heard.push(`ended ${cause}`),
		notification: (n) => heard.push(`notification ${n.method}`)
	});
	const session = (name: string) => ({ name }) as unknown as McpSession;
	const emit = {
		ready: (s: McpSession) => listeners.forEach((l) => l.ready(s)),
		ended: (cause: 'closed' | 'lost') => listeners.forEach((l) => l.ended(cause)),
		notification: (method: string) =>
			listeners.forEach((l) => l.notification?.({ method } as Notification))
	};
	const settle = async (s: McpSession) => {
		firsts.get(s)?.();
		await new Promise((r) => setTimeout(r, 0));
	};
	return { heard, session, emit, settle };
}

describe('readyAfter', () => {
	it('announces a session once the first work for it settled; notifications and endings pass at once', async () => {
		const { heard, session, emit, settle } = setup();
		const a = session('a');
		emit.ready(a);
		emit.notification('notifications/message');
		await new Promise((r) => setTimeout(r, 10));
		expect(heard).toEqual(['notification notifications/message']);
		await settle(a);
		expect(heard).toEqual(['notification notifications/message', 'ready a']);
		emit.ended('closed');
		expect(heard.at(-1)).toBe('ended closed');
	});

	it('never announces a session that ended or was replaced while it waited', async () => {
		const { heard, session, emit, settle } = setup();
		const a = session('a');
		const b = session('b');
		emit.ready(a);
		emit.ended('lost');
		await settle(a);
		expect(heard).toEqual(['ended lost']);
		emit.ready(a);
		emit.ready(b);
		await settle(a);
		await settle(b);
		expect(heard).toEqual(['ended lost', 'ready b']);
	});

	it('waits no longer than its limit for work that does not settle', async () => {
		const { heard, session, emit } = setup(20);
		emit.ready(session('slow'));
		await expect.poll(() => heard).toEqual(['ready slow']);
	});
});
