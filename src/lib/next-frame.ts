/**
 * Batches work to once per animation frame: the returned `schedule` may be called for every
 * message of a burst; `flush` runs once, on the next frame (or after 16 ms where there are no
 * frames, as in Node).
 */
export function frameScheduler(flush: () => void): () => void {
	let scheduled = false;
	const run = () => {
		scheduled = false;
		flush();
	};
	return () => {
		if (scheduled) return;
		scheduled = true;
		if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
		else setTimeout(run, 16);
	};
}
