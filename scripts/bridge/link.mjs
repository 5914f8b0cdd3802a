/**
 * The link the bridge prints: Loupe's deep link to the bridge (`?server=…&connect=1`), with the
 * bridge's token in the fragment, which browsers never send to any server (nor in Referer). Loupe
 * reads it from there into the tab's memory and takes it out of the address bar at once
 * (src/lib/bridge-token.ts; the fragment's format: src/lib/core/bridge-link.ts).
 */

/**
 * Which header carries the bridge's token. With a stdio server it is `Authorization: Bearer`:
 * nothing else uses that header. In front of an HTTP server (--to), Authorization belongs to that
 * server and passes through unchanged, so the token travels in a header of its own.
 */
export const TOKEN_HEADER = /** @type {const} */ ({
	stdio: 'authorization',
	http: 'x-loupe-bridge-token'
});

/**
 * @param {URL} loupe the Loupe page (origin and base path)
 * @param {string} server the bridge's MCP endpoint
 * @param {string} token
 * @param {'stdio' | 'http'} mode
 */
export function loupeLink(loupe, server, token, mode) {
	const page = new URL(loupe.href);
	page.search = '';
	page.hash = '';
	const query = new URLSearchParams({ server, connect: '1' });
	const fragment = new URLSearchParams({
		'bridge-token': token,
		'bridge-header': TOKEN_HEADER[mode]
	});
	return `${page.href}?${query}#${fragment}`;
}
