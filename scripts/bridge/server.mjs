/**
 * The bridge's HTTP server on 127.0.0.1: every request goes through the guard (Host, Origin,
 * token) before the relay sees it. Refusals are said in a sentence, to the caller and on the
 * bridge's console.
 */
import { createServer } from 'node:http';
import { Guard, newToken } from './guard.mjs';
import { HttpRelay } from './http-relay.mjs';
import { loupeLink, TOKEN_HEADER } from './link.mjs';
import { MCP_PATH, StdioRelay } from './stdio-relay.mjs';

/** The header on the bridge's own 401s (src/lib/core/bridge-link.ts reads it). */
const BRIDGE_REFUSAL = 'x-loupe-bridge';

/**
 * @typedef {object} Bridge
 * @property {string} endpoint the MCP URL Loupe connects to
 * @property {string} link the Loupe link that opens Loupe connected to it (token in the fragment)
 * @property {string[]} origins the origins allowed to use it
 * @property {StdioRelay | HttpRelay} relay
 * @property {() => Promise<void>} close stops the server and the stdio server
 */

/**
 * @param {import('./options.mjs').BridgeOptions} options
 * @param {(line: string) => void} [say] a line for the console
 * @returns {Promise<Bridge>}
 */
export async function startBridge(options, say = (line) => console.error(line)) {
	const token = newToken();
	const origins = new Set([options.loupe.origin, ...options.allowOrigins]);
	let port = options.port;
	const guard = new Guard({
		token,
		tokenHeader: TOKEN_HEADER[options.mode],
		origins,
		port: () => port
	});
	const relay =
		options.mode === 'http' && options.upstream
			? new HttpRelay(options.upstream, say, guard)
			: new StdioRelay(
					{
						command: /** @type {string} */ (options.command),
						args: options.args,
						env: options.env
					},
					say
				);

	const server = createServer((req, res) => {
		const refused = (refusal, headers) => {
			say(
				`Refused ${req.method} ${req.url} from ${req.headers.origin ?? 'a client without Origin'}: ${refusal.message}`
			);
			res.writeHead(refusal.status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
			res.end(refusal.message);
		};
		const caller = guard.checkCaller(req);
		if (caller) return refused(caller, {});
		if (req.method === 'OPTIONS') {
			res.writeHead(204, guard.preflightHeaders(req));
			return res.end();
		}
		const cors = guard.corsHeaders(req);
		const unauthorized = guard.checkToken(req);
		if (unauthorized) {
			// Marked as the bridge's, so Loupe can say "open the bridge's link again" rather than "sign in".
			const marked = {
				...guard.corsHeaders(req, [BRIDGE_REFUSAL]),
				[BRIDGE_REFUSAL]: 'token-required'
			};
			return refused(
				unauthorized,
				options.mode === 'stdio'
					? { ...marked, 'www-authenticate': 'Bearer realm="loupe-bridge"' }
					: marked
			);
		}
		Promise.resolve(relay.handle(req, res, cors)).catch((error) => {
			say(`The bridge failed on ${req.method} ${req.url}: ${error.message}`);
			if (!res.headersSent)
				res.writeHead(500, { ...cors, 'content-type': 'text/plain; charset=utf-8' });
			res.end(`The bridge failed: ${error.message}`);
		});
	});
	// Long-lived streams must not be cut by Node's request timeouts.
	server.requestTimeout = 0;
	server.headersTimeout = 60_000;
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port, '127.0.0.1', () => resolve(undefined));
	});
	port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;

	const path =
		options.mode === 'http' && options.upstream
			? `${options.upstream.pathname}${options.upstream.search}`
			: MCP_PATH;
	const endpoint = `http://127.0.0.1:${port}${path}`;
	return {
		endpoint,
		link: loupeLink(options.loupe, endpoint, token, options.mode),
		origins: [...origins],
		relay,
		async close() {
			await relay.close();
			server.closeAllConnections();
			await new Promise((resolve) => server.close(() => resolve(undefined)));
		}
	};
}
