/**
 * The local bridge's token (`npm run bridge`, scripts/bridge/) as its link carries it: in the
 * fragment, `#bridge-token=<token>&bridge-header=authorization|x-loupe-bridge-token`, which no
 * browser sends to any server. The header says where the token goes: `Authorization: Bearer` for
 * a stdio server, a header of its own in front of an HTTP server (`--to`), whose Authorization
 * belongs to that server. The token is for the bridge's origin only (the link's `server`).
 * Loaded with the session code: the first screen only moves the link out of the address bar
 * (src/lib/bridge-token.ts).
 */
import type { Problem } from './errors.js';

export type BridgeTokenHeader = 'authorization' | 'x-loupe-bridge-token';

export interface BridgeCredentials {
	/** The origin of the bridge the token is for; it is sent nowhere else. */
	origin: string;
	token: string;
	header: BridgeTokenHeader;
}

const HEADERS: readonly BridgeTokenHeader[] = ['authorization', 'x-loupe-bridge-token'];
/** What the bridge makes (43 base64url characters); anything else in that place is not its token. */
const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

/** The bridge's token from a Loupe link (its fragment, bound to its `server=`), if it holds a usable one. */
export function readBridgeLink(link: URL): BridgeCredentials | undefined {
	const params = new URLSearchParams(link.hash.replace(/^#/, ''));
	const token = params.get('bridge-token') ?? '';
	const header = params.get('bridge-header') as BridgeTokenHeader | null;
	let origin: string | undefined;
	try {
		const server = new URL(link.searchParams.get('server') ?? '');
		if (server.protocol === 'http:' || server.protocol === 'https:') origin = server.origin;
	} catch {
		// No server to bind the token to: it is not used.
	}
	if (origin === undefined || !TOKEN.test(token) || header === null || !HEADERS.includes(header))
		return undefined;
	return { origin, token, header };
}

/** The header that carries the token to the bridge at `url`, or none for any other server. */
export function bridgeHeadersFor(
	credentials: BridgeCredentials | undefined,
	url: URL
): Record<string, string> {
	if (!credentials || url.origin !== credentials.origin) return {};
	return credentials.header === 'authorization'
		? { Authorization: `Bearer ${credentials.token}` }
		: { 'X-Loupe-Bridge-Token': credentials.token };
}

/**
 * `headers` plus the token's header when `url` is the bridge's that `link` (the bridge link this
 * tab was opened with) names. It replaces a header of the same name in any spelling.
 */
export function withBridgeHeaders(
	headers: Record<string, string>,
	url: URL,
	link: string
): Record<string, string> {
	const added = bridgeHeadersFor(readBridgeLink(new URL(link)), url);
	const names = new Set(Object.keys(added).map((n) => n.toLowerCase()));
	if (!names.size) return headers;
	return {
		...Object.fromEntries(Object.entries(headers).filter(([n]) => !names.has(n.toLowerCase()))),
		...added
	};
}

/**
 * The bridge's own refusal for want of its token (it marks those: `X-Loupe-Bridge: token-required`),
 * said as what to do: open its link again. Undefined for any other answer.
 */
export function bridgeTokenRefusal(
	http: { status: number | undefined; responseHeaders: Record<string, string> } | undefined,
	url: URL
): Problem | undefined {
	if (http?.status !== 401 || http.responseHeaders['x-loupe-bridge'] !== 'token-required')
		return undefined;
	return {
		kind: 'auth',
		message: `The Loupe bridge at ${url.origin} needs its token, and this tab does not have it.`,
		hints: [
			'Open Loupe with the link the bridge printed ("Open in Loupe: …"): the token lives in the tab\'s memory only, so a reload or another tab forgets it.'
		],
		status: 401,
		// The bridge answered and said what it wants: no CORS or network question.
		corsMayExplain: false
	};
}
