/**
 * How soon Loupe reopens an event stream the server closed: the SDK's `reconnectionScheduler`
 * for Streamable HTTP. On its own the SDK waits what the server asked for (`retry:`, which may be
 * 0), and a stream that opens fine and ends at once starts its attempt count over, so a server
 * that keeps closing its stream is reopened without end, about a hundred times a second.
 *
 * Here a reopening never comes sooner than MIN_MS. Reopenings that follow one another closely
 * (each within QUICK_MS of the time the previous one was due) make a streak; from the
 * STREAK_FREE-th on, each waits twice as long as the last, up to MAX_MS, and once at that the
 * person is told. A stream that stays open for a while ends the streak.
 */
import type { ReconnectionScheduler } from '@modelcontextprotocol/client';

export const MIN_MS = 250;
export const QUICK_MS = 5_000;
export const STREAK_FREE = 3;
export const MAX_MS = 30_000;

export interface ReconnectPolicyOptions {
	/** Said once per streak, when the wait has grown to MAX_MS. */
	onThrottled?: (waitMs: number) => void;
	now?: () => number;
	setTimer?: (run: () => void, ms: number) => unknown;
	clearTimer?: (timer: unknown) => void;
}

/** The wait before a reopening, given the server's (or the SDK's) `delay` and the streak so far. */
export function reconnectWait(delay: number, streak: number): number {
	const wait = Math.max(delay, MIN_MS);
	if (streak < STREAK_FREE) return wait;
	return Math.max(wait, Math.min(MAX_MS, 1000 * 2 ** (streak - STREAK_FREE)));
}

/** One scheduler per transport: its streak is that connection's. */
export function createReconnectScheduler(
	options: ReconnectPolicyOptions = {}
): ReconnectionScheduler {
	const now = options.now ?? (() => Date.now());
	const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
	const clearTimer =
		options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
	let streak = 0;
	/** When the previous reopening was due, if there was one. */
	let lastDue: number | undefined;
	let told = false;
	return (reconnect, delay) => {
		const t = now();
		if (lastDue !== undefined && t - lastDue <= QUICK_MS) streak++;
		else {
			streak = 0;
			told = false;
		}
		const wait = reconnectWait(delay, streak);
		lastDue = t + wait;
		if (wait >= MAX_MS && !told) {
			told = true;
			options.onThrottled?.(wait);
		}
		const timer = setTimer(reconnect, wait);
		return () => clearTimer(timer);
	};
}
