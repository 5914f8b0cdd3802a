/**
 * Browsers keep at most six HTTP/1.1 connections open to one host and port at a time (Chromium,
 * Firefox and Safari alike; HTTP/2 multiplexes and has no such limit). A connected MCP server
 * usually holds one of them open the whole time: the 2025 era's GET stream, the 2026-07-28 era's
 * subscriptions/listen stream, or a legacy SSE stream. So once five or six servers on one host and
 * port are connected, the next one's requests wait in the browser's queue, never reach the
 * server, and fail only when a timeout ends them: it looks like a dead server.
 */

/** Connections a browser keeps open to one host and port over HTTP/1.1. */
export const CONNECTIONS_PER_HOST = 6;

/** scheme://host:port of a URL, or undefined when it is not an http(s) URL. */
export function hostKey(raw: string): string | undefined {
	try {
		const url = new URL(raw.trim());
		return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The sentence for a server whose request timed out when `otherConnected` (URLs of the other
 * connected servers in this tab) are enough to have used up the browser's connections to its host,
 * else undefined.
 */
export function connectionLimitHint(url: string, otherConnected: string[]): string | undefined {
	const key = hostKey(url);
	if (!key) return undefined;
	const sharing = otherConnected.filter((other) => hostKey(other) === key).length;
	if (sharing < CONNECTIONS_PER_HOST - 1) return undefined;
	return (
		`${sharing} other connected servers in this tab use ${key}, and each keeps a connection open: ` +
		`a browser opens at most ${CONNECTIONS_PER_HOST} connections to one host and port (over HTTP/1.1), ` +
		`so this server's requests may be waiting in the browser, not at the server. ` +
		`Disconnect one of them, or reach this server by another host name (127.0.0.1 and localhost count separately).`
	);
}
