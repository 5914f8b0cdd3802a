/**
 * Resources, templates and completions: parsing what a server sends (odd entries included), and
 * the real demo server over HTTP in both protocol eras.
 */
import { describe, expect, it } from 'vitest';
import { useDemoServer } from './demo-fixture';
import {
	COUNTER_TICK_MS,
	COUNTER_URI,
	EXTRA_RESOURCE_URI,
	ITEM_IDS,
	ODD_MIME,
	TOGGLE_EXTRAS_URI
} from '../servers/resources';
import { MANY_RESOURCES, manyUri } from '../servers/many-resources';
import { McpSession } from '../../src/lib/core/session';
import { TrafficRecorder } from '../../src/lib/core/traffic';
import {
	listResources,
	listResourceTemplates,
	readResource,
	readResourceResult,
	readResourcesPage,
	readTemplatesPage,
	subscribeResource,
	subscribeSupport,
	unsubscribeResource
} from '../../src/lib/core/resources';
import { base64Bytes } from '../../src/lib/core/media';
import { openListen } from '../../src/lib/core/server-checks';
import {
	complete,
	readCompletionResult,
	supportsCompletions
} from '../../src/lib/core/completions';
import { readAllPages } from '../../src/lib/core/pages';
import { downloadName } from '../../src/lib/core/file-name';
import { expandTemplate, templateShape } from '../../src/lib/core/uri-template';

describe('reading resources/list and resources/templates/list', () => {
	it('keeps good entries, leaves out broken ones with a reason, and notes duplicates', () => {
		const page = readResourcesPage({
			resources: [
				{ uri: 'a://1', name: 'one', mimeType: 'text/plain', size: 3 },
				{ name: 'no uri' },
				'junk',
				{ uri: 'a://2', size: -1 },
				{ uri: 'a://1', name: 'again' }
			],
			nextCursor: 'next'
		});
		expect(page.items.map((r) => r.uri)).toEqual(['a://1', 'a://2', 'a://1']);
		expect(page.items[0]).toMatchObject({
			name: 'one',
			mimeType: 'text/plain',
			size: 3,
			problems: []
		});
		expect(page.items[1].name).toBe('a://2');
		expect(page.items[1].problems).toEqual([
			'The resource has no name; the spec requires one.',
			'size is not a non-negative number and is ignored.'
		]);
		expect(page.problems).toEqual([
			'A resources/list entry has no uri and was left out.',
			'A resources/list entry is not an object: "junk"',
			'The resources/list result lists the resource a://1 twice.'
		]);
		expect(page.nextCursor).toBe('next');
		expect(readResourcesPage({ nope: 1 }).problems).toEqual([
			'The resources/list result has no "resources" array.'
		]);
		const templates = readTemplatesPage({
			resourceTemplates: [{ uriTemplate: 'x://{a}', name: 'x' }, { name: 'no template' }],
			nextCursor: ''
		});
		expect(templates.items.map((t) => t.uriTemplate)).toEqual(['x://{a}']);
		expect(templates.problems).toEqual([
			'A resource template has no uriTemplate and was left out.'
		]);
		expect(templates.nextCursor).toBeUndefined();
	});

	it('follows nextCursor and stops on a repeated cursor', async () => {
		const pages: Record<string, unknown> = {
			first: { resources: [{ uri: 'a://1', name: '1' }], nextCursor: 'c2' },
			c2: { resources: [{ uri: 'a://2', name: '2' }], nextCursor: 'c3' },
			c3: { resources: [{ uri: 'a://3', name: '3' }], nextCursor: 'c2' }
		};
		const asked: (string | undefined)[] = [];
		const all = await readAllPages(
			async (cursor) => (asked.push(cursor), pages[cursor ?? 'first']),
			readResourcesPage,
			'resource list'
		);
		expect(asked).toEqual([undefined, 'c2', 'c3']);
		expect(all.items.map((r) => r.uri)).toEqual(['a://1', 'a://2', 'a://3']);
		expect(all.problems).toEqual([
			'The server repeated a pagination cursor; Loupe stopped reading further pages of the resource list.'
		]);
		const endless = await readAllPages(
			async (c) => ({ resources: [], nextCursor: `${c ?? ''}x` }),
			readResourcesPage,
			'resource list',
			5
		);
		expect(endless.problems).toEqual([
			'The resource list has more than 5 pages; Loupe stopped there.'
		]);
	});

	it('says so when nextCursor is not a string, and keeps what was received', async () => {
		for (const [cursor, shown] of [
			[5, '5'],
			[{ page: 2 }, '{"page":2}'],
			[true, 'true']
		] as const) {
			const asked: (string | undefined)[] = [];
			const all = await readAllPages(
				async (c) => (
					asked.push(c),
					{ resources: [{ uri: 'a://1', name: '1' }], nextCursor: cursor }
				),
				readResourcesPage,
				'resource list'
			);
			expect(asked).toEqual([undefined]);
			expect(all.items.map((r) => r.uri)).toEqual(['a://1']);
			expect(all.problems).toEqual([
				`The server's nextCursor is not a string: ${shown}; the resource list may be incomplete (Loupe read no further pages).`
			]);
		}
		// null, like no nextCursor at all, is the end of the list.
		const ended = await readAllPages(
			async () => ({ resources: [{ uri: 'a://1', name: '1' }], nextCursor: null }),
			readResourcesPage,
			'resource list'
		);
		expect(ended.problems).toEqual([]);
	});

	it('says what a uri or name that is not a string is', () => {
		const page = readResourcesPage({
			resources: [{ uri: 7 }, { uri: 'a://1', name: { text: 'one' } }, { uri: '' }]
		});
		expect(page.problems).toEqual([
			'A resources/list entry has a uri that is not a string (7) and was left out.',
			'A resources/list entry has an empty uri and was left out.'
		]);
		expect(page.items[0].name).toBe('a://1');
		expect(page.items[0].problems).toEqual([
			'The resource has a name that is not a string ({"text":"one"}); the spec requires one.'
		]);
		expect(readTemplatesPage({ resourceTemplates: [{ uriTemplate: 42 }] }).problems).toEqual([
			'A resource template has a uriTemplate that is not a string (42) and was left out.'
		]);
	});
});

