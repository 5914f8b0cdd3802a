/**
 * The local bridge's link in this tab: before anything else runs (hooks.client.ts) its fragment,
 * which holds the bridge's token, leaves the address bar; the link is kept in this module's
 * memory only: never in storage, the page, the traffic log (the token's header is masked) or an
 * export. It is read when Loupe connects (core/bridge-link.ts, loaded with the session code, so
 * the first screen carries only this). A reload forgets it; the bridge's link brings it back.
 */
let link: string | undefined;

/** Moves a bridge link out of the address bar into memory (once, at start). */
export function takeBridgeToken(): void {
	if (!/^#(.*&)?bridge-token=/.test(location.hash)) return;
	link = location.href;
	history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}

/** The bridge link this tab was opened with, token included, if any. */
export function bridgeLink(): string | undefined {
	return link;
}
