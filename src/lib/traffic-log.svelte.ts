/**
 * The traffic log as the UI sees it: entries from the recorder, appended in batches once per
 * animation frame into a `$state.raw` array, so a burst of thousands of messages costs one
 * render per frame instead of one per message.
 */
import { TrafficRecorder, type Direction, type TrafficEntry } from './core/traffic.js';
import { frameScheduler } from './next-frame.js';

export type DirectionFilter = 'all' | Direction;
export type KindFilter = 'messages' | 'all' | 'http';

export class TrafficLog {
	readonly recorder = new TrafficRecorder();
	/** Every entry, in order. Replaced (never mutated) so Svelte sees each change. */
	entries = $state.raw<TrafficEntry[]>([]);
	query = $state('');
	direction = $state<DirectionFilter>('all');
	kind = $state<KindFilter>('messages');
	/** '' for every method, else only messages of this method (responses count as their request's). */
	method = $state('');
	selectedSeq = $state<number | undefined>(undefined);
	/** How the selected message is shown: its exact text as on the wire, or pretty-printed. */
	messageView = $state<'exact' | 'pretty'>('exact');

	#pendingAdds: TrafficEntry[] = [];
	#pendingUpdates = new Map<number, TrafficEntry>();
	#schedule = frameScheduler(() => this.flush());
	/** seq of entries[0]; entries are contiguous in seq. */
	#base = 1;

	constructor() {
		this.recorder.subscribe((entry, change) => {
			if (change === 'added') this.#pendingAdds.push(entry);
			else this.#pendingUpdates.set(entry.seq, entry);
			this.#schedule();
		});
	}

	/** Applies everything recorded since the last frame. */
	flush(): void {
		if (!this.#pendingAdds.length && !this.#pendingUpdates.size) return;
		const next = this.entries.concat(this.#pendingAdds);
		let newMethod = false;
		for (const e of this.#pendingAdds) {
			if (e.type === 'message' && e.method && !this.#methodSet.has(e.method)) {
				this.#methodSet.add(e.method);
				newMethod = true;
			}
		}
		this.#pendingAdds = [];
		for (const [seq, entry] of this.#pendingUpdates) {
			const index = seq - this.#base;
			// A fresh object, so the row showing it re-renders.
			if (index >= 0 && index < next.length) next[index] = { ...entry } as TrafficEntry;
		}
		this.#pendingUpdates.clear();
		this.entries = next;
		if (newMethod) this.methods = [...this.#methodSet].sort();
	}

	clear(): void {
		this.flush();
		this.#base += this.entries.length;
		this.entries = [];
		this.selectedSeq = undefined;
		this.#methodSet.clear();
		this.methods = [];
		this.method = '';
	}

	bySeq(seq: number): TrafficEntry | undefined {
		return this.entries[seq - this.#base];
	}

	/** The entries that pass the filters. */
	filtered = $derived.by(() => filterEntries(this.entries, this.query, this.direction, this.kind, this.method));

	/** Every method seen so far, for the method filter (kept up to date as entries arrive). */
	methods = $state.raw<string[]>([]);
	#methodSet = new Set<string>();
}

export function filterEntries(
	entries: TrafficEntry[],
	query: string,
	direction: DirectionFilter,
	kind: KindFilter,
	method = ''
): TrafficEntry[] {
	const q = query.trim().toLowerCase();
	if (!q && direction === 'all' && kind === 'all' && !method) return entries;
	return entries.filter((e) => {
		if (method && (e.type !== 'message' || e.method !== method)) return false;
		if (kind === 'messages' && e.type !== 'message') return false;
		if (kind === 'http' && e.type !== 'http') return false;
		if (direction !== 'all') {
			if (e.type !== 'message' || e.direction !== direction) return false;
		}
		if (!q) return true;
		if (e.type === 'message') return (e.method ?? '').toLowerCase().includes(q) || e.raw.toLowerCase().includes(q);
		return e.url.toLowerCase().includes(q) || e.method.toLowerCase().includes(q) || String(e.status ?? '').includes(q);
	});
}