describe('reading resources/read', () => {
	const png = 'iVBORw0KGgo=';
	it('shows text as text, safe images and audio as media, everything else as a download', () => {
		const view = readResourceResult({
			contents: [
				{ uri: 'a://t', mimeType: 'text/html', text: '<script>x</script>' },
				{ uri: 'a://i', mimeType: 'image/png', blob: png },
				{ uri: 'a://w', mimeType: 'audio/wav', blob: 'UklGRg==' },
				{ uri: 'a://s', mimeType: 'image/svg+xml', blob: 'PHN2Zz4=' },
				{ uri: 'a://b', mimeType: ODD_MIME, blob: 'AAECAw==' },
				{ uri: 'a://n', blob: 'AAE=' },
				{ uri: 'a://bad', mimeType: 'image/png', blob: 'not base64!' },
				{ uri: 'a://empty' },
				{ text: 'no uri' }
			]
		});
		expect(view.contents.map((c) => c.kind)).toEqual([
			'text',
			'image',
			'audio',
			'binary',
			'binary',
			'binary',
			'invalid',
			'invalid',
			'invalid'
		]);
		expect(view.contents[0]).toMatchObject({ text: '<script>x</script>', mimeType: 'text/html' });
		expect(view.contents[4]).toMatchObject({ bytes: 4, mimeType: ODD_MIME });
		expect(view.contents[6]).toMatchObject({ reason: 'The blob is not base64.' });
		expect(readResourceResult({ contents: [] }).problems).toEqual([
			'The server returned no contents.'
		]);
		expect(readResourceResult({ contents: 'x' }).problems).toEqual([
			'The resources/read result has no "contents" array.'
		]);
		expect(readResourceResult(null).problems).toEqual(['The result is not an object.']);
	});

	it('decodes text-typed blobs as UTF-8 text; other types, bad UTF-8 and SVG stay downloads only', () => {
		const b64 = (t: string) => Buffer.from(t).toString('base64');
		const view = readResourceResult({
			contents: [
				{ uri: 'a://t', mimeType: 'text/plain', blob: b64('héllo <b>x</b>') },
				{ uri: 'a://j', mimeType: 'application/json; charset=utf-8', blob: b64('{"a":1}') },
				{
					uri: 'a://bad',
					mimeType: 'text/plain',
					blob: Buffer.from([0xff, 0xfe, 0x00]).toString('base64')
				},
				{ uri: 'a://svg', mimeType: 'image/svg+xml', blob: b64('<svg/>') },
				{ uri: 'a://none', blob: b64('plain') }
			]
		});
		expect(view.contents.map((c) => c.kind)).toEqual([
			'binary',
			'binary',
			'binary',
			'binary',
			'binary'
		]);
		expect(view.contents.map((c) => (c.kind === 'binary' ? c.text : null))).toEqual([
			'héllo <b>x</b>',
			'{"a":1}',
			undefined,
			undefined,
			undefined
		]);
	});

	it('counts bytes and names downloads safely', () => {
		expect(base64Bytes('AAECAw==')).toBe(4);
		expect(base64Bytes('AAECAwQ=')).toBe(5);
		expect(base64Bytes('AAECAwQF')).toBe(6);
		expect(base64Bytes('AAEC\r\nAw==\n')).toBe(4);
		expect(downloadName('demo://data/odd.bin')).toBe('odd.bin');
		expect(downloadName('x://a/../<evil>name?.exe')).toBe('_evil_name');
		expect(downloadName('x://')).toBe('x_');
		expect(downloadName('x://a/..')).toBe('resource.bin');
	});
});

