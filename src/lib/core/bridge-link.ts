/**
 * The local bridge's token (`npm run bridge`, scripts/bridge/) as its link carries it: in the
 * fragment, `#bridge-token=<token>&bridge-header=authorization|x-loupe-bridge-token`, which no
 * browser sends to any server. The header says where the token goes: `Authorization: Bearer` for
 * a stdio server, a header of its own in front of an HTTP server (`--to`), whose Authorization
 * belongs to that server. The token is for the bridge's origin only (the link's `server`).
 */

export type BridgeTokenHeader = 'authorization' | 'x-loupe-bridge-token';

export interface BridgeCredentials {
	/** The origin of the bridge the token is for; it is sent nowhere else. */
	origin: string;
	token: string;
	header: BridgeTokenHeader;
}

const TOKEN_KEY = 'bridge-token';
const HEADER_KEY = 'bridge-header';
const HEADERS: readonly BridgeTokenHeader[] = ['authorization', 'x-loupe-bridge-token'];
/** What the bridge makes (43 base64url characters); anything else in that place is not its token. */
const TOKEN = /^[A-Za-z0-9_-]{32,128}$/;

export interface BridgeFragment {
	/** Whether the fragment held bridge parameters (they must leave the address bar, usable or not). */
	found: boolean;
	/** The fragment without them ('' when nothing else was there). */
	rest: string;
	credentials?: BridgeCredentials;
}

/** Reads the bridge's token from a Loupe URL (its fragment and `server=`). */
export function readBridgeFragment(url: URL): BridgeFragment {
	const params = new URLSearchParams(url.hash.replace(/^#/, ''));
	if (!params.has(TOKEN_KEY) && !params.has(HEADER_KEY)) return { found: false, rest: url.hash };
	const token = params.get(TOKEN_KEY) ?? '';
	const header = params.get(HEADER_KEY) as BridgeTokenHeader | null;
	params.delete(TOKEN_KEY);
	params.delete(HEADER_KEY);
	const rest = params.toString() ? `#${params}` : '';
	let origin: string | undefined;
	try {
		const server = new URL(url.searchParams.get('server') ?? '');
		if (server.protocol === 'http:' || server.protocol === 'https:') origin = server.origin;
	} catch {
		// No server to bind the token to: it is not used.
	}
	if (origin === undefined || !TOKEN.test(token) || header === null || !HEADERS.includes(header)) return { found: true, rest };
	return { found: true, rest, credentials: { origin, token, header } };
}

/** The header that carries the token to the bridge at `url`, or none for any other server. */
export function bridgeHeadersFor(credentials: BridgeCredentials | undefined, url: URL): Record<string, string> {
	if (!credentials || url.origin !== credentials.origin) return {};
	return credentials.header === 'authorization' ? { Authorization: `Bearer ${credentials.token}` } : { 'X-Loupe-Bridge-Token': credentials.token };
}

/** Whether an HTTP answer is the bridge's own refusal for want of its token (it marks those). */
export function isBridgeTokenRefusal(http: { responseHeaders: Record<string, string> } | undefined): boolean {
	return http?.responseHeaders['x-loupe-bridge'] === 'token-required';
}
