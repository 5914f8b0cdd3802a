/**
 * This tab's memory of each server's protocol era (sessionStorage, per server URL), so a second
 * connect to a 2025-era server skips the server/discover probe. The rule of what is remembered and
 * for how long is core/era-hint.ts. Only the URL and the era are stored: never tokens, and never a
 * URL with credentials in it (user info, or a secret-looking query parameter).
 */
import {
	eraHint,
	learnedEra,
	readEraMemory,
	type EraMemory,
	type EraSource,
	type ProtocolEra
} from '../../core/era-hint.js';
import { maskUrl } from '../../core/secrets.js';

const KEY = 'loupe:server-eras';
/** The most servers remembered; the oldest are forgotten first. */
const MAX_SERVERS = 20;

const rememberable = (url: URL) => !url.username && !url.password && maskUrl(url.href) === url.href;

function readAll(): Record<string, EraMemory> {
	try {
		const stored = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
		const out: Record<string, EraMemory> = {};
		if (stored && typeof stored === 'object') {
			for (const [url, value] of Object.entries(stored)) {
				const memory = readEraMemory(value);
				if (memory) out[url] = memory;
			}
		}
		return out;
	} catch {
		return {};
	}
}

/** The hint for connecting to `url` now ('legacy' to skip the probe), if this tab learned one. */
export function eraHintFor(url: URL): 'legacy' | undefined {
	return rememberable(url) ? eraHint(readAll()[url.href], Date.now()) : undefined;
}

/** After a successful connect: remembers the era if a full negotiation found it. */
export function rememberEra(url: URL, connected: { era?: ProtocolEra; eraFrom?: EraSource }): void {
	const memory = learnedEra(connected, Date.now());
	if (!memory || !rememberable(url)) return;
	const all = readAll();
	delete all[url.href];
	all[url.href] = memory;
	const kept = Object.entries(all).slice(-MAX_SERVERS);
	try {
		sessionStorage.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
	} catch {
		// Storage full or unavailable: nothing is remembered.
	}
}
