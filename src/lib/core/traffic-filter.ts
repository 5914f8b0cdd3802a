/**
 * The Traffic view's filters (text, direction, kind, method), kept up to date as entries arrive:
 * the last result is brought forward from what was added and replaced since, so a burst costs
 * work for its new entries only, not a pass over the whole log on every frame.
 *
 * Text finds a request and its response together: a message matches when its own method, subject
 * or text does, or its pair's does (filtering `create_order` shows the tools/call and its answer).
 * A connection's boundary shows above the first entry of that connection that passes, so the
 * matches of different connections stay apart; a connection with no match shows no boundary.
 */
import type {
	ConnectionEntry,
	Direction,
	MessageEntry,
	TrafficEntry,
	TrafficItem
} from './traffic.js';

export type DirectionFilter = 'all' | Direction;
export type KindFilter = 'messages' | 'all' | 'http';

export interface TrafficFilters {
	query: string;
	direction: DirectionFilter;
	kind: KindFilter;
	/** '' for every method, else only messages of this method (responses count as their request's). */
	method: string;
}

/** The log entry with this seq, if it is still in the log. */
export type SeqLookup = (seq: number) => TrafficItem | undefined;

/**
 * The test a message or HTTP entry must pass, or undefined when every entry passes. `lookup`
 * finds a message's pair, whose text counts as its own.
 */
