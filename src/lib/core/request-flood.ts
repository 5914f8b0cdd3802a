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

	/** One request of `method` arrived. */
	note(method: string): void {
		const at = this.#now();
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

/** What the client does with each request of a flooding method, for the notice. */
function whatLoupeDoes(method: string): string {
	if (method === 'roots/list') return 'Loupe answered each one itself, with the roots you offer.';
	if (method === 'sampling/createMessage' || method === 'elicitation/create')
		return 'Each one waits in Pending requests; “Dismiss all waiting requests” refuses them at once.';
	return 'Each one is in Traffic.';
}

/** The notice's sentence: the method, the count, how fast, and what Loupe did. */
export function describeFlood(
	flood: RequestFlood,
	limit = FLOOD_LIMIT,
	windowMs = FLOOD_WINDOW_MS
) {
	const seconds = Math.max(0, flood.lastAt - flood.firstAt) / 1000;
	const span = seconds < 10 ? seconds.toFixed(1) : String(Math.round(seconds));
	return (
		`The server sent ${flood.count.toLocaleString('en-US')} ${flood.method} requests in ${span} s ` +
		`(more than ${limit} in ${windowMs / 1000} s is a flood). ${whatLoupeDoes(flood.method)}`
	);
}
