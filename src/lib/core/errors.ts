/**
 * Turning failures into sentences a person can act on: the Problem a failure is told with, the
 * server URL a person typed, the transport's complaints. Framework-free and free of SDK imports,
 * so the first screen can use it without loading the SDK. A failed request or connection is
 * explained by explain-error.ts, which loads with the session code.
 */
import { isBodyReadError } from './body-mismatch.js';
import { isCodeLoadError } from './code-load.js';
import { isLoopbackHost } from './url-safety.js';
import { readSchemaIssues } from './sdk-refusals.js';

export type ProblemKind =
	| 'bad-url'
	| 'bad-settings'
	| 'unreachable'
	| 'cors'
	| 'mixed-content'
	| 'local-network'
	| 'http'
	| 'auth'
	| 'timeout'
	| 'protocol'
	| 'closed'
	| 'cancelled'
	| 'unknown';

export interface Problem {
	kind: ProblemKind;
	/** One sentence: what happened, in words a person can act on. */
	message: string;
	/** Further steps, each a sentence or a header line to add. */
	hints: string[];
	status?: number;
	/** The start of the response body, for HTTP errors. */
	bodyExcerpt?: string;
	/** OAuth: the server needs a sign-in Loupe could not start by itself, or a sign-in step failed. */
	oauth?: 'sign-in-required' | 'flow-failed';
	/**
	 * Whether CORS or reachability can be the cause, where the explanation knows better than its
	 * kind: a bridge that said what it wants (no), a sign-in step an endpoint's CORS refused (yes).
	 * "Check server" is offered by it (features/cors-doctor).
	 */
	corsMayExplain?: boolean;
}

/** An error that already carries its explanation. */
export class ProblemError extends Error {
	constructor(readonly problem: Problem) {
		super(problem.message);
		this.name = 'ProblemError';
	}
}

export const CORS_ALLOW_HEADERS = [
	'Content-Type',
	'Authorization',
	'Mcp-Session-Id',
	'MCP-Protocol-Version',
	'Last-Event-ID',
	'Mcp-Method',
	'Mcp-Name'
];
/** Response headers a page must be able to read: the session, the era, sign-in's challenge, a busy server's wait. */
export const CORS_EXPOSE_HEADERS = [
	'Mcp-Session-Id',
	'MCP-Protocol-Version',
	'WWW-Authenticate',
	'Retry-After'
];

/** The header line that lets a page read them. */
export const CORS_EXPOSE_LINE = `Access-Control-Expose-Headers: ${CORS_EXPOSE_HEADERS.join(', ')}`;
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'DELETE', 'OPTIONS'];

export function corsHints(origin: string): string[] {
	return [
		`Access-Control-Allow-Origin: ${origin} (or *)`,
		`Access-Control-Allow-Methods: ${CORS_ALLOW_METHODS.join(', ')}`,
		`Access-Control-Allow-Headers: ${CORS_ALLOW_HEADERS.join(', ')}`,
		CORS_EXPOSE_LINE,
		'…and answer the OPTIONS preflight request with 204 and the same headers.'
	];
}

/**
 * What a host-and-path without a scheme most likely meant: http:// for a loopback host (local
 * servers rarely have TLS), https:// elsewhere; undefined when it does not look like one.
 */
function withScheme(text: string): string | undefined {
	const match = /^([\w.-]+|\[[\da-f:.]+\])(:\d+)?(\/|$)/i.exec(text);
	if (!match) return undefined;
	return `${isLoopbackHost(match[1]) ? 'http' : 'https'}://${text}`;
}

/** Parses what the person typed as a server URL, or explains why it is not one. */
export function parseServerUrl(text: string): URL {
	const trimmed = text.trim();
	if (!trimmed)
		throw new ProblemError({
			kind: 'bad-url',
			message: 'Enter the URL of an MCP server, such as https://example.com/mcp.',
			hints: []
		});
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		const guess = withScheme(trimmed);
		throw new ProblemError({
			kind: 'bad-url',
			message: `"${truncate(trimmed, 80)}" is not a URL.${guess ? ` Did you mean ${guess}?` : ''}`,
			hints: []
		});
	}
	// "localhost:3000/mcp" parses, with "localhost:" as its scheme.
	const guess =
		url.protocol !== 'http:' && url.protocol !== 'https:' ? withScheme(trimmed) : undefined;
	if (guess)
		throw new ProblemError({
			kind: 'bad-url',
			message: `"${truncate(trimmed, 80)}" has no scheme. Did you mean ${guess}?`,
			hints: []
		});
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new ProblemError({
			kind: 'bad-url',
			message: `Loupe connects over http: or https: only, not ${url.protocol}. Stdio servers need a bridge that serves them over HTTP.`,
			hints: []
		});
	}
	if (url.username || url.password) {
		throw new ProblemError({
			kind: 'bad-url',
			message:
				'Remove the user name and password from the URL; use the Bearer token or Headers settings instead.',
			hints: []
		});
	}
	return url;
}

/** Network-level failures from fetch: TypeErrors with browser-specific wording (not any TypeError). */
export function isNetworkError(error: unknown): boolean {
	if (!(error instanceof Error) || isCodeLoadError(error)) return false;
	return /failed to fetch|networkerror|load failed|fetch failed|ECONNREFUSED|ENOTFOUND|ECONNRESET/i.test(
		error.message
	);
}

export function truncate(text: string, max: number): string {
	return text.length > max ? text.slice(0, max) + '…' : text;
}

/** The transport says an event stream broke off (legacy SSE's stream, or a response stream). */
export function isStreamLoss(error: Error): boolean {
	return error.name === 'SseError' || /^SSE (stream disconnected|error)/i.test(error.message ?? '');
}

/**
 * A sentence for an error the transport reported that failed no request of its own (a request's
 * failure is explained where the request was made).
 */
export function describeTransportError(error: Error): string {
	const message = error.message ?? '';
	if (isStreamLoss(error))
		return 'The event stream from the server broke off; Loupe is trying to resume it.';
	if (/failed to reconnect|maximum reconnection attempts/i.test(message)) {
		return 'Loupe could not resume the event stream from the server: notifications sent meanwhile may be missing.';
	}
	const refused = /^Failed to open SSE stream:?\s*(.*)$/i.exec(message);
	if (refused) {
		return `The server refused the event stream Loupe opens to hear from it${refused[1] ? ` (${truncate(refused[1], 80)})` : ''}; requests still work.`;
	}
	if (isNetworkError(error)) return 'A message to the server got no response (a network error).';
	const invalid = readSchemaIssues(message);
	if (invalid)
		return `The server sent a ${invalid.what} that does not follow the MCP schema; Traffic shows it as it arrived.`;
	if (/unknown message ID/i.test(message))
		return 'The server sent an answer to a request Loupe was not waiting for; Traffic shows it.';
	if (isBodyReadError(error))
		return 'The server sent something that is not an MCP message; Traffic shows it as it arrived.';
	return `The connection reported a problem: ${truncate(message || error.name || 'unknown', 300)}`;
}

/**
 * Asks whether anything answers at `url` at all, without CORS: an opaque no-cors response means
 * the server is up and refused this origin; a rejection means nothing answered.
 */
export async function probeReachable(
	url: URL,
	fetchImpl: typeof fetch = fetch,
	timeoutMs = 5000
): Promise<boolean> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	try {
		const response = await fetchImpl(url, {
			mode: 'no-cors',
			cache: 'no-store',
			signal: controller.signal,
			credentials: 'omit'
		});
		void response.body?.cancel().catch(() => {});
		return true;
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
		controller.abort();
	}
}
