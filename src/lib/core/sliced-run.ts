/**
 * Long synchronous work cut into time slices: a generator does one step per `next()`, and the
 * driver pauses for the event loop (the browser paints, handles input) whenever a slice is spent.
 */
import { nextTask, SLICE_MS } from './sliced-queue.js';

export interface SliceOptions {
	/** Work this long, then pause (default SLICE_MS). */
	sliceMs?: number;
	/** The pause (default: the next task). */
	pause?: () => Promise<void>;
	/** Stops the work (the promise rejects with the signal's reason) at the next step. */
	signal?: AbortSignal;
	now?: () => number;
}

/** Runs `steps` to its end, pausing whenever a slice is spent. */
export async function runSliced(
	steps: Iterator<unknown>,
	options: SliceOptions = {}
): Promise<void> {
	const { sliceMs = SLICE_MS, pause = nextTask, signal } = options;
	const now = options.now ?? (() => performance.now());
	let sliceStart = now();
	for (;;) {
		signal?.throwIfAborted();
		if (steps.next().done) return;
		if (now() - sliceStart > sliceMs) {
			await pause();
			sliceStart = now();
		}
	}
}