describe('templates and completions', () => {
	it('expands RFC 6570 templates, exploded variables as lists', () => {
		expect(templateShape('demo://items/{id}')).toEqual({ variables: ['id'], exploded: {} });
		expect(templateShape('demo://files{/path*}')).toEqual({
			variables: ['path'],
			exploded: { path: '/' }
		});
		expect(expandTemplate('demo://items/{id}', { id: 'a b/c' })).toEqual({
			uri: 'demo://items/a%20b%2Fc'
		});
		expect(expandTemplate('demo://files{/path*}', { path: 'docs/intro.md' })).toEqual({
			uri: 'demo://files/docs/intro.md'
		});
		expect(expandTemplate('demo://search{?q,lang}', { q: 'x' })).toEqual({
			uri: 'demo://search?q=x'
		});
		expect('error' in templateShape('x'.repeat(1_000_001))).toBe(true);
	});

	it('reads completion results defensively', () => {
		expect(
			readCompletionResult({ completion: { values: ['a', 'a', 2, 'b'], total: 10, hasMore: true } })
		).toEqual({
			values: ['a', 'b'],
			total: 10,
			hasMore: true,
			problems: ['A completion value that is not a string was left out.']
		});
		const many = readCompletionResult({
			completion: { values: Array.from({ length: 150 }, (_, i) => `v${i}`) }
		});
		expect(many.values).toHaveLength(100);
		expect(many.problems[0]).toContain('the spec allows 100');
		expect(readCompletionResult({}).problems).toEqual([
			'The completion/complete result has no "completion.values" array.'
		]);
		expect(supportsCompletions({ capabilities: {} })).toBe(false);
		expect(supportsCompletions({ capabilities: { completions: {} } })).toBe(true);
	});

	it('explains when subscriptions are not available', () => {
		expect(
			subscribeSupport({ capabilities: { resources: { subscribe: true } }, era: 'legacy' })
		).toEqual({ ok: true });
		expect(subscribeSupport({ capabilities: { resources: {} }, era: 'legacy' })).toMatchObject({
			ok: false
		});
		// The 2026-07-28 era has no resources/subscribe: subscriptions ride on subscriptions/listen.
		expect(
			subscribeSupport({
				capabilities: { resources: { subscribe: true } },
				era: 'modern',
				protocolVersion: '2026-07-28'
			})
		).toEqual({ ok: true, via: 'listen' });
		const modern = subscribeSupport({
			capabilities: { resources: {} },
			era: 'modern',
			protocolVersion: '2026-07-28'
		});
		expect(modern.ok).toBe(false);
		expect(!modern.ok && modern.note).toContain('capabilities.resources.subscribe');
	});
});

