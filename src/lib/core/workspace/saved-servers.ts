/**
 * The workspace's list as it is kept between visits (localStorage): each server's URL, transport
 * and given name, and which one was selected. Never tokens, headers or client secrets; a URL
 * with user info or a secret-looking query parameter is not kept at all. What is read back is
 * checked entry by entry: a damaged store loses the bad entries, not the page.
 */
import type { TransportChoice } from '../connect.js';
import { maskUrl } from '../secrets.js';

export interface SavedServer {
	url: string;
	transport: TransportChoice;
	name?: string;
}

export interface SavedWorkspace {
	servers: SavedServer[];
	selected: number;
}

const TRANSPORTS: readonly string[] = ['auto', 'streamable-http', 'sse'];
/** More than this many entries is not a workspace anyone keeps; the rest are dropped on save. */
export const MAX_SAVED = 50;

/** Whether a URL may be kept: http(s), no user info, no secret-looking query values. */
export function isKeepable(raw: string): boolean {
	try {
		const url = new URL(raw.trim());
		return (
			(url.protocol === 'http:' || url.protocol === 'https:') &&
			!url.username &&
			!url.password &&
			maskUrl(url.href) === url.href
		);
	} catch {
		return false;
	}
}

/** The JSON to keep, or undefined when nothing is worth keeping. */
export function saveWorkspace(servers: SavedServer[], selected: number): string | undefined {
	const kept: SavedServer[] = [];
	let keptSelected = 0;
	servers.forEach((server, index) => {
		if (!server.url.trim() || !isKeepable(server.url) || kept.length >= MAX_SAVED) return;
		if (index === selected) keptSelected = kept.length;
		kept.push({
			url: server.url.trim(),
			transport: server.transport,
			...(server.name ? { name: server.name } : {})
		});
	});
	return kept.length
		? JSON.stringify({ servers: kept, selected: keptSelected } satisfies SavedWorkspace)
		: undefined;
}

/** Reads what saveWorkspace kept; anything else gives an empty workspace. */
export function readSavedWorkspace(text: string | null): SavedWorkspace {
	const empty = { servers: [], selected: 0 };
	if (!text) return empty;
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch {
		return empty;
	}
	if (!data || typeof data !== 'object' || !Array.isArray((data as SavedWorkspace).servers))
		return empty;
	const servers: SavedServer[] = [];
	for (const entry of (data as { servers: unknown[] }).servers.slice(0, MAX_SAVED)) {
		if (!entry || typeof entry !== 'object') continue;
		const { url, transport, name } = entry as Record<string, unknown>;
		if (typeof url !== 'string' || !isKeepable(url)) continue;
		servers.push({
			url,
			transport:
				typeof transport === 'string' && TRANSPORTS.includes(transport)
					? (transport as TransportChoice)
					: 'auto',
			...(typeof name === 'string' && name.trim() ? { name: name.trim().slice(0, 80) } : {})
		});
	}
	const selected = (data as { selected?: unknown }).selected;
	return {
		servers,
		selected:
			typeof selected === 'number' && selected >= 0 && selected < servers.length
				? Math.floor(selected)
				: 0
	};
}
