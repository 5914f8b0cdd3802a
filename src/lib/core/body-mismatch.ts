/**
 * Answers whose body is not what an MCP server sends: a body that claims to be JSON and is not,
 * JSON that is not a JSON-RPC message, a web page, plain text. The browser and the SDK describe
 * these in their own terms ("Unexpected token …", "Unexpected content type"); a person needs to
 * know what the server sent (status, content type, the first bytes, shown escaped) and what it
 * should have sent. The exact bytes stay in Traffic.
 */
import type { HttpEntry } from './traffic.js';
import type { Problem } from './errors.js';

export const MCP_ANSWER_RULE =
	'An MCP server answers a POST with one JSON-RPC message (Content-Type: application/json) or with an event stream (Content-Type: text/event-stream).';
const TRAFFIC_HINT = 'Traffic shows the response exactly as it arrived.';

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The first characters of a body with control, invisible and direction-changing characters
 * escaped (\n, \u200b, …), so a person sees exactly what came and nothing can hide in it.
 */
export function bodyStart(text: string, max = 120): string {
	const head = [...text.slice(0, max * 2)].slice(0, max).join('');
	const escaped = head.replace(
		// eslint-disable-next-line no-control-regex -- control characters are what is escaped
		/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g,
		(c) => NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
	);
	return escaped + (head.length < text.length ? '…' : '');
}

/** The media type of a recorded response, lower-cased, without parameters ("" when absent). */
export function mediaTypeOf(http: HttpEntry): string {
	return (http.responseHeaders['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Errors that come from reading a body as something it is not. */
export function isBodyReadError(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	const e = error as { name?: unknown; message?: unknown };
	if (e.name === 'SyntaxError' || e.name === 'ZodError') return true;
	const message = typeof e.message === 'string' ? e.message : '';
	return /unexpected content type|not valid JSON|unexpected token|unexpected end of (JSON|data)|JSON\.parse|failed to execute 'close'/i.test(
		message
	);
}

/**
 * What is wrong with a successful (2xx) answer's body, as a Problem, or undefined when the body
 * is a plausible MCP answer. `action` names the request, such as "tools/call get_weather".
 */
export function explainBodyMismatch(
	http: HttpEntry | undefined,
	action?: string
): Problem | undefined {
	if (!http || http.status === undefined || http.status < 200 || http.status >= 300)
		return undefined;
	const type = mediaTypeOf(http);
	const shown = http.responseHeaders['content-type'] ?? '(none)';
	const body = (http.responseBody ?? '').trim();
	const to = action ? ` ${action}` : '';
	const starts = body ? ` It starts: “${bodyStart(body)}”.` : ' The body is empty.';
	const status = `HTTP ${http.status}`;
	if (type === 'text/event-stream') return undefined;
	if (type === 'application/json' || type.endsWith('+json')) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(body);
		} catch {
			return {
				kind: 'protocol',
				message: `The server answered${to} with ${status} and Content-Type ${shown}, but the body is not JSON.${starts}`,
				hints: [MCP_ANSWER_RULE, TRAFFIC_HINT]
			};
		}
		const isMessage = (v: unknown) =>
			!!v && typeof v === 'object' && (v as { jsonrpc?: unknown }).jsonrpc === '2.0';
		if (Array.isArray(parsed) ? parsed.every(isMessage) : isMessage(parsed)) return undefined;
		return {
			kind: 'protocol',
			message: `The server answered${to} with JSON that is not a JSON-RPC message.${starts}`,
			hints: [
				'A JSON-RPC answer is an object with "jsonrpc": "2.0", the id of the request, and a "result" or an "error".',
				TRAFFIC_HINT
			]
		};
	}
	if (type === 'text/html') {
		return {
			kind: 'http',
			message: `The server answered${to} with a web page (${status}, text/html), not an MCP answer.${starts}`,
			hints: [
				'Check the path: MCP servers usually live at /mcp (Streamable HTTP) or /sse (legacy SSE).',
				MCP_ANSWER_RULE,
				TRAFFIC_HINT
			]
		};
	}
	return {
		kind: 'protocol',
		message: `The server answered${to} with ${status} and Content-Type ${shown}, which is not an MCP answer.${starts}`,
		hints: [MCP_ANSWER_RULE, TRAFFIC_HINT]
	};
}
