/**
 * A session id the page cannot see: the server answered initialize and started a session, but
 * did not expose Mcp-Session-Id (Access-Control-Expose-Headers), so the browser hid it; the next
 * message went without it and the server refused it for want of a session. Read from the
 * connection attempt's own exchanges, no probe needed.
 */
import type { HttpEntry } from '../traffic.js';
import { CORS_EXPOSE_LINE, type Problem } from '../errors.js';
import { maskUrl } from '../secrets.js';

const isInitialize = (e: HttpEntry) =>
	e.method === 'POST' && /"method"\s*:\s*"initialize"/.test(e.requestBody ?? '');

export function sessionIdHidden(exchanges: readonly HttpEntry[]): boolean {
	const at = exchanges.findIndex(
		(e) => isInitialize(e) && e.status !== undefined && e.status >= 200 && e.status < 300
	);
	if (at < 0 || exchanges[at].responseHeaders['mcp-session-id'] !== undefined) return false;
	const next = exchanges.slice(at + 1).find((e) => e.method === 'POST');
	return (
		next !== undefined &&
		next.requestHeaders['mcp-session-id'] === undefined &&
		(next.status === 400 || next.status === 404) &&
		/session/i.test(next.responseBody ?? '')
	);
}

export function hiddenSessionProblem(url: URL): Problem {
	return {
		kind: 'cors',
		message: `The server at ${maskUrl(url.href)} started a session, but its session id (Mcp-Session-Id) is hidden from this page (CORS): the next message went without it and was refused.`,
		hints: [
			CORS_EXPOSE_LINE,
			'A browser lets a page read only the response headers the server exposes.'
		]
	};
}
