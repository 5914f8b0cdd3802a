/**
 * Which response headers a page may read. Of an answer from another origin, a browser shows a
 * page only the CORS-safelisted headers and those Access-Control-Expose-Headers names; any other
 * header is left out as if the server never sent it, so a page cannot tell absent from hidden.
 * Only when the page can read Access-Control-Expose-Headers itself (the server exposes `*`, or
 * names that header too) does it know which headers an answer would show. Outside a page (Node,
 * the same origin) every header is readable.
 */

/** Response headers every page may read (the Fetch standard's CORS-safelisted response headers). */
export const SAFELISTED_RESPONSE_HEADERS: ReadonlySet<string> = new Set([
	'cache-control',
	'content-language',
	'content-length',
	'content-type',
	'expires',
	'last-modified',
	'pragma'
]);

/** The names (lower case) Access-Control-Expose-Headers lists, when this page can read it; else undefined. */
export function readableExposeList(headers: Record<string, string>): string[] | undefined {
	const value = headers['access-control-expose-headers'];
	if (value === undefined) return undefined;
	return value
		.split(',')
		.map((name) => name.trim().toLowerCase())
		.filter(Boolean);
}

/** Whether the answer's origin is another than the page's (undefined `pageOrigin`: not a page). */
export function isCrossOrigin(url: string, pageOrigin: string | undefined): boolean {
	if (pageOrigin === undefined) return false;
	try {
		return new URL(url).origin !== pageOrigin;
	} catch {
		return true;
	}
}

/**
 * Whether header `name` (lower case) may be on the answer but hidden from this page: the answer
 * came from another origin, it shows no such header, and nothing it shows says the header would
 * be readable (an Expose-Headers list the page can read that names it, or `*`).
 */
export function mayBeHidden(
	name: string,
	answer: { url: string; responseHeaders: Record<string, string> },
	pageOrigin: string | undefined
): boolean {
	if (!isCrossOrigin(answer.url, pageOrigin)) return false;
	if (answer.responseHeaders[name] !== undefined || SAFELISTED_RESPONSE_HEADERS.has(name))
		return false;
	const exposed = readableExposeList(answer.responseHeaders);
	return !exposed || !(exposed.includes(name) || exposed.includes('*'));
}
