/**
 * The workspace: several servers side by side, each its own ServerStores (connection, sign-in,
 * stores, pending requests, traffic), all connected at once while one is selected. Every entry is
 * named (serverInfo title, else name, else host and path; equal names suffixed). The list — URL,
 * transport, given name, never a secret — is kept in localStorage for the next visit.
 */
import { ServerStores } from './server-stores.svelte.js';
import type { TransportChoice } from '../../core/connect.js';
import { uniqueNames } from '../../core/workspace/server-names.js';
import {
	readSavedWorkspace,
	saveWorkspace,
	type SavedServer
} from '../../core/workspace/saved-servers.js';

const STORE_KEY = 'loupe:workspace';

export interface ServerInit {
	url?: string;
	transport?: TransportChoice;
	/** A name from an imported config, until the server says its own. */
	name?: string;
}

export class ServerEntry {
	readonly stores: ServerStores;
	given = $state<string | undefined>(undefined);

	constructor(
		readonly id: string,
		init: ServerInit,
		onConnect: () => void,
		/** URLs of the other servers connected in this tab. */
		connectedElsewhere?: () => string[]
	) {
		this.stores = new ServerStores({ onConnect, connectedElsewhere });
		// Connected: the server's own name is worth keeping for the next visit.
		this.stores.connection.listen({ ready: onConnect, ended: () => {} });
		if (init.url) this.stores.connection.url = init.url;
		if (init.transport) this.stores.connection.transport = init.transport;
		this.given = init.name;
	}
}

export class Workspace {
	entries = $state.raw<ServerEntry[]>([]);
	selectedId = $state('');
	selected = $derived.by(
		() => this.entries.find((e) => e.id === this.selectedId) ?? this.entries[0]
	);
	/** Each entry's name, by id. */
	names = $derived.by(() => {
		const names = uniqueNames(
			this.entries.map((e) => {
				const details = e.stores.connection.details;
				return {
					url: e.stores.connection.url,
					serverInfo: details && { title: details.title, name: details.name },
					given: e.given
				};
			})
		);
		return new Map(this.entries.map((e, i) => [e.id, names[i]]));
	});

	#next = 1;
	#added: ((entry: ServerEntry) => void)[] = [];
	readonly #storage: Storage | undefined;

	constructor(
		storage: Storage | undefined = typeof localStorage === 'undefined' ? undefined : localStorage
	) {
		this.#storage = storage;
		let saved: ReturnType<typeof readSavedWorkspace> = { servers: [], selected: 0 };
		try {
			saved = readSavedWorkspace(storage?.getItem(STORE_KEY) ?? null);
		} catch {
			// Storage unavailable: an empty workspace.
		}
		const entries = saved.servers.map((s) => this.#create(s));
		this.entries = entries.length ? entries : [this.#create({})];
		this.selectedId = this.entries[Math.min(saved.selected, this.entries.length - 1)].id;
	}

	#create(init: ServerInit): ServerEntry {
		const entry: ServerEntry = new ServerEntry(
			`server-${this.#next++}`,
			init,
			() => this.save(),
			() =>
				this.entries
					.filter((e) => e !== entry && e.stores.connection.status === 'connected')
					.map((e) => e.stores.connection.url)
		);
		for (const hear of this.#added) hear(entry);
		return entry;
	}

	/** Hears each server added from now on. */
	onAdded(listener: (entry: ServerEntry) => void): void {
		this.#added.push(listener);
	}

	nameOf(entry: ServerEntry): string {
		return this.names.get(entry.id) ?? 'Server';
	}

	/** Adds a server (an empty one unless given) and selects it. */
	add(init: ServerInit = {}): ServerEntry {
		const entry = this.#create(init);
		this.entries = [...this.entries, entry];
		this.selectedId = entry.id;
		this.save();
		return entry;
	}

	/** The entry for this URL (the same text, or the same URL once parsed), if there is one. */
	find(url: string): ServerEntry | undefined {
		const same = (a: string, b: string) =>
			a.trim() === b.trim() ||
			(URL.canParse(a.trim()) &&
				URL.canParse(b.trim()) &&
				new URL(a.trim()).href === new URL(b.trim()).href);
		return this.entries.find((e) => same(e.stores.connection.url, url));
	}

	/** Opens a server: selects the entry with this URL, else fills an empty selected one, else adds one. */
	open(init: ServerInit & { url: string }): ServerEntry {
		const existing = this.find(init.url);
		if (existing) {
			if (init.transport) existing.stores.connection.transport = init.transport;
			this.select(existing.id);
			return existing;
		}
		const blank =
			this.selected &&
			!this.selected.stores.connection.url.trim() &&
			this.selected.stores.connection.status === 'disconnected'
				? this.selected
				: undefined;
		if (blank) {
			blank.stores.connection.url = init.url;
			if (init.transport) blank.stores.connection.transport = init.transport;
			if (init.name) blank.given = init.name;
			this.save();
			return blank;
		}
		return this.add(init);
	}

	select(id: string): void {
		if (!this.entries.some((e) => e.id === id)) return;
		this.selectedId = id;
		this.save();
	}

	/** Removes a server (its session is ended first); the workspace always keeps one entry. */
	remove(id: string): void {
		const index = this.entries.findIndex((e) => e.id === id);
		if (index < 0) return;
		this.entries[index].stores.connection.disconnect();
		const rest = this.entries.filter((e) => e.id !== id);
		this.entries = rest.length ? rest : [this.#create({})];
		if (this.selectedId === id || !rest.length)
			this.selectedId = this.entries[Math.min(index, this.entries.length - 1)].id;
		this.save();
	}

	/** Keeps the list for the next visit (URL, transport, given name only). */
	save(): void {
		const servers: SavedServer[] = this.entries.map((e) => {
			const details = e.stores.connection.details;
			return {
				url: e.stores.connection.url,
				transport: e.stores.connection.transport,
				name: details?.title || details?.name || e.given
			};
		});
		const selected = this.entries.findIndex((e) => e.id === this.selectedId);
		try {
			const text = saveWorkspace(servers, selected);
			if (text) this.#storage?.setItem(STORE_KEY, text);
			else this.#storage?.removeItem(STORE_KEY);
		} catch {
			// Storage full or unavailable: the list lives in this tab only.
		}
	}
}
