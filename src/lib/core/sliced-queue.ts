/**
 * Runs callbacks in order, at once while the current time slice lasts, and queued for later
 * tasks once it is spent, so a long synchronous burst of work yields to the browser (or to
 * Node's event loop) every few milliseconds without reordering anything.
 */

export const SLICE_MS = 8;
/** A pause this long between two callbacks means the burst is over: start a fresh slice. */
const IDLE_MS = 16;

type Schedule = (fn: () => void) => void;

/** A macrotask without setTimeout's clamping, where MessageChannel exists. */
function defaultSchedule(): Schedule {
	if (typeof MessageChannel === 'function') {
		const channel = new MessageChannel();
		const pending: (() => void)[] = [];
		channel.port1.onmessage = () => pending.shift()?.();
		// Node keeps a process alive while a port is referenced; the queue must not.
		(channel.port1 as unknown as { unref?: () => void }).unref?.();
		(channel.port2 as unknown as { unref?: () => void }).unref?.();
		return (fn) => {
			pending.push(fn);
			channel.port2.postMessage(null);
		};
	}
	return (fn) => setTimeout(fn, 0);
}

let sharedSchedule: Schedule | undefined;

/** Resolves in a later task, letting the browser paint and handle input first. */
export function nextTask(): Promise<void> {
	sharedSchedule ??= defaultSchedule();
	return new Promise((resolve) => sharedSchedule!(resolve));
}

interface Item {
	fn: () => void;
	/** Must not run in the same task right after other callbacks of this queue. */
	ownTask: boolean;
}

export class SlicedQueue {
	#queue: Item[] = [];
	/** Something ran in the current task (or the one that ran last; a stale "yes" only costs a hop). */
	#ranThisTask = false;
	#head = 0;
	#scheduled = false;
	#sliceStart = -Infinity;
	#last = -Infinity;
	/** Waiting for the queue to be empty. */
	#drainedWaiters: (() => void)[] = [];
	/** Holds not yet released (see hold): nothing runs meanwhile. */
	#holds = 0;

	constructor(
		private readonly now: () => number = () => performance.now(),
		private readonly schedule: Schedule = defaultSchedule()
	) {}

	get pending(): number {
		return this.#queue.length - this.#head;
	}

	/** Resolves once nothing is queued (at once when nothing is): lets a producer go at the pace the queue drains. */
	drained(): Promise<void> {
		if (this.pending === 0) return Promise.resolve();
		return new Promise((resolve) => this.#drainedWaiters.push(resolve));
	}

	/**
	 * Runs `fn` now or after what is queued. With `ownTask`, `fn` also waits for a task of its own
	 * when other callbacks ran just before it, so whatever they scheduled as microtasks (the SDK
	 * handles notifications one microtask late) happens first.
	 */
	run(fn: () => void, ownTask = false): void {
		if (this.pending === 0 && this.#holds === 0 && !(ownTask && this.#ranThisTask)) {
			// Behind a queue, the clock is not needed: a burst asks for it once per callback, not twice.
			const now = this.now();
			if (now - this.#last > IDLE_MS) this.#sliceStart = now;
			if (now - this.#sliceStart < SLICE_MS) {
				this.#last = now;
				this.#ranThisTask = true;
				fn();
				return;
			}
		}
		this.#queue.push({ fn, ownTask });
		this.#request();
	}

	/**
	 * Holds every callback from now on until `until` settles: they queue, and run after it, in
	 * order (a received message still being recorded must reach the log before the client).
	 */
	hold(until: Promise<unknown>): void {
		this.#holds++;
		const release = () => {
			this.#holds--;
			if (this.#holds === 0 && this.pending > 0) this.#request();
		};
		until.then(release, release);
	}

	#request(): void {
		if (this.#scheduled) return;
		this.#scheduled = true;
		this.schedule(() => this.#drain());
	}

	#drain(): void {
		this.#scheduled = false;
		this.#sliceStart = this.now();
		let ran = false;
		while (this.pending > 0 && this.#holds === 0 && this.now() - this.#sliceStart < SLICE_MS) {
			const { fn, ownTask } = this.#queue[this.#head];
			if (ownTask && ran) break;
			this.#queue[this.#head++] = undefined as unknown as Item;
			ran = true;
			try {
				fn();
			} catch (error) {
				// One failing callback must not stall the rest.
				queueMicrotask(() => {
					throw error;
				});
			}
		}
		this.#last = this.now();
		this.#ranThisTask = ran;
		if (this.pending > 0) {
			// Held: the release asks for the next drain.
			if (this.#holds === 0) this.#request();
		} else {
			this.#queue = [];
			this.#head = 0;
			const waiters = this.#drainedWaiters;
			this.#drainedWaiters = [];
			for (const resolve of waiters) resolve();
		}
	}
}
