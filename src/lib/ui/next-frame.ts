/**
 * Batches work to once per animation frame: the returned `schedule` may be called for every
 * message of a burst; `flush` runs once, on the next frame (or after 16 ms where there are no
 * frames, as in Node). While a burst goes on (flushes back to back), flushes come at most every
 * `burstIntervalMs`, so re-rendering a list stays a small share of the main thread however fast
 * the messages come; a message after a quiet spell still shows on the next frame.
 */
export const BURST_INTERVAL_MS = 100;

export function frameScheduler(flush: () => void, burstIntervalMs = BURST_INTERVAL_MS): () => void {
	let scheduled = false;
	let last = -Infinity;
	const now = () => performance.now();
	const run = () => {
		scheduled = false;
		last = now();
		flush();
	};
	const nextFrame = () => {
		if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
		else setTimeout(run, 16);
	};
	return () => {
		if (scheduled) return;
		scheduled = true;
		const wait = last + burstIntervalMs - now();
		if (wait > 0) setTimeout(nextFrame, wait);
		else nextFrame();
	};
}

/** Resolves once the next frame has been drawn (or after 16 ms where there are no frames, as in Node). */
export function afterNextPaint(): Promise<void> {
	return new Promise((resolve) => {
		if (typeof requestAnimationFrame === 'function')
			// rAF runs just before the frame is drawn; the task after it comes once it is.
			requestAnimationFrame(() => setTimeout(resolve, 0));
		else setTimeout(resolve, 16);
	});
}
