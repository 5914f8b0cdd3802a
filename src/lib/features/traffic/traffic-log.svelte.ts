/**
 * The traffic log as the UI sees it: entries from the recorder, appended in batches once per
 * animation frame into a `$state.raw` array, so a burst of thousands of messages costs one
 * render per frame instead of one per message (and the filters look at the new entries only).
 * The filters' code comes with the Traffic view, which attaches it when it first loads: it is not
 * part of the first screen, while the log records from the start.
 */
import { TrafficRecorder, type TrafficItem } from '../../core/traffic.js';
import { KnownSecrets } from '../../core/known-secrets.js';
import type { DirectionFilter, IncrementalFilter, KindFilter } from '../../core/traffic-filter.js';
import { frameScheduler } from '../../ui/next-frame.js';

export type { DirectionFilter, KindFilter } from '../../core/traffic-filter.js';

/** The secrets this tab knows, one registry for every server's log (see known-secrets.ts). */
const tabSecrets = new KnownSecrets();

export class TrafficLog {
	readonly recorder = new TrafficRecorder(undefined, tabSecrets);
	/** The tab's known secrets: masked in the export and, until revealed, in the Message pane. */
	get secrets(): KnownSecrets {
		return this.recorder.secrets;
	}
	/** Every entry (messages, HTTP exchanges, connection boundaries), in order. Replaced (never mutated) so Svelte sees each change. */
	entries = $state.raw<TrafficItem[]>([]);
	query = $state('');
	direction = $state<DirectionFilter>('all');
	kind = $state<KindFilter>('messages');
	/** '' for every method, else only messages of this method (responses count as their request's). */
	method = $state('');
	selectedSeq = $state<number | undefined>(undefined);
	/** How the selected message is shown: its exact text as on the wire (the default: the UI contract's "raw JSON text"), or pretty-printed; the choice is kept. */
	messageView = $state<'exact' | 'pretty'>('exact');

	#pendingAdds: TrafficItem[] = [];
	#pendingUpdates = new Map<number, TrafficItem>();
	/** How many connection boundaries `entries` holds. */
	#boundaries = 0;
	#schedule = frameScheduler(() => this.flush());
	/** seq of entries[0]; entries are contiguous in seq. */
	#base = 1;
	#filter = $state.raw<IncrementalFilter | undefined>(undefined);

	constructor() {
		this.recorder.subscribe((entry, change) => this.ingest(entry, change));
	}

	/** Takes an entry (from this log's recorder, or a copy for the "All servers" view), shown with the next frame. */
	ingest(entry: TrafficItem, change: 'added' | 'updated'): void {
		if (change === 'added') this.#pendingAdds.push(entry);
		else this.#pendingUpdates.set(entry.seq, entry);
		this.#schedule();
	}

	/** Applies everything recorded since the last frame. */
	flush(): void {
		if (!this.#pendingAdds.length && !this.#pendingUpdates.size) return;
		const next = this.entries.concat(this.#pendingAdds);
		let newMethod = false;
		for (const e of this.#pendingAdds) {
			if (e.type === 'connection') this.#boundaries++;
			else if (e.type === 'message' && e.method && !this.#methodSet.has(e.method)) {
				this.#methodSet.add(e.method);
				newMethod = true;
			}
		}
		this.#pendingAdds = [];
		for (const [seq, entry] of this.#pendingUpdates) {
			const index = seq - this.#base;
			// A fresh object, so the row showing it re-renders.
			if (index >= 0 && index < next.length) {
				next[index] = { ...entry } as TrafficItem;
				this.#filter?.updated(seq);
			}
		}
		this.#pendingUpdates.clear();
		this.entries = next;
		if (newMethod) this.methods = [...this.#methodSet].sort();
	}

	clear(): void {
		this.flush();
		this.#base += this.entries.length;
		this.entries = [];
		this.#boundaries = 0;
		this.selectedSeq = undefined;
		this.#methodSet.clear();
		this.methods = [];
		this.method = '';
	}

	bySeq(seq: number): TrafficItem | undefined {
		return this.entries[seq - this.#base];
	}

	/** The Traffic view gives the log its filters when it first loads. */
	attachFilter(filter: IncrementalFilter): void {
		this.#filter ??= filter;
	}

	/** The entries that pass the filters (all of them until the Traffic view has attached its filters). */
	filtered = $derived.by(
		() =>
			this.#filter?.apply(this.entries, this.#base, {
				query: this.query,
				direction: this.direction,
				kind: this.kind,
				method: this.method
			}) ?? this.entries
	);

	/** How many messages and exchanges the log holds (boundaries not counted). */
	get total(): number {
		return this.entries.length - this.#boundaries;
	}

	/** How many of them the filters let through. */
	get shown(): number {
		const rows = this.filtered;
		return rows === this.entries ? this.total : rows.length - (this.#filter?.shownBoundaries ?? 0);
	}

	/** Every method seen so far, for the method filter (kept up to date as entries arrive). */
	methods = $state.raw<string[]>([]);
	#methodSet = new Set<string>();
}