export function entryTest(
	{ query, direction, kind, method }: TrafficFilters,
	lookup?: SeqLookup
): ((e: TrafficEntry) => boolean) | undefined {
	const q = query.trim().toLowerCase();
	if (!q && direction === 'all' && kind === 'all' && !method) return undefined;
	// Case-insensitive search without a lower-cased copy of every message's text.
	const pattern = new RegExp(q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
	const ownText = (m: MessageEntry) =>
		(m.method !== undefined && pattern.test(m.method)) ||
		(m.subject !== undefined && pattern.test(m.subject)) ||
		pattern.test(m.raw);
	return (e) => {
		if (method && (e.type !== 'message' || e.method !== method)) return false;
		if (kind === 'messages' && e.type !== 'message') return false;
		if (kind === 'http' && e.type !== 'http') return false;
		if (direction !== 'all') {
			if (e.type !== 'message' || e.direction !== direction) return false;
		}
		if (!q) return true;
		if (e.type === 'message') {
			if (ownText(e)) return true;
			const pair = e.pair !== undefined ? lookup?.(e.pair) : undefined;
			return pair?.type === 'message' && ownText(pair);
		}
		const mcp = `${e.requestHeaders['mcp-method'] ?? ''} ${e.requestHeaders['mcp-name'] ?? ''}`;
		return (
			pattern.test(e.url) ||
			pattern.test(e.method) ||
			String(e.status ?? '').includes(q) ||
			pattern.test(mcp)
		);
	};
}

/** `entries` as the lookup of their seqs (entries in seq order, contiguous, the first one's seq `base`). */
function lookupIn(entries: readonly TrafficItem[], base: number): SeqLookup {
	return (seq) => entries[seq - base];
}

/** Filters the whole log at once (what IncrementalFilter keeps up to date). */
export function filterEntries(
	entries: TrafficItem[],
	query: string,
	direction: DirectionFilter,
	kind: KindFilter,
	method = ''
): TrafficItem[] {
	const test = entryTest(
		{ query, direction, kind, method },
		lookupIn(entries, entries[0]?.seq ?? 1)
	);
	if (!test) return entries;
	const passing = new Set<TrafficItem>();
	const matched = new Set<number>();
	for (const e of entries) {
		if (e.type !== 'connection' && test(e)) {
			passing.add(e);
			matched.add(e.connection);
		}
	}
	return entries.filter((e) =>
		e.type === 'connection' ? matched.has(e.connection) : passing.has(e)
	);
}

/** Index of the first entry with a seq at or after `seq` (entries in seq order). */
export function indexOfSeq(entries: readonly TrafficItem[], seq: number): number {
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

interface Memo {
	key: string;
	base: number;
	/** The seq after the last entry looked at. */
	next: number;
	result: TrafficItem[];
	/** Seq of each connection's boundary, by connection number. */
	boundaries: Map<number, number>;
	/** How many boundaries `result` holds. */
	shownBoundaries: number;
}

/**
 * Filters a log whose entries are in seq order and contiguous in seq (the first one's seq is
 * `base`), only ever appended to, or replaced by fresh copies that `updated` is told about.
 */
export class IncrementalFilter {
	#memo: Memo | undefined;
	/** Seqs of entries replaced since the memo's result. */
	#updated: number[] = [];

	/** The entry with this seq was replaced by a fresh copy. */
	updated(seq: number): void {
		if (!this.#memo) return;
		this.#updated.push(seq);
		if (this.#updated.length > MAX_PENDING_UPDATES) this.#forget();
	}

	/** How many connection boundaries the last filtered result holds (undefined when nothing is filtered). */
	get shownBoundaries(): number | undefined {
		return this.#memo?.shownBoundaries;
	}

	/** The entries that pass the filters: a new array when anything changed, else the last one. */
	apply(entries: TrafficItem[], base: number, filters: TrafficFilters): TrafficItem[] {
		const test = entryTest(filters, lookupIn(entries, base));
		if (!test) {
			this.#forget();
			return entries;
		}
		const key = JSON.stringify([
			filters.query.trim().toLowerCase(),
			filters.direction,
			filters.kind,
			filters.method
		]);
		const last = this.#memo;
		const fresh =
			!last || last.key !== key || last.base !== base || last.next > base + entries.length;
		const memo: Memo = fresh
			? { key, base, next: base, result: [], boundaries: new Map(), shownBoundaries: 0 }
			: { ...last, boundaries: last.boundaries };
		let result = memo.result;
		let copied = fresh;
		const own = () => (copied ? result : ((copied = true), (result = result.slice())));
		const boundaryOf = (connection: number): ConnectionEntry | undefined => {
			const seq = memo.boundaries.get(connection);
			const entry = seq !== undefined ? entries[seq - base] : undefined;
			return entry?.type === 'connection' ? entry : undefined;
		};
		/** Puts `e` at `at`, with its connection's boundary before it when the entry before is another connection's. */
		const insert = (at: number, e: TrafficEntry) => {
			const boundary =
				result[at - 1]?.connection !== e.connection ? boundaryOf(e.connection) : undefined;
			if (boundary) memo.shownBoundaries++;
			if (at < result.length) own().splice(at, 0, ...(boundary ? [boundary, e] : [e]));
			else if (boundary) own().push(boundary, e);
			else own().push(e);
		};
		/** Takes out the entry at `at`, and its connection's boundary when no entry of that connection is left under it. */
		const remove = (at: number) => {
			own().splice(at, 1);
			const before = result[at - 1];
			if (before?.type === 'connection' && result[at]?.connection !== before.connection) {
				result.splice(at - 1, 1);
				memo.shownBoundaries--;
			}
		};
		for (const seq of fresh ? [] : this.#updated) {
			// Entries new since the memo are read below, as they are now.
			if (seq < base || seq >= memo.next) continue;
			const e = entries[seq - base];
			const at = indexOfSeq(result, seq);
			const present = at < result.length && result[at].seq === seq;
			if (e.type === 'connection') {
				if (present) own()[at] = e;
				continue;
			}
			const passes = test(e);
			if (present && passes) own()[at] = e;
			else if (present) remove(at);
			else if (passes) insert(at, e);
		}
		this.#updated = [];
		for (let i = memo.next - base; i < entries.length; i++) {
			const e = entries[i];
			if (e.type === 'connection') memo.boundaries.set(e.connection, e.seq);
			else if (test(e)) insert(result.length, e);
		}
		memo.next = base + entries.length;
		memo.result = result;
		this.#memo = memo;
		return result;
	}

	#forget(): void {
		this.#memo = undefined;
		this.#updated = [];
	}
}
