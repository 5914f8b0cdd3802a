/**
 * The code a connection needs but the first screen does not: the session core with the MCP SDK
 * (session-code.ts). Fetched once: at once for a deep link that connects (hooks.client.ts),
 * otherwise when the first screen is idle, so a click on Connect rarely waits for it.
 *
 * The OAuth code is fetched beside it by AuthState (auth.svelte.ts), from the page's own chunk: a
 * dynamic import here, in a chunk the page imports, would hide the OAuth code's shared chunks from
 * the first screen's modulepreload list (SvelteKit visits them through the dynamic import first).
 */
type SessionCode = typeof import('./session-code.js');

let session: Promise<SessionCode> | undefined;

/** The session code; a failed fetch (network hiccup) is not remembered, the next call tries again. */
export function loadSessionCode(): Promise<SessionCode> {
	return (session ??= import('./session-code.js').catch((error) => {
		session = undefined;
		throw error;
	}));
}

/** Starts fetching the session code now (errors surface when a connection awaits it). Marked for `npm run bench`. */
export function preloadSessionCode(): void {
	performance.mark?.('loupe:preload-session-code');
	loadSessionCode().catch(() => {});
}

/** Runs `task` once the page is idle (requestIdleCallback, or a short timeout where there is none). */
export function whenIdle(task: () => void): void {
	if (typeof requestIdleCallback === 'function')
		requestIdleCallback(() => task(), { timeout: 3000 });
	else setTimeout(task, 500);
}
