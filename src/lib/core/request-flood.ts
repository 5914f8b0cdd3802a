/**
 * Noticing a server that floods the client with requests (roots/list, sampling/createMessage,
 * elicitation/create…): more than `limit` of one method within `windowMs` starts a burst, which
 * lasts until that method has been quiet for `windowMs`. Each burst is reported once, as it starts,
 * and then only as its count grows, so a person sees one notice per burst, not one per request.
 */

export interface RequestFlood {
	method: string;
	/** Requests of this method in the burst so far (those that started it included). */
	count: number;
	/** When the first and the last request of the burst arrived (ms, the clock given). */
	firstAt: number;
	lastAt: number;
}

export interface FloodOptions {
	/** More than this many requests of one method within the window is a flood. */
	limit?: number;
	windowMs?: number;
	now?: () => number;
}

export const FLOOD_LIMIT = 50;
export const FLOOD_WINDOW_MS = 5000;

interface MethodTrack {
	/** Arrival times within the window, oldest first, from `start`. */
	times: number[];
	start: number;
	burst?: RequestFlood;
}

export class RequestFloodWatch {
	readonly limit: number;
	readonly windowMs: number;
	readonly #now: () => number;
	readonly #tracks = new Map<string, MethodTrack>();
	/** A burst started (`started`), or grew; the flood object is a new one each time. */
	onflood: ((flood: RequestFlood, started: boolean) => void) | undefined;

	constructor({ limit = FLOOD_LIMIT, windowMs = FLOOD_WINDOW_MS, now }: FloodOptions = {}) {
		this.limit = limit;
		this.windowMs = windowMs;
		this.#now = now ?? (() => Date.now());
	}

	/** One request of `method` arrived (at `at`, if it was noted before the watch existed). */
	note(method: string, at = this.#now()): void {
		let track = this.#tracks.get(method);
		if (!track) this.#tracks.set(method, (track = { times: [], start: 0 }));
		const { burst } = track;
		if (burst && at - burst.lastAt >= this.windowMs) track.burst = undefined;
		if (track.burst) {
			track.burst = { ...track.burst, count: track.burst.count + 1, lastAt: at };
			this.onflood?.(track.burst, false);
			return;
		}
		track.times.push(at);
		while (track.start < track.times.length && at - track.times[track.start] >= this.windowMs)
			track.start++;
		if (track.start > 1024) {
			track.times = track.times.slice(track.start);
			track.start = 0;
		}
		const inWindow = track.times.length - track.start;
		if (inWindow <= this.limit) return;
		track.burst = {
			method,
			count: inWindow,
			firstAt: track.times[track.start],
			lastAt: at
		};
		track.times = [];
		track.start = 0;
		this.onflood?.(track.burst, true);
	}

	/** Forgets every count (a new connection starts afresh). */
	reset(): void {
		this.#tracks.clear();
	}
}

/**
 * The notices a person sees: the latest burst of each method, updated in place as it grows,
 * until dismissed; a burst that starts after a dismissal shows again.
 */
export class FloodNotices {
	readonly watch: RequestFloodWatch;
	#list: readonly RequestFlood[] = [];

	constructor(
		readonly onchange: (notices: readonly RequestFlood[]) => void,
		options?: FloodOptions
	) {
		this.watch = new RequestFloodWatch(options);
		this.watch.onflood = (flood, started) => {
			const shown = this.#list.some((f) => f.method === flood.method);
			if (shown) this.#set(this.#list.map((f) => (f.method === flood.method ? flood : f)));
			else if (started) this.#set([...this.#list, flood]);
		};
	}

	get list(): readonly RequestFlood[] {
		return this.#list;
	}

	dismiss(method: string): void {
		this.#set(this.#list.filter((f) => f.method !== method));
	}

	#set(list: readonly RequestFlood[]): void {
		this.#list = list;
		this.onchange(list);
	}
}
