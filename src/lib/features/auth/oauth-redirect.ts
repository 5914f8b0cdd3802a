/**
 * The same-tab sign-in fallback (when the browser blocks the popup): before leaving for the
 * authorization server, Loupe notes in this tab's sessionStorage where to come back to; the
 * callback page stores the callback URL and returns; Loupe then finishes sign-in. Only this tab
 * sees these entries, and each is read once. The PKCE verifier and state are kept by the OAuth
 * core in its own (sessionStorage) store for this case.
 */
const RETURN_KEY = 'loupe:oauth-return';
const CALLBACK_KEY = 'loupe:oauth-callback';
/** A pending redirect older than this is ignored. */
const MAX_AGE_MS = 15 * 60_000;

interface Entry {
	value: string;
	at: number;
}

function put(key: string, value: string): void {
	try {
		sessionStorage.setItem(key, JSON.stringify({ value, at: Date.now() } satisfies Entry));
	} catch {
		// Storage unavailable: the redirect cannot be finished, and sign-in says so.
	}
}

function take(key: string): string | undefined {
	try {
		const raw = sessionStorage.getItem(key);
		sessionStorage.removeItem(key);
		const entry = raw ? (JSON.parse(raw) as Partial<Entry>) : undefined;
		if (
			typeof entry?.value !== 'string' ||
			typeof entry.at !== 'number' ||
			Date.now() - entry.at > MAX_AGE_MS
		)
			return undefined;
		return entry.value;
	} catch {
		return undefined;
	}
}

/** Called just before the tab leaves for the authorization server; `search` is Loupe's query string to restore. */
export function beginRedirect(search: string): void {
	put(RETURN_KEY, search.startsWith('?') || search === '' ? search : '');
}

/** On the callback page: the query string to go back to, if this tab started a same-tab sign-in. */
export function takeRedirectReturn(): string | undefined {
	return take(RETURN_KEY);
}

export function storeRedirectCallback(url: string): void {
	put(CALLBACK_KEY, url);
}

/** On Loupe's page after coming back: the callback URL to finish sign-in with, once. */
export function takeRedirectCallback(): URL | undefined {
	const value = take(CALLBACK_KEY);
	return value ? (URL.parse(value) ?? undefined) : undefined;
}

/** Drops a same-tab sign-in that never came back, so a popup (which copies this tab's storage) does not take it for its own. */
export function forgetRedirect(): void {
	take(RETURN_KEY);
}
