/**
 * A server that answered with an HTTP error status (4xx, 5xx), in a sentence: what the status
 * means, what Loupe was doing, and the start of the body the server sent with it.
 */
import type { HttpEntry } from './traffic.js';
import { CORS_EXPOSE_LINE, truncate, type Problem } from './errors.js';
import { mediaTypeOf } from './body-mismatch.js';
import { mayBeHidden } from './exposed-headers.js';
import { describeWait, LONGEST_SAID_MS, retryAfterMs } from './retry-after.js';

/** What explainHttpRefusal needs to know about the failed request. */
export interface RefusalContext {
	/** The server's URL, masked, as the sentence names it. */
	where: string;
	/** The last HTTP exchange of the failed attempt, if any. */
	lastHttp?: HttpEntry;
	/** What Loupe was doing, e.g. "connecting" or "tools/call". */
	action?: string;
	/** The page's origin: an answer from another one may hide headers (CORS); undefined outside a page. */
	origin?: string;
}

const HTTP_MEANINGS: Record<number, string> = {
	400: 'bad request',
	404: 'not found',
	405: 'method not allowed',
	406: 'not acceptable',
	415: 'unsupported media type',
	429: 'too many requests',
	500: 'server error',
	502: 'bad gateway',
	503: 'service unavailable',
	504: 'gateway timeout'
};

/**
 * The Problem for an HTTP error `status` (400 and up). `data` is what the SDK's error carries
 * (its `text` is this very response's body); otherwise the body is the last exchange's, when
 * its status matches.
 */
export function explainHttpRefusal(status: number, data: unknown, ctx: RefusalContext): Problem {
	const { where, lastHttp, action } = ctx;
	const fields = data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
	const body = (
		typeof fields?.text === 'string'
			? fields.text
			: lastHttp?.status === status
				? lastHttp.responseBody
				: undefined
	)?.trim();
	const bodyExcerpt = body ? truncate(body, 400) : undefined;
	if (status === 401 || status === 403) {
		return {
			kind: 'auth',
			message:
				status === 401
					? `The server at ${where} requires authorization (HTTP 401).`
					: `The server at ${where} refused access (HTTP 403): the credentials lack permission.`,
			hints: ['Add a Bearer token or the header the server expects in the connection settings.'],
			status,
			bodyExcerpt
		};
	}
	const meaning = HTTP_MEANINGS[status] ?? '';
	// A web page instead of a JSON-RPC error (a proxy's or a framework's error page, say).
	const page =
		lastHttp?.status === status && mediaTypeOf(lastHttp) === 'text/html'
			? ', with a web page (text/html) instead of a JSON-RPC error'
			: '';
	// A 404 to a request in a session: the spec's answer for a session the server does not know.
	if (status === 404 && lastHttp?.requestHeaders['mcp-session-id'] !== undefined) {
		return {
			kind: 'http',
			message: `The server answered HTTP 404 (not found)${action ? ` to ${action}` : ''}: it does not know the session Loupe is in (Mcp-Session-Id), so it restarted or dropped it.`,
			hints: [
				'Loupe starts a new session once when a server loses one. If it keeps happening, the server is not keeping its sessions: a restart, several instances without shared sessions, or a short session lifetime.'
			],
			status,
			bodyExcerpt
		};
	}
	if (status === 429 || status === 503) {
		// Retry-After belongs to this very response; a browser page reads it only when exposed (CORS).
		const answer = lastHttp?.status === status ? lastHttp : undefined;
		const answeredAt = answer ? answer.time + (answer.durationMs ?? 0) : Date.now();
		const sent = answer?.responseHeaders['retry-after'];
		const wait = retryAfterMs(sent, answeredAt);
		const hidden = answer !== undefined && mayBeHidden('retry-after', answer, ctx.origin);
		const head =
			status === 503
				? 'The server is busy (HTTP 503: service unavailable)'
				: 'The server says it was asked too often (HTTP 429: too many requests)';
		return {
			kind: 'http',
			message: `${head}${wait !== undefined ? ` and asks to be tried again ${describeWait(wait)}` : ''}${turnedDown(action)}${page}.`,
			hints: waitHints(wait, answeredAt, sent, hidden),
			status,
			bodyExcerpt,
			// "Check server" tells whether the server exposes Retry-After.
			...(hidden && { corsMayExplain: true })
		};
	}
	return {
		kind: 'http',
		message: `The server answered HTTP ${status}${meaning ? ` (${meaning})` : ''}${action ? ` to ${action}` : ''}${page}.`,
		hints:
			status === 404
				? [
						'Check the path: MCP servers usually live at /mcp (Streamable HTTP) or /sse (legacy SSE).'
					]
				: [],
		status,
		bodyExcerpt
	};
}

/** What the refusal cost: the connection, or the request Loupe was making. */
function turnedDown(action: string | undefined): string {
	if (!action) return '';
	return /^connecting\b/.test(action)
		? '; Loupe could not connect'
		: `; it did not answer ${action}`;
}

/**
 * What to do before trying again, given the server's Retry-After (`wait`, ms from `answeredAt`)
 * or, without one, the header as sent (`sent`) and whether CORS may have hidden it (`hidden`).
 */
function waitHints(
	wait: number | undefined,
	answeredAt: number,
	sent: string | undefined,
	hidden: boolean
): string[] {
	if (wait === undefined) {
		if (sent !== undefined)
			return [
				`Its Retry-After header (“${truncate(sent.trim(), 60)}”) names no wait Loupe can use (neither a number of seconds nor a date still to come): wait a little before trying again.`
			];
		if (!hidden)
			return [
				'It did not say when to try again (no Retry-After header): wait a little before trying again.'
			];
		return [
			'This page cannot tell when to try again: the answer has no Retry-After header it can read, so the server sent none or did not expose it to this page (CORS). Wait a little before trying again.',
			`For a page to read the wait, the server must list Retry-After: ${CORS_EXPOSE_LINE}`
		];
	}
	if (wait < 1000) return [];
	if (wait > LONGEST_SAID_MS)
		return ["That is longer than a day: check the server's status page, or ask its operator."];
	const until = new Date(answeredAt + wait).toLocaleTimeString();
	return [
		`Wait until ${until} before trying again: a request sent sooner is likely to be turned away too.`
	];
}
