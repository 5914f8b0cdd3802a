/** The list store shared by tools, prompts and resources: fetch on ready, changes, stale answers, endings. */
import { describe, expect, it } from 'vitest';
import type { Notification } from '@modelcontextprotocol/client';
import { SessionList, type ListKind } from '../../src/lib/ui/session-list.svelte';
import type { SessionEvents } from '../../src/lib/ui/session-events';
import type { McpSession } from '../../src/lib/core/session';

type Listener = Parameters<SessionEvents['listen']>[0];
type Item = { name: string; note?: string };

function setup(kind: Partial<ListKind<Item>> = {}) {
	const listeners: Listener[] = [];
	const events: SessionEvents = { listen: (l) => void listeners.push(l) };
	const answers: ((items: Item[]) => void)[] = [];
	let fetches = 0;
	const list = new SessionList<Item>(
		{
			capability: 'tools',
			unsupported: 'This server does not offer tools.',
			method: 'tools/list',
			fetch: () => {
				fetches++;
				return new Promise((resolve) => answers.push((items) => resolve({ items, problems: [] })));
			},
			changed: 'notifications/tools/list_changed',
			fields: (i) => [i.name],
			changeLabel: 'Tools',
			...kind
		},
		events
	);
	const session = (capabilities: Record<string, unknown> = { tools: {} }) =>
		({
			details: { capabilities },
			explain: (e: unknown) => ({
				kind: 'unknown',
				message: `Explained: ${String(e)}`,
				hints: ['A hint.']
			})
		}) as unknown as McpSession;
	const emit = {
		ready: (s: McpSession) => listeners.forEach((l) => l.ready(s)),
		ended: (cause: 'closed' | 'lost') => listeners.forEach((l) => l.ended(cause)),
		notify: (method: string) =>
			listeners.forEach((l) => l.notification?.({ method } as Notification))
	};
	const settle = () => new Promise((r) => setTimeout(r, 0));
	return { list, session, emit, answers, settle, fetches: () => fetches };
}

describe('SessionList', () => {
	it('fetches when a session is ready, filters by text, and says when the server has no such list', async () => {
		const t = setup();
		t.emit.ready(t.session());
		expect(t.list.loading).toBe(true);
		t.answers[0]([{ name: 'echo' }, { name: 'add' }]);
		await t.settle();
		expect(t.list.loading).toBe(false);
		expect(t.list.items.map((i) => i.name)).toEqual(['echo', 'add']);
		t.list.filter = 'ECH';
		expect(t.list.visible.map((i) => i.name)).toEqual(['echo']);

		t.emit.ready(t.session({}));
		await t.settle();
		expect(t.list.items).toEqual([]);
		expect(t.list.problems).toEqual(['This server does not offer tools.']);
	});

	it('a failed fetch becomes the explained problem; a custom failure wording is used when given', async () => {
		const failing = setup({ fetch: () => Promise.reject(new Error('boom')) });
		failing.emit.ready(failing.session());
		await failing.settle();
		expect(failing.list.problems).toEqual(['Explained: Error: boom', 'A hint.']);
		expect(failing.list.loading).toBe(false);
		const worded = setup({
			fetch: () => Promise.reject(new Error('nope')),
			failure: (p) => [`Templates: ${p.message}`]
		});
		worded.emit.ready(worded.session());
		await worded.settle();
		expect(worded.list.problems).toEqual(['Templates: Explained: Error: nope']);
	});

	it('an answer for a session that is no longer current is dropped; ending a session stops the loading state', async () => {
		const t = setup();
		const first = t.session();
		t.emit.ready(first);
		t.emit.ended('closed');
		expect(t.list.loading).toBe(false);
		const second = t.session();
		t.emit.ready(second);
		t.answers[0]([{ name: 'stale' }]);
		await t.settle();
		expect(t.list.items).toEqual([]);
		expect(t.list.isCurrent(first)).toBe(false);
		t.answers[1]([{ name: 'fresh' }]);
		await t.settle();
		expect(t.list.items.map((i) => i.name)).toEqual(['fresh']);
	});

	it('a burst of list_changed is one more fetch, and the change is noted', async () => {
		const t = setup();
		t.emit.ready(t.session());
		t.answers[0]([{ name: 'a' }, { name: 'b' }]);
		await t.settle();
		t.emit.notify('notifications/tools/list_changed');
		t.emit.notify('notifications/tools/list_changed');
		t.emit.notify('notifications/tools/list_changed');
		expect(t.fetches()).toBe(2);
		t.answers[1]([{ name: 'a' }]);
		await t.settle();
		expect(t.fetches()).toBe(3);
		t.answers[2]([{ name: 'a', note: 'changed' }, { name: 'c' }]);
		await t.settle();
		await t.settle();
		expect(t.fetches()).toBe(3);
		expect(t.list.changeNote).toMatch(/^Tools changed: /);
		expect(t.list.changeNote).toContain('c');
		expect(t.list.changeNote).toContain('b');
	});

	it('a lost server leaves the list in sight when the kind says so; a closed one clears it', async () => {
		for (const [keep, cause, expected] of [
			[true, 'lost', 1],
			[true, 'closed', 0],
			[false, 'lost', 0]
		] as const) {
			const t = setup({ keepWhenLost: keep });
			t.emit.ready(t.session());
			t.answers[0]([{ name: 'echo' }]);
			await t.settle();
			t.emit.ended(cause);
			expect(t.list.items.length).toBe(expected);
			expect(t.list.session).toBeUndefined();
		}
	});
});