describe('against the demo server', () => {
	const demo = useDemoServer();

	const open = (path: string, onNotification?: (n: { method: string; params?: unknown }) => void) =>
		McpSession.open(
			{
				url: new URL(demo.url + path),
				transport: 'auto',
				recorder: new TrafficRecorder(),
				timeoutMs: 10_000
			},
			{ onNotification }
		);

	for (const path of ['/mcp', '/mcp-legacy']) {
		it(`lists, reads, expands and completes (${path})`, async () => {
			const session = await open(path);
			try {
				const { items, problems } = await listResources(session);
				expect(problems).toEqual([]);
				expect(items.map((r) => r.uri)).toEqual(
					expect.arrayContaining([
						'demo://notes/welcome',
						'demo://images/gradient.png',
						COUNTER_URI
					])
				);
				const templates = await listResourceTemplates(session);
				expect(templates.items.map((t) => t.uriTemplate)).toEqual(
					expect.arrayContaining(['demo://items/{id}', 'demo://files{/path*}'])
				);

				const image = await readResource(session, 'demo://images/gradient.png');
				expect(image.view.contents[0]).toMatchObject({ kind: 'image', mimeType: 'image/png' });
				const odd = await readResource(session, 'demo://data/odd.bin');
				expect(odd.view.contents[0]).toMatchObject({
					kind: 'binary',
					mimeType: ODD_MIME,
					bytes: 8
				});

				expect(supportsCompletions(session.details)).toBe(true);
				const ids = await complete(
					session,
					{ type: 'ref/resource', uri: 'demo://items/{id}' },
					{ name: 'id', value: 'b' }
				);
				expect(ids.values).toEqual(ITEM_IDS.filter((id) => id.startsWith('b')));
				const uri = expandTemplate('demo://items/{id}', { id: ids.values[0] });
				expect(uri).toEqual({ uri: 'demo://items/banana' });
				const item = await readResource(session, 'demo://items/banana');
				expect(item.view.contents[0]).toMatchObject({ kind: 'text', text: 'Item banana' });
			} finally {
				await session.close();
			}
		});
	}

	it('subscribes in the 2025 era, hears notifications/resources/updated, and stops hearing after unsubscribing', async () => {
		const heard: string[] = [];
		const session = await open('/mcp-legacy', (n) =>
			heard.push(`${n.method} ${JSON.stringify(n.params ?? {})}`)
		);
		try {
			expect(subscribeSupport(session.details)).toEqual({ ok: true });
			const before = await readResource(session, COUNTER_URI);
			await subscribeResource(session, COUNTER_URI);
			await expect
				.poll(() => heard, { timeout: 5000 })
				.toContain(`notifications/resources/updated {"uri":"${COUNTER_URI}"}`);
			const after = await readResource(session, COUNTER_URI);
			const count = (o: typeof after) =>
				Number((o.view.contents[0] as { text: string }).text.replace('count: ', ''));
			expect(count(after)).toBeGreaterThan(count(before));
			await unsubscribeResource(session, COUNTER_URI);
			heard.length = 0;
			await new Promise((r) => setTimeout(r, COUNTER_TICK_MS * 2 + 200));
			expect(heard.filter((h) => h.includes('resources/updated'))).toEqual([]);
		} finally {
			await session.close();
		}
	});

	it('re-lists after list_changed when reading the toggle resource changes the lists (2025 era)', async () => {
		const heard: string[] = [];
		const session = await open('/mcp-legacy', (n) => heard.push(n.method));
		try {
			const toggled = await readResource(session, TOGGLE_EXTRAS_URI);
			const on = (toggled.view.contents[0] as { text: string }).text === 'extras listed';
			await expect
				.poll(() => heard)
				.toEqual(
					expect.arrayContaining([
						'notifications/resources/list_changed',
						'notifications/prompts/list_changed'
					])
				);
			expect((await listResources(session)).items.some((r) => r.uri === EXTRA_RESOURCE_URI)).toBe(
				on
			);
			await readResource(session, TOGGLE_EXTRAS_URI);
			expect((await listResources(session)).items.some((r) => r.uri === EXTRA_RESOURCE_URI)).toBe(
				!on
			);
		} finally {
			await session.close();
		}
	});

	it('follows nextCursor through every page over HTTP (/mcp-many)', async () => {
		const session = await open('/mcp-many');
		try {
			const { items, problems } = await listResources(session);
			expect(problems).toEqual([]);
			expect(items).toHaveLength(MANY_RESOURCES);
			expect(new Set(items.map((r) => r.uri)).size).toBe(MANY_RESOURCES);
			expect(items[MANY_RESOURCES - 1].uri).toBe(manyUri(MANY_RESOURCES - 1));
			expect((await readResource(session, manyUri(7))).view.contents[0]).toMatchObject({
				kind: 'text',
				text: 'This is item 7.'
			});
		} finally {
			await session.close();
		}
	});

	it('has no resources/subscribe in the 2026 era: the SDK refuses it; subscriptions go through subscriptions/listen', async () => {
		const session = await open('/mcp');
		try {
			expect(session.details.era).toBe('modern');
			expect(subscribeSupport(session.details)).toEqual({ ok: true, via: 'listen' });
			await expect(subscribeResource(session, COUNTER_URI)).rejects.toThrow(
				/not supported by the negotiated protocol version/
			);
		} finally {
			await session.close();
		}
	});

	it('2026 era: a listen stream with resourceSubscriptions hears the counter tick, and the ticking stops when it closes', async () => {
		const heard: string[] = [];
		const session = await open('/mcp', (n) =>
			heard.push(`${n.method} ${JSON.stringify(n.params ?? {})}`)
		);
		try {
			const before = await readResource(session, COUNTER_URI);
			const subscription = await openListen(session, { resourceSubscriptions: [COUNTER_URI] });
			expect(subscription.honoredFilter.resourceSubscriptions).toEqual([COUNTER_URI]);
			await expect
				.poll(
					() =>
						heard.some(
							(h) =>
								h.startsWith('notifications/resources/updated') &&
								h.includes(`"uri":"${COUNTER_URI}"`)
						),
					{ timeout: 5000 }
				)
				.toBe(true);
			const count = (o: typeof before) =>
				Number((o.view.contents[0] as { text: string }).text.replace('count: ', ''));
			const after = await readResource(session, COUNTER_URI);
			expect(count(after)).toBeGreaterThan(count(before));
			await subscription.close();
			await new Promise((r) => setTimeout(r, COUNTER_TICK_MS + 200));
			const stopped = count(await readResource(session, COUNTER_URI));
			await new Promise((r) => setTimeout(r, COUNTER_TICK_MS * 2 + 200));
			expect(count(await readResource(session, COUNTER_URI))).toBe(stopped);
		} finally {
			await session.close();
		}
	});
});
