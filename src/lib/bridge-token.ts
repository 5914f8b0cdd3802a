/**
 * The local bridge's token in this tab: taken from the link's fragment before anything else runs
 * (hooks.client.ts), removed from the address bar at once, and kept in this module's memory only:
 * never in storage, the page, the traffic log (its header is masked) or an export. A reload
 * forgets it; the bridge's link brings it back.
 */
import { bridgeHeadersFor, readBridgeFragment, type BridgeCredentials } from './core/bridge-link.js';

let credentials: BridgeCredentials | undefined;

/** Moves a bridge token from the address bar into memory (once, at start). */
export function takeBridgeToken(): void {
	const url = new URL(location.href);
	const fragment = readBridgeFragment(url);
	if (!fragment.found) return;
	history.replaceState(history.state, '', `${url.pathname}${url.search}${fragment.rest}`);
	if (fragment.credentials) credentials = fragment.credentials;
}

/**
 * `headers` plus the bridge token's header for a connection to `url` (nothing is added unless
 * `url` is the bridge's). The token's header replaces one of the same name in any spelling.
 */
export function withBridgeHeaders(headers: Record<string, string>, url: URL): Record<string, string> {
	const added = bridgeHeadersFor(credentials, url);
	const names = new Set(Object.keys(added).map((n) => n.toLowerCase()));
	if (!names.size) return headers;
	return { ...Object.fromEntries(Object.entries(headers).filter(([n]) => !names.has(n.toLowerCase()))), ...added };
}
