import { describe, expect, it } from 'vitest';
import { filterEntries, IncrementalFilter, type TrafficFilters } from '../../src/lib/core/traffic-filter';
import { TrafficRecorder, type TrafficEntry } from '../../src/lib/core/traffic';

/** A log kept the way TrafficLog keeps it: appended to, entries replaced by fresh copies on update. */
function makeLog() {
	const recorder = new TrafficRecorder();
	let entries: TrafficEntry[] = [];
	const filter = new IncrementalFilter();
	recorder.subscribe((entry, change) => {
		if (change === 'added') entries = entries.concat(entry);
		else {
			entries = entries.slice();
			entries[entry.seq - 1] = { ...entry } as TrafficEntry;
			filter.updated(entry.seq);
		}
	});
	return { recorder, filter, entries: () => entries };
}

const same = (filters: TrafficFilters, log: ReturnType<typeof makeLog>) => {
	const incremental = log.filter.apply(log.entries(), 1, filters);
	const whole = filterEntries(log.entries(), filters.query, filters.direction, filters.kind, filters.method);
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
		const post = log.recorder.http({ method: 'POST', url: 'http://x.test/mcp', status: undefined, durationMs: undefined, requestHeaders: {}, responseHeaders: {} });
		log.recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'tools/list' });
		same(byText, log);
		same(http500, log);
		for (let i = 0; i < 50; i++) log.recorder.message('received', { jsonrpc: '2.0', method: 'notifications/message', params: { data: i % 7 ? 'x' : 'tools' } });
		same(byText, log);
		// The request gets paired (an update of an entry already filtered) and the POST gets its status.
		log.recorder.message('received', { jsonrpc: '2.0', id: 1, result: { tools: [] } });
		log.recorder.updateHttp(post, { status: 500 });
		same(byText, log);
		// The status now matches "500": the HTTP row joins the result in its place.
		expect(same(http500, log)[0]).toBe(log.entries()[0]);
		log.recorder.updateHttp(post, { status: 200 });
		expect(same(http500, log)).toEqual([]);
		same({ query: '', direction: 'received', kind: 'messages', method: 'notifications/message' }, log);
		same({ query: '', direction: 'sent', kind: 'messages', method: '' }, log);
	});

	it('returns the last result itself when nothing changed, and the log itself when nothing is filtered', () => {
		const log = makeLog();
		log.recorder.message('sent', { jsonrpc: '2.0', id: 1, method: 'ping' });
		const filters: TrafficFilters = { query: 'ping', direction: 'all', kind: 'messages', method: '' };
		const first = log.filter.apply(log.entries(), 1, filters);
		expect(log.filter.apply(log.entries(), 1, filters)).toBe(first);
		expect(log.filter.apply(log.entries(), 1, { query: ' ', direction: 'all', kind: 'all', method: '' })).toBe(log.entries());
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
		const filters: TrafficFilters = { query: 'message', direction: 'all', kind: 'messages', method: '' };
		for (let i = 0; i < 1000; i++) log.recorder.message('received', { jsonrpc: '2.0', method: 'notifications/message', params: { i } });
		log.filter.apply(log.entries(), 1, filters);
		let tested = 0;
		const counting = log.entries().map((e) => new Proxy(e, { get: (t, k) => ((k === 'raw' && tested++), Reflect.get(t, k)) }));
		log.recorder.message('received', { jsonrpc: '2.0', method: 'notifications/message', params: { i: 'new' } });
		const entries = [...counting, log.entries().at(-1)!];
		expect(log.filter.apply(entries, 1, filters)).toHaveLength(1001);
		expect(tested).toBe(0);
	});
});
