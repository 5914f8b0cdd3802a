/** How soon an event stream the server closed is reopened (core/reconnect-policy.ts). */
import { describe, expect, it } from 'vitest';
import {
	createReconnectScheduler,
	MAX_MS,
	MIN_MS,
	QUICK_MS,
	reconnectWait
} from '../../src/lib/core/reconnect-policy';

describe('reconnect policy', () => {
	it('never reopens sooner than MIN_MS, and doubles the wait along a streak up to MAX_MS', () => {
		expect(reconnectWait(0, 0)).toBe(MIN_MS);
		expect(reconnectWait(3000, 0)).toBe(3000);
		expect([3, 4, 5, 8, 20].map((streak) => reconnectWait(0, streak))).toEqual([
			1000,
			2000,
			4000,
			MAX_MS,
			MAX_MS
		]);
	});

	it('a server that closes at once gets ever longer waits and one notice; a calm stream ends the streak', () => {
		let clock = 0;
		const waits: number[] = [];
		const notices: number[] = [];
		const schedule = createReconnectScheduler({
			now: () => clock,
			setTimer: (_run, ms) => waits.push(ms),
			clearTimer: () => {},
			onThrottled: (ms) => notices.push(ms)
		});
		// Each reopened stream ends as soon as it opens: the next request comes when the last was due.
		for (let i = 0; i < 12; i++) {
			schedule(() => {}, 0, 0);
			clock += waits.at(-1)!;
		}
		expect(waits).toEqual([
			MIN_MS,
			MIN_MS,
			MIN_MS,
			1000,
			2000,
			4000,
			8000,
			16000,
			MAX_MS,
			MAX_MS,
			MAX_MS,
			MAX_MS
		]);
		expect(notices).toEqual([MAX_MS]);
		// A stream that stayed open for a while: the next reopening is not part of the streak.
		clock += QUICK_MS + 1;
		schedule(() => {}, 0, 0);
		expect(waits.at(-1)).toBe(MIN_MS);
	});

	it('reopens through the timer it set, and can be cancelled', async () => {
		let reopened = 0;
		const cancel = createReconnectScheduler()(() => reopened++, 0, 0);
		await new Promise((r) => setTimeout(r, MIN_MS + 100));
		expect(reopened).toBe(1);
		const cancelLater = createReconnectScheduler()(() => reopened++, 0, 0);
		if (typeof cancelLater === 'function') cancelLater();
		await new Promise((r) => setTimeout(r, MIN_MS + 100));
		expect(reopened).toBe(1);
		expect(typeof cancel).toBe('function');
	});
});
