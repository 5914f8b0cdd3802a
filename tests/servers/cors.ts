/**
 * CORS headers for the demo server's browser-reachable endpoints.
 *
 * A browser-only inspector talks to the demo server from another origin, so
 * every response (success, error, SSE stream, preflight) must carry these
 * headers. `/mcp-nocors` deliberately skips them.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const ALLOWED_METHODS = 'GET, POST, DELETE, OPTIONS';

export const ALLOWED_HEADERS = [
	'Content-Type',
	'Authorization',
	'Mcp-Session-Id',
	'MCP-Protocol-Version',
	'Last-Event-ID',
	'Mcp-Method',
	'Mcp-Name',
	// A typical static-credential header, for Loupe's custom-headers setting.
	'X-Api-Key'
];

export const EXPOSED_HEADERS = [
	'Mcp-Session-Id',
	'MCP-Protocol-Version',
	'WWW-Authenticate',
	'Retry-After'
];

/** Seconds a browser may cache a preflight answer. */
const PREFLIGHT_MAX_AGE = 600;

/** What an endpoint allows: the full set, or one with a defect (cors-defects.ts). */
export interface CorsPolicy {
	methods: string;
	allowHeaders: readonly string[];
	exposeHeaders: readonly string[];
	/** false: the per-tool `Mcp-Param-*` headers a preflight asks for are not allowed. */
	paramHeaders?: boolean;
}

export const FULL_CORS: CorsPolicy = {
	methods: ALLOWED_METHODS,
	allowHeaders: ALLOWED_HEADERS,
	exposeHeaders: EXPOSED_HEADERS
};

/** Adds the response-side CORS headers; call before anything is written. */
export function setCorsHeaders(
	req: IncomingMessage,
	res: ServerResponse,
	policy: CorsPolicy = FULL_CORS
): void {
	const origin = req.headers.origin;
	res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
	if (origin !== undefined) res.setHeader('Vary', 'Origin');
	if (policy.exposeHeaders.length)
		res.setHeader('Access-Control-Expose-Headers', policy.exposeHeaders.join(', '));
}

/**
 * The Allow-Headers list: the fixed list plus the `Mcp-Param-*` headers the preflight asks for
 * (they are per tool, so they cannot be listed up front). Nothing else is allowed, so a client
 * that sends headers outside the documented list is caught by the browser tests.
 */
export function allowedHeadersFor(
	requested: string | undefined,
	allowed: readonly string[] = ALLOWED_HEADERS
): string {
	const seen = new Set(allowed.map((h) => h.toLowerCase()));
	const out = [...allowed];
	for (const raw of (requested ?? '').split(',')) {
		const name = raw.trim();
		// Only header-name tokens are echoed back.
		if (!name || !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) continue;
		if (!/^mcp-param-/i.test(name)) continue;
		if (seen.has(name.toLowerCase())) continue;
		seen.add(name.toLowerCase());
		out.push(name);
	}
	return out.join(', ');
}

/** Answers an OPTIONS preflight with 204 and the full CORS header set. */
export function writePreflight(
	req: IncomingMessage,
	res: ServerResponse,
	policy: CorsPolicy = FULL_CORS
): void {
	setCorsHeaders(req, res, policy);
	res.setHeader('Access-Control-Allow-Methods', policy.methods);
	const requested = req.headers['access-control-request-headers'];
	res.setHeader(
		'Access-Control-Allow-Headers',
		policy.paramHeaders === false
			? policy.allowHeaders.join(', ')
			: allowedHeadersFor(requested, policy.allowHeaders)
	);
	res.setHeader('Access-Control-Max-Age', String(PREFLIGHT_MAX_AGE));
	res.statusCode = 204;
	res.end();
}
