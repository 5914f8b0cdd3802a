/**
 * The code a connection needs but the first screen does not: the session core with the MCP SDK,
 * and the OAuth client. Each is fetched once: at once for a deep link that connects, otherwise
 * when the first screen is idle, so a click on Connect rarely waits for it.
 */
type SessionCode = typeof import('./core/session.js');
type OAuthCode = typeof import('./core/oauth/index.js');

let session: Promise<SessionCode> | undefined;
let oauth: Promise<OAuthCode> | undefined;

/** A failed fetch (network hiccup) is not remembered: the next call tries again. */
function once<T>(load: () => Promise<T>, forget: () => void): Promise<T> {
	return load().catch((error) => {
		forget();
		throw error;
	});
}

export function loadSessionCode(): Promise<SessionCode> {
	return (session ??= once(() => import('./core/session.js'), () => (session = undefined)));
}

export function loadOAuthCode(): Promise<OAuthCode> {
	return (oauth ??= once(() => import('./core/oauth/index.js'), () => (oauth = undefined)));
}

/** Starts fetching both now (errors surface when a connection awaits them). Marked for `npm run bench`. */
export function preloadConnectCode(): void {
	performance.mark?.('loupe:preload-connect-code');
	loadSessionCode().catch(() => {});
	loadOAuthCode().catch(() => {});
}

/** Fetches both once the page is idle (requestIdleCallback, or a short timeout where there is none). */
export function preloadConnectCodeWhenIdle(): void {
	if (typeof requestIdleCallback === 'function') requestIdleCallback(preloadConnectCode, { timeout: 3000 });
	else setTimeout(preloadConnectCode, 500);
}
