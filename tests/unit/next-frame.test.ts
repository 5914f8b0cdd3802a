import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameScheduler } from '../../src/lib/ui/next-frame';

describe('frameScheduler', () => {
	afterEach(() => void vi.useRealTimers());

	it('flushes once per frame, at most every 100 ms during a burst, and at once after a quiet spell', () => {
		vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
		let flushes = 0;
		const schedule = frameScheduler(() => flushes++);
		for (let i = 0; i < 1000; i++) schedule();
		vi.advanceTimersByTime(16);
		expect(flushes).toBe(1);
		// The burst goes on: the next flush waits until 100 ms after the last one.
		schedule();
		vi.advanceTimersByTime(60);
		expect(flushes).toBe(1);
		schedule();
		vi.advanceTimersByTime(60);
		expect(flushes).toBe(2);
		// Quiet for a while: the next message shows on the next frame.
		vi.advanceTimersByTime(500);
		schedule();
		vi.advanceTimersByTime(16);
		expect(flushes).toBe(3);
	});
});
