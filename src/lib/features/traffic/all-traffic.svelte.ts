/**
 * Traffic of every server in the workspace, in one list ("All servers" in Traffic): a copy of
 * each entry, numbered in this view, naming its server, its request–response pairs renumbered.
 * Started when first shown (the servers' logs so far merged by time, then every new entry as it
 * comes), so a workspace that never looks costs nothing.
 */
import { TrafficLog } from './traffic-log.svelte.js';
import type { TrafficItem } from '../../core/traffic.js';
import type { ServerEntry, Workspace } from '../workspace/workspace.svelte.js';

export class AllServersTraffic {
	readonly log = new TrafficLog();
	#started = false;
	#seq = 0;
	/** Per server: its own seq → the seq in this view. */
	#seqs = new Map<ServerEntry, Map<number, number>>();

	constructor(private readonly workspace: Workspace) {}

	start(): void {
		if (this.#started) return;
		this.#started = true;
		const so_far: { entry: ServerEntry; item: TrafficItem }[] = [];
		for (const entry of this.workspace.entries) {
			entry.stores.log.flush();
			for (const item of entry.stores.log.entries) so_far.push({ entry, item });
		}
		so_far.sort((a, b) => a.item.time - b.item.time);
		for (const { entry, item } of so_far) this.#take(entry, item, 'added');
		for (const entry of this.workspace.entries) this.#follow(entry);
		this.workspace.onAdded((entry) => this.#follow(entry));
	}

	#follow(entry: ServerEntry): void {
		entry.stores.log.recorder.subscribe((item, change) => this.#take(entry, item, change));
	}

	#take(entry: ServerEntry, item: TrafficItem, change: 'added' | 'updated'): void {
		let seqs = this.#seqs.get(entry);
		if (!seqs) this.#seqs.set(entry, (seqs = new Map()));
		let seq = seqs.get(item.seq);
		if (seq === undefined) {
			if (change === 'updated') return;
			seqs.set(item.seq, (seq = ++this.#seq));
		}
		const copy = { ...item, seq, fromServer: this.workspace.nameOf(entry) } as TrafficItem;
		if ('pair' in copy && copy.pair !== undefined) copy.pair = seqs.get(copy.pair);
		if ('firstAnswer' in copy && copy.firstAnswer !== undefined)
			copy.firstAnswer = seqs.get(copy.firstAnswer);
		this.log.ingest(copy, change);
	}
}
