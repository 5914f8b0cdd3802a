import { describe, expect, it } from 'vitest';
import {
	filterEntries,
	IncrementalFilter,
	type TrafficFilters
} from '../../src/lib/core/traffic-filter';
import { TrafficRecorder, type TrafficItem } from '../../src/lib/core/traffic';
import { messageSubject } from '../../src/lib/core/traffic-subject';

/** A log kept the way TrafficLog keeps it: appended to, entries replaced by fresh copies on update. */
function makeLog() {
	const recorder = new TrafficRecorder();
	recorder.describe = messageSubject;
	let entries: TrafficItem[] = [];
	const filter = new IncrementalFilter();
	recorder.subscribe((entry, change) => {
		if (change === 'added') entries = entries.concat(entry);
		else {
			entries = entries.slice();
			entries[entry.seq - 1] = { ...entry } as TrafficItem;
			filter.updated(entry.seq);
		}
	});
	return { recorder, filter, entries: () => entries };
}

const same = (filters: TrafficFilters, log: ReturnType<typeof makeLog>) => {
	const incremental = log.filter.apply(log.entries(), 1, filters);
	const whole = filterEntries(
		log.entries(),
		filters.query,
		filters.direction,
		filters.kind,
		filters.method
	);
	expect(incremental).toEqual(whole);
	// The very objects of the log: a row showing an updated entry gets the fresh copy.
	incremental.forEach((e, i) => expect(e).toBe(whole[i]));
	return incremental;
};

