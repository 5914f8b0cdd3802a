/**
 * Who may use the bridge. Every request passes three checks before anything is relayed or started:
 * its Host is a loopback name with the bridge's port (a page whose own host name resolves to
 * 127.0.0.1, DNS rebinding, gets 403); its Origin, when it has one, is on the allow-list (403; the
 * preflight too); and it carries the bridge's token (401), compared in constant time. Only the
 * preflight goes without the token: browsers never send credentials on one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh 256-bit token, URL-safe. */
export function newToken() {
	return randomBytes(32).toString('base64url');
}

/** @param {string} value */
const digest = (value) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Whether `given` is `token`, in time independent of where they differ (or of their lengths).
 * @param {unknown} given
 * @param {string} token
 */
export function tokenMatches(given, token) {
	if (typeof given !== 'string') return false;
	return timingSafeEqual(digest(given), digest(token));
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Whether a Host header names this machine's loopback interface with the bridge's port.
 * @param {unknown} host
 * @param {number} port
 */
export function isLoopbackHost(host, port) {
	if (typeof host !== 'string') return false;
	const match = /^(\[[0-9a-f:.]+\]|[^:]+):(\d+)$/i.exec(host.trim());
	return !!match && LOOPBACK_NAMES.has(match[1].toLowerCase()) && Number(match[2]) === port;
}

/** Header names a preflight may ask for: plain tokens only (what is echoed back is checked). */
const HEADER_LIST = /^[!#$%&'*+.^_`|~0-9a-z-]+(\s*,\s*[!#$%&'*+.^_`|~0-9a-z-]+)*$/i;

/** MCP's response headers a browser client must be able to read. */
export const EXPOSED_HEADERS = ['Mcp-Session-Id', 'MCP-Protocol-Version', 'WWW-Authenticate'];

/**
 * @typedef {object} GuardOptions
 * @property {string} token
 * @property {'authorization' | 'x-loupe-bridge-token'} tokenHeader
 * @property {Set<string>} origins allowed origins
 * @property {() => number} port the port the bridge listens on
 */

/** @typedef {{ status: number, message: string }} Refusal */

export class Guard {
	/** @param {GuardOptions} options */
	constructor(options) {
		this.options = options;
	}

	/**
	 * Host and Origin. Returns the refusal, or undefined when the request may go on.
	 * @param {import('node:http').IncomingMessage} req
	 * @returns {Refusal | undefined}
	 */
	checkCaller(req) {
		if (!isLoopbackHost(req.headers.host, this.options.port())) {
			return {
				status: 403,
				message: `The Loupe bridge answers only requests addressed to 127.0.0.1 or localhost (this one was for "${req.headers.host ?? ''}").`
			};
		}
		const origin = req.headers.origin;
		if (origin !== undefined && !this.options.origins.has(origin)) {
			return {
				status: 403,
				message: `The Loupe bridge does not accept requests from pages at ${origin}. Start it with --loupe or --allow-origin for that origin.`
			};
		}
		return undefined;
	}

	/**
	 * The token, in its header.
	 * @param {import('node:http').IncomingMessage} req
	 * @returns {Refusal | undefined}
	 */
	checkToken(req) {
		const { token, tokenHeader } = this.options;
		const raw = req.headers[tokenHeader];
		let given = typeof raw === 'string' ? raw.trim() : undefined;
		if (tokenHeader === 'authorization')
			given = given && /^bearer\s+/i.test(given) ? given.replace(/^bearer\s+/i, '') : undefined;
		if (tokenMatches(given, token)) return undefined;
		return {
			status: 401,
			message:
				given === undefined
					? 'The Loupe bridge needs its token with every request: open Loupe with the link the bridge printed (a reload forgets the token).'
					: 'The Loupe bridge token is wrong: open Loupe with the link the bridge printed.'
		};
	}

	/**
	 * CORS headers for a response to an allowed origin (none when there is no Origin).
	 * @param {import('node:http').IncomingMessage} req
	 * @param {string[]} [expose] further response headers the page may read
	 * @returns {Record<string, string>}
	 */
	corsHeaders(req, expose = []) {
		const origin = req.headers.origin;
		if (origin === undefined) return {};
		const names = [...new Set([...EXPOSED_HEADERS, ...expose].map((n) => n.toLowerCase()))];
		return {
			'access-control-allow-origin': origin,
			vary: 'Origin',
			'access-control-expose-headers': names.join(', ')
		};
	}

	/**
	 * The answer to a preflight from an allowed origin: the methods MCP uses, and the request
	 * headers asked for (custom headers from Loupe's settings included).
	 * @param {import('node:http').IncomingMessage} req
	 * @returns {Record<string, string>}
	 */
	preflightHeaders(req) {
		const asked = req.headers['access-control-request-headers'];
		/** @type {Record<string, string>} */
		const headers = {
			...this.corsHeaders(req),
			'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
			'access-control-allow-headers':
				typeof asked === 'string' && HEADER_LIST.test(asked.trim()) ? asked.trim() : 'content-type',
			'access-control-max-age': '600'
		};
		// A hosted Loupe (https, public) reaching the loopback interface: Chromium's Private Network Access.
		if (req.headers['access-control-request-private-network'] === 'true')
			headers['access-control-allow-private-network'] = 'true';
		return headers;
	}
}
