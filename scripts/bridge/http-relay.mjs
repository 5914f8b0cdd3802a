/**
 * `--to <URL>`: an HTTP MCP server that refuses browsers, relayed byte for byte. A request to any
 * path on the bridge goes to the same path on the server's origin (so a legacy SSE server's
 * message endpoint works too), with its headers unchanged (Authorization, Mcp-Session-Id,
 * MCP-Protocol-Version, Last-Event-ID, Mcp-Method, custom ones…) except those that describe the
 * browser's side of the hop (Host, Origin, Referer, Cookie, Sec-Fetch-*, hop-by-hop headers) and
 * the bridge's own token, which never leaves the bridge. The answer comes back as it streams
 * (status, headers, body: SSE events and their ids flow as they arrive), with the server's CORS
 * headers replaced by the bridge's, which let the page read every header the server sent.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const HOP_BY_HOP = new Set([
	'connection',
	'keep-alive',
	'proxy-authenticate',
	'proxy-authorization',
	'proxy-connection',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade'
]);
/** Request headers about the browser and the hop to the bridge: not the server's business. */
const BROWSER_SIDE = new Set(['host', 'origin', 'referer', 'cookie', 'x-loupe-bridge-token']);

/** @param {import('node:http').IncomingHttpHeaders} headers */
export function upstreamRequestHeaders(headers) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const [name, value] of Object.entries(headers)) {
		if (
			value === undefined ||
			HOP_BY_HOP.has(name) ||
			BROWSER_SIDE.has(name) ||
			name.startsWith('sec-') ||
			name.startsWith('access-control-request-')
		)
			continue;
		out[name] = value;
	}
	return out;
}

/** The server's response headers minus hop-by-hop and its own CORS headers. */
function downstreamHeaders(headers) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || HOP_BY_HOP.has(name) || name.startsWith('access-control-')) continue;
		out[name] = value;
	}
	return out;
}

export class HttpRelay {
	/**
	 * @param {URL} upstream
	 * @param {(line: string) => void} say
	 * @param {import('./guard.mjs').Guard} guard
	 */
	constructor(upstream, say, guard) {
		this.upstream = upstream;
		this.say = say;
		this.guard = guard;
	}

	/**
	 * @param {import('node:http').IncomingMessage} req a request that passed every check
	 * @param {import('node:http').ServerResponse} res
	 * @param {Record<string, string>} cors
	 */
	handle(req, res, cors) {
		const target = new URL(req.url ?? '/', this.upstream.origin);
		const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
		const outgoing = send(target, {
			method: req.method,
			headers: upstreamRequestHeaders(req.headers)
		});
		outgoing.on('response', (incoming) => {
			const headers = downstreamHeaders(incoming.headers);
			const names = Object.keys(headers).filter((n) => n !== 'set-cookie');
			res.writeHead(incoming.statusCode ?? 502, incoming.statusMessage, {
				...headers,
				...this.guard.corsHeaders(req, names)
			});
			res.flushHeaders();
			incoming.pipe(res);
			incoming.once('error', () => res.destroy());
		});
		outgoing.once('error', (error) => {
			if (res.headersSent) return void res.destroy();
			const code = /** @type {NodeJS.ErrnoException} */ (error).code;
			this.say(`Could not reach ${this.upstream.origin}: ${code ?? error.message}.`);
			res.writeHead(502, { ...cors, 'content-type': 'text/plain; charset=utf-8' });
			res.end(`The bridge could not reach ${this.upstream.origin} (${code ?? error.message}).`);
		});
		// Loupe went away (a GET stream closed, a call aborted): so does the request to the server.
		res.once('close', () => {
			if (!res.writableFinished) outgoing.destroy();
		});
		req.pipe(outgoing);
	}

	close() {
		return Promise.resolve();
	}
}
