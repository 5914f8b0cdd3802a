import { describe, expect, it } from 'vitest';
import { describeFlood } from '../../src/lib/core/request-flood-notice';
import {
	FloodNotices,
	RequestFloodWatch,
	type RequestFlood
} from '../../src/lib/core/request-flood';

function watch(limit = 50, windowMs = 5000) {
	let now = 0;
	const w = new RequestFloodWatch({ limit, windowMs, now: () => now });
	const events: { flood: RequestFlood; started: boolean }[] = [];
	w.onflood = (flood, started) => events.push({ flood, started });
	return {
		w,
		events,
		at: (ms: number) => (now = ms),
		send: (method: string, n: number, everyMs: number) => {
			for (let i = 0; i < n; i++) {
				w.note(method);
				now += everyMs;
			}
		}
	};
}

describe('RequestFloodWatch', () => {
	it('says nothing at 50 requests in 5 s, starts a burst at the 51st', () => {
		const t = watch();
		t.send('roots/list', 50, 10);
		expect(t.events).toHaveLength(0);
		t.send('roots/list', 1, 10);
		expect(t.events).toEqual([
			{ flood: { method: 'roots/list', count: 51, firstAt: 0, lastAt: 500 }, started: true }
		]);
	});

	it('reports one burst, its count growing, for 200 requests in 2 s', () => {
		const t = watch();
		t.send('sampling/createMessage', 200, 10);
		expect(t.events.filter((e) => e.started)).toHaveLength(1);
		const last = t.events.at(-1)!.flood;
		expect(last).toEqual({
			method: 'sampling/createMessage',
			count: 200,
			firstAt: 0,
			lastAt: 1990
		});
	});

	it('a steady trickle under the rate is never a flood', () => {
		const t = watch();
		t.send('roots/list', 1000, 101); // 50 in any 5 s
		expect(t.events).toHaveLength(0);
	});

	it('a new burst after a quiet window is reported again; methods are counted apart', () => {
		const t = watch();
		t.send('roots/list', 60, 1);
		t.send('elicitation/create', 30, 1);
		t.send('roots/list', 1, 1);
		expect(t.events.filter((e) => e.started).map((e) => e.flood.method)).toEqual(['roots/list']);
		t.at(10_000);
		t.send('roots/list', 51, 1);
		const starts = t.events.filter((e) => e.started);
		expect(starts).toHaveLength(2);
		expect(starts[1].flood).toMatchObject({ count: 51, firstAt: 10_000 });
	});

	it('forgets everything on reset', () => {
		const t = watch(3, 1000);
		t.send('roots/list', 3, 1);
		t.w.reset();
		t.send('roots/list', 3, 1);
		expect(t.events).toHaveLength(0);
	});
});

describe('describeFlood', () => {
	it('names the method, the count, the time, and what Loupe did', () => {
		expect(describeFlood({ method: 'roots/list', count: 200, firstAt: 0, lastAt: 1990 })).toBe(
			'The server sent 200 roots/list requests in 2.0 s (more than 50 in 5 s is a flood). Loupe answered each one itself, with the roots you offer.'
		);
		expect(
			describeFlood({ method: 'sampling/createMessage', count: 1500, firstAt: 0, lastAt: 61_000 })
		).toMatch(
			/^The server sent 1,500 sampling\/createMessage requests in 61 s .* Pending requests/
		);
	});
});

describe('FloodNotices', () => {
	it('one notice per burst, updated in place, gone when dismissed until the next burst', () => {
		let now = 0;
		const seen: (readonly RequestFlood[])[] = [];
		const notices = new FloodNotices((list) => seen.push(list), { now: () => now });
		const send = (method: string, n: number) => {
			for (let i = 0; i < n; i++, now += 10) notices.watch.note(method);
		};
		send('roots/list', 60);
		send('sampling/createMessage', 55);
		expect(notices.list.map((f) => [f.method, f.count])).toEqual([
			['roots/list', 60],
			['sampling/createMessage', 55]
		]);
		notices.dismiss('roots/list');
		send('roots/list', 20); // the same burst: stays dismissed
		expect(notices.list.map((f) => f.method)).toEqual(['sampling/createMessage']);
		now += 6000;
		send('roots/list', 51); // a new burst
		expect(notices.list.map((f) => [f.method, f.count])).toEqual([
			['sampling/createMessage', 55],
			['roots/list', 51]
		]);
		expect(seen.at(-1)).toBe(notices.list);
	});
});