describe('IncrementalFilter', () => {
	it('gives what filtering the whole log gives, through appends, updates and filter changes', () => {
		const log = makeLog();
		const byText: TrafficFilters = { query: 'tools', direction: 'all', kind: 'all', method: '' };
		const http500: TrafficFilters = { query: '500', direction: 'all', kind: 'all', method: '' };
		expect(same(byText, log)).toEqual([]);
		const post = log.recorder.http({
			method: 'POST',
			url: 'http://x.test/mcp',
			status: undefined,
			durationMs: undefined,
			requestHeaders: {},
			responseHeaders: {}
		});
		log.recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'tools/list' });
		same(byText, log);
		same(http500, log);
		for (let i = 0; i < 50; i++)
			log.recorder.message('received', {
				jsonrpc: '2.0',
				method: 'notifications/message',
				params: { data: i % 7 ? 'x' : 'tools' }
			});
		same(byText, log);
		// The request gets paired (an update of an entry already filtered) and the POST gets its status.
		log.recorder.message('received', { jsonrpc: '2.0', id: 1, result: { tools: [] } });
		log.recorder.updateHttp(post, { status: 500 });
		same(byText, log);
		// The status now matches "500": the HTTP row joins the result in its place.
		expect(same(http500, log)[0]).toBe(log.entries()[0]);
		log.recorder.updateHttp(post, { status: 200 });
		expect(same(http500, log)).toEqual([]);
		same(
			{ query: '', direction: 'received', kind: 'messages', method: 'notifications/message' },
			log
		);
		same({ query: '', direction: 'sent', kind: 'messages', method: '' }, log);
	});

	it('returns the last result itself when nothing changed, and the log itself when nothing is filtered', () => {
		const log = makeLog();
		log.recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'ping' });
		const filters: TrafficFilters = {
			query: 'ping',
			direction: 'all',
			kind: 'messages',
			method: ''
		};
		const first = log.filter.apply(log.entries(), 1, filters);
		expect(log.filter.apply(log.entries(), 1, filters)).toBe(first);
		expect(
			log.filter.apply(log.entries(), 1, { query: ' ', direction: 'all', kind: 'all', method: '' })
		).toBe(log.entries());
	});

	it('starts over after the log was cleared', () => {
		const log = makeLog();
		const filters: TrafficFilters = { query: '', direction: 'all', kind: 'messages', method: '' };
		log.recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'ping' });
		expect(log.filter.apply(log.entries(), 1, filters)).toHaveLength(1);
		// Cleared: the log now starts at seq 2.
		log.recorder.message('sent', { jsonrpc: '2.0', id: 2, method: 'ping' });
		expect(log.filter.apply(log.entries().slice(1), 2, filters).map((e) => e.seq)).toEqual([2]);
	});

	it('looks only at what is new: a burst appended to a large log costs the burst', () => {
		const log = makeLog();
		const filters: TrafficFilters = {
			query: 'message',
			direction: 'all',
			kind: 'messages',
			method: ''
		};
		for (let i = 0; i < 1000; i++)
			log.recorder.message('received', {
				jsonrpc: '2.0',
				method: 'notifications/message',
				params: { i }
			});
		log.filter.apply(log.entries(), 1, filters);
		let tested = 0;
		const counting = log
			.entries()
			.map((e) => new Proxy(e, { get: (t, k) => (k === 'raw' && tested++, Reflect.get(t, k)) }));
		log.recorder.message('received', {
			jsonrpc: '2.0',
			method: 'notifications/message',
			params: { i: 'new' }
		});
		const entries = [...counting, log.entries().at(-1)!];
		expect(log.filter.apply(entries, 1, filters)).toHaveLength(1001);
		expect(tested).toBe(0);
	});

	it("finds a request and its response together: by the subject, and by either one's text", () => {
		const log = makeLog();
		const byTool: TrafficFilters = {
			query: 'create_order',
			direction: 'all',
			kind: 'messages',
			method: ''
		};
		const byAnswer: TrafficFilters = {
			query: 'order 17 placed',
			direction: 'all',
			kind: 'messages',
			method: ''
		};
		log.recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'tools/list' });
		log.recorder.message('received', { jsonrpc: '2.0', id: 1, result: { tools: [] } });
		log.recorder.message('sent', {
			jsonrpc: '2.0',
			id: 2,
			method: 'tools/call',
			params: { name: 'create_order', arguments: {} }
		});
		// Before the answer arrives, nothing has its text; then the answer finds its request too
		// (paired: an update of an entry the filter has already seen).
		expect(same(byAnswer, log)).toEqual([]);
		log.recorder.message('received', {
			jsonrpc: '2.0',
			method: 'notifications/progress',
			params: { progressToken: 1, progress: 1 }
		});
		log.recorder.message('received', {
			jsonrpc: '2.0',
			id: 2,
			result: { content: [{ type: 'text', text: 'Order 17 placed' }] }
		});
		expect(same(byAnswer, log).map((e) => e.seq)).toEqual([3, 5]);
		// The answer's text does not name the tool: its subject (its request's) does.
		expect(same(byTool, log).map((e) => e.seq)).toEqual([3, 5]);
		log.recorder.message('sent', {
			jsonrpc: '2.0',
			id: 3,
			method: 'tools/call',
			params: { name: 'create_order', arguments: {} }
		});
		expect(same(byTool, log).map((e) => e.seq)).toEqual([3, 5, 6]);
		log.recorder.message('received', { jsonrpc: '2.0', id: 3, result: { content: [] } });
		expect(same(byTool, log).map((e) => e.seq)).toEqual([3, 5, 6, 7]);
		// Direction still applies to each on its own.
		expect(same({ ...byTool, direction: 'received' }, log).map((e) => e.seq)).toEqual([5, 7]);
	});

	it('takes the text literally, in any case', () => {
		const log = makeLog();
		log.recorder.message('received', {
			jsonrpc: '2.0',
			method: 'notifications/message',
			params: { data: 'Price (USD)* is a.b' }
		});
		log.recorder.message('received', {
			jsonrpc: '2.0',
			method: 'notifications/message',
			params: { data: 'axb' }
		});
		const find = (query: string) =>
			same({ query, direction: 'all', kind: 'messages', method: '' }, log).map((e) => e.seq);
		expect(find('price (usd)*')).toEqual([1]);
		expect(find('a.b')).toEqual([1]);
		expect(find('[')).toEqual([]);
	});

	it('matches an HTTP exchange by its Mcp-Method and Mcp-Name headers', () => {
		const log = makeLog();
		log.recorder.http({
			method: 'POST',
			url: 'http://x.test/mcp',
			status: 200,
			durationMs: 1,
			requestHeaders: { 'mcp-method': 'tools/call', 'mcp-name': 'create_order' },
			responseHeaders: {}
		});
		log.recorder.http({
			method: 'POST',
			url: 'http://x.test/mcp',
			status: 200,
			durationMs: 1,
			requestHeaders: { 'mcp-method': 'tools/list' },
			responseHeaders: {}
		});
		expect(
			same({ query: 'CREATE_ORDER', direction: 'all', kind: 'all', method: '' }, log).map(
				(e) => e.seq
			)
		).toEqual([1]);
	});

	it("shows a connection's boundary above its first match, and none for a connection without one", () => {
		const log = makeLog();
		const connect = (url: string) =>
			log.recorder.newConnection({ url, transport: 'auto', reason: 'connect' });
		const ping = (id: number) =>
			log.recorder.message('sent', { jsonrpc: '2.0', id, method: 'ping' });
		const pings: TrafficFilters = { query: 'ping', direction: 'all', kind: 'messages', method: '' };
		const messages: TrafficFilters = { query: '', direction: 'all', kind: 'messages', method: '' };
		const kinds = (items: TrafficItem[]) =>
			items.map((e) => (e.type === 'connection' ? `#${e.connection}` : e.seq));
		// Nothing filtered: every boundary.
		connect('http://a.test/mcp');
		expect(log.filter.apply(log.entries(), 1, { ...messages, kind: 'all' })).toBe(log.entries());
		expect(same(pings, log)).toEqual([]);
		ping(1);
		expect(kinds(same(pings, log))).toEqual(['#1', 2]);
		ping(2);
		connect('http://b.test/mcp');
		log.recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'tools/list' });
		expect(kinds(same(pings, log))).toEqual(['#1', 2, 3]);
		expect(log.filter.shownBoundaries).toBe(1);
		connect('http://c.test/mcp');
		const post = log.recorder.http({
			method: 'POST',
			url: 'http://c.test/mcp',
			status: undefined,
			durationMs: undefined,
			requestHeaders: {},
			responseHeaders: {}
		});
		ping(1);
		expect(kinds(same(pings, log))).toEqual(['#1', 2, 3, '#3', 8]);
		expect(kinds(same(messages, log))).toEqual(['#1', 2, 3, '#2', 5, '#3', 8]);
		// An HTTP exchange that starts (updated in place) to match, in a connection with no match so far, brings its boundary in…
		const http500: TrafficFilters = { query: '500', direction: 'all', kind: 'all', method: '' };
		expect(same(http500, log)).toEqual([]);
		log.recorder.updateHttp(post, { status: 500 });
		expect(kinds(same(http500, log))).toEqual(['#3', 7]);
		// …and takes it away when it stops matching.
		log.recorder.updateHttp(post, { status: 200 });
		expect(same(http500, log)).toEqual([]);
		expect(log.filter.shownBoundaries).toBe(0);
		// A boundary that says how the handshake ended is shown as it is now.
		log.recorder.connectionEnded(3, { transport: 'streamable-http', server: 'c 1.0' });
		const shown = same(pings, log);
		expect(shown[3]).toMatchObject({ type: 'connection', state: 'connected', server: 'c 1.0' });
	});
});
