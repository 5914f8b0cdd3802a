/**
 * The Traffic view's filters (text, direction, kind, method), kept up to date as entries arrive:
 * the last result is brought forward from what was added and replaced since, so a burst costs
 * work for its new entries only, not a pass over the whole log on every frame.
 */
import type { Direction, TrafficEntry } from './traffic.js';

export type DirectionFilter = 'all' | Direction;
export type KindFilter = 'messages' | 'all' | 'http';

export interface TrafficFilters {
	query: string;
	direction: DirectionFilter;
	kind: KindFilter;
	/** '' for every method, else only messages of this method (responses count as their request's). */
	method: string;
}

/** The test an entry must pass, or undefined when every entry passes. */
export function entryTest({ query, direction, kind, method }: TrafficFilters): ((e: TrafficEntry) => boolean) | undefined {
	const q = query.trim().toLowerCase();
	if (!q && direction === 'all' && kind === 'all' && !method) return undefined;
	return (e) => {
		if (method && (e.type !== 'message' || e.method !== method)) return false;
		if (kind === 'messages' && e.type !== 'message') return false;
		if (kind === 'http' && e.type !== 'http') return false;
		if (direction !== 'all') {
			if (e.type !== 'message' || e.direction !== direction) return false;
		}
		if (!q) return true;
		if (e.type === 'message') return (e.method ?? '').toLowerCase().includes(q) || e.raw.toLowerCase().includes(q);
		return e.url.toLowerCase().includes(q) || e.method.toLowerCase().includes(q) || String(e.status ?? '').includes(q);
	};
}

export function filterEntries(
	entries: TrafficEntry[],
	query: string,
	direction: DirectionFilter,
	kind: KindFilter,
	method = ''
): TrafficEntry[] {
	const test = entryTest({ query, direction, kind, method });
	return test ? entries.filter(test) : entries;
}

/** Index of the first entry with a seq at or after `seq` (entries in seq order). */
function indexOfSeq(entries: readonly TrafficEntry[], seq: number): number {
	let low = 0;
	let high = entries.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (entries[mid].seq < seq) low = mid + 1;
		else high = mid;
	}
	return low;
}

/** Past this many replaced entries waiting, filtering everything again is as cheap. */
const MAX_PENDING_UPDATES = 10_000;

/**
 * Filters a log whose entries are in seq order and contiguous in seq (the first one's seq is
 * `base`), only ever appended to, or replaced by fresh copies that `updated` is told about.
 */
export class IncrementalFilter {
	#memo: { key: string; base: number; next: number; result: TrafficEntry[] } | undefined;
	/** Seqs of entries replaced since the memo's result. */
	#updated: number[] = [];

	/** The entry with this seq was replaced by a fresh copy. */
	updated(seq: number): void {
		if (!this.#memo) return;
		this.#updated.push(seq);
		if (this.#updated.length > MAX_PENDING_UPDATES) this.#forget();
	}

	/** The entries that pass the filters: a new array when anything changed, else the last one. */
	apply(entries: TrafficEntry[], base: number, filters: TrafficFilters): TrafficEntry[] {
		const test = entryTest(filters);
		if (!test) {
			this.#forget();
			return entries;
		}
		const key = JSON.stringify([filters.query.trim().toLowerCase(), filters.direction, filters.kind, filters.method]);
		const memo = this.#memo;
		const next = base + entries.length;
		if (!memo || memo.key !== key || memo.base !== base || memo.next > next) {
			this.#updated = [];
			const result = entries.filter(test);
			this.#memo = { key, base, next, result };
			return result;
		}
		let result = memo.result;
		let copied = false;
		const own = () => (copied ? result : ((copied = true), (result = result.slice())));
		for (const seq of this.#updated) {
			// Entries new since the memo are read below, as they are now.
			if (seq < base || seq >= memo.next) continue;
			const fresh = entries[seq - base];
			const at = indexOfSeq(result, seq);
			const present = at < result.length && result[at].seq === seq;
			const passes = test(fresh);
			if (present && passes) own()[at] = fresh;
			else if (present) own().splice(at, 1);
			else if (passes) own().splice(at, 0, fresh);
		}
		this.#updated = [];
		for (let i = memo.next - base; i < entries.length; i++) {
			if (test(entries[i])) own().push(entries[i]);
		}
		this.#memo = { key, base, next, result };
		return result;
	}

	#forget(): void {
		this.#memo = undefined;
		this.#updated = [];
	}
}
