/**
 * A stdio MCP server served as Streamable HTTP at /mcp, as a relay: each POSTed message is written
 * to the server's stdin as it came (one line), each line the server writes goes back as it came
 * (see message-router.mjs for which stream). The bridge speaks no protocol era of its own, so
 * whatever the server speaks (2025-era `initialize` or 2026-07-28) reaches Loupe unchanged. What
 * it adds is HTTP's: a session id for each `initialize` (the latest session is the one served, as
 * a stdio server has one client), the GET stream for that session, and DELETE to end it.
 * The server's stderr reaches Loupe's Logs as `notifications/message` lines with logger "stderr".
 */
import { randomUUID } from 'node:crypto';
import { ChildServer } from './child.mjs';
import { EventStream } from './event-stream.mjs';
import { isRequest, logLine, MessageRouter } from './message-router.mjs';

export const MCP_PATH = '/mcp';
/** The largest POST body relayed (16 MB). */
const MAX_BODY = 16 * 1024 * 1024;

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a request body, up to `limit` bytes (undefined beyond). */
function readBody(req, limit) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		req.on('data', (chunk) => {
			size += chunk.length;
			if (size <= limit) chunks.push(chunk);
		});
		req.once('end', () =>
			resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8'))
		);
		req.once('error', reject);
	});
}

/** A JSON-RPC error answer with an HTTP status. */
function rpcError(res, status, headers, code, message, id = null) {
	res.writeHead(status, { ...headers, 'content-type': 'application/json' });
	res.end(JSON.stringify({ jsonrpc: '2.0', id, error: { code, message } }));
}

function plain(res, status, headers, text) {
	res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8' });
	res.end(text);
}

export class StdioRelay {
	/** @type {string | undefined} the current session's id */
	#session;

	/**
	 * @param {{ command: string, args: string[], env: Record<string, string> }} spec
	 * @param {(line: string) => void} say a line for the bridge's console
	 */
	constructor(spec, say) {
		this.say = say;
		this.router = new MessageRouter(say);
		this.child = new ChildServer(spec, {
			stdout: (line) => this.router.fromServer(line),
			stderr: (line) => this.router.unrelated(logLine('info', 'stderr', line)),
			exited: (how) => {
				const note = `The server stopped (${how}). The next request from Loupe starts it again.`;
				say(note);
				// Said to Loupe too (on an open stream, else with the next one), before its streams end unanswered.
				this.router.unrelated(logLine('error', 'bridge', note));
				this.#session = undefined;
				this.router.endAll();
			}
		});
	}

	/**
	 * @param {import('node:http').IncomingMessage} req a request that passed every check
	 * @param {import('node:http').ServerResponse} res
	 * @param {Record<string, string>} cors
	 */
	async handle(req, res, cors) {
		const { pathname } = new URL(req.url ?? '/', 'http://bridge');
		if (pathname !== MCP_PATH)
			return plain(res, 404, cors, `The bridge serves its MCP server at ${MCP_PATH} only.`);
		if (req.method === 'POST') return this.#post(req, res, cors);
		if (req.method === 'GET') return this.#get(req, res, cors);
		if (req.method === 'DELETE') return this.#delete(req, res, cors);
		return plain(
			res,
			405,
			{ ...cors, allow: 'GET, POST, DELETE, OPTIONS' },
			`${req.method} is not used by MCP.`
		);
	}

	/** Stops the server (the bridge is closing). */
	close() {
		this.router.endAll();
		return this.child.stop();
	}

	/** Starts the server if it is not running; false (and the answer sent) when it cannot start. */
	async #started(res, cors) {
		const first = !this.child.running;
		try {
			await this.child.ensureStarted();
			if (first)
				this.say(
					`Started the server${this.child.starts > 1 ? ' again' : ''}: ${[this.child.spec.command, ...this.child.spec.args].join(' ')}`
				);
			return true;
		} catch (error) {
			const reason = /** @type {Error} */ (error).message;
			this.say(`Could not start the server: ${reason}.`);
			plain(res, 502, cors, `The bridge could not start its server: ${reason}.`);
			return false;
		}
	}

	async #post(req, res, cors) {
		const body = await readBody(req, MAX_BODY);
		if (body === undefined)
			return rpcError(
				res,
				413,
				cors,
				-32600,
				`The message is larger than ${MAX_BODY / 1024 / 1024} MB.`
			);
		let parsed;
		try {
			parsed = JSON.parse(body);
		} catch {
			return rpcError(res, 400, cors, -32700, 'The request body is not JSON.');
		}
		const messages = Array.isArray(parsed) ? parsed : [parsed];
		if (!messages.length || !messages.every(isObject))
			return rpcError(res, 400, cors, -32600, 'The request body is not a JSON-RPC message.');
		const sessionId = req.headers['mcp-session-id'];
		if (sessionId !== undefined && sessionId !== this.#session)
			return rpcError(
				res,
				404,
				cors,
				-32001,
				'Session not found: start a new one with initialize.'
			);
		const requests = messages.filter(isRequest);
		const busy = this.router.busyId(requests);
		if (busy !== undefined)
			return rpcError(
				res,
				409,
				cors,
				-32600,
				`Request id ${JSON.stringify(busy)} is still waiting for an answer through this bridge.`,
				busy
			);
		if (!(await this.#started(res, cors))) return;
		// JSON has no line breaks inside strings, so this keeps the message and makes it one line.
		const line = body.replace(/[\r\n]+/g, ' ').trim();
		if (!requests.length) {
			this.child.write(line);
			res.writeHead(202, cors);
			return res.end();
		}
		const headers = { ...cors };
		if (requests.some((r) => r.method === 'initialize')) {
			// A new session: the previous one (a stdio server has one client) ends.
			this.router.endStandalone();
			this.#session = randomUUID();
			headers['mcp-session-id'] = this.#session;
		} else if (sessionId !== undefined) headers['mcp-session-id'] = sessionId;
		const stream = new EventStream(res, headers, { methods: requests.map((r) => r.method) });
		this.router.addRequestStream(stream, requests);
		this.child.write(line);
	}

	async #get(req, res, cors) {
		if (!String(req.headers.accept ?? '').includes('text/event-stream'))
			return plain(res, 406, cors, 'The GET stream is text/event-stream.');
		const sessionId = req.headers['mcp-session-id'];
		if (sessionId === undefined)
			return plain(
				res,
				405,
				{ ...cors, allow: 'POST, DELETE, OPTIONS' },
				'The GET stream belongs to a session: initialize first.'
			);
		if (sessionId !== this.#session) return plain(res, 404, cors, 'Session not found.');
		if (this.router.standalone)
			return plain(res, 409, cors, 'This session already has its GET stream open.');
		if (!(await this.#started(res, cors))) return;
		this.router.setStandalone(new EventStream(res, { ...cors, 'mcp-session-id': sessionId }));
	}

	#delete(req, res, cors) {
		const sessionId = req.headers['mcp-session-id'];
		if (sessionId === undefined)
			return plain(res, 400, cors, 'DELETE ends a session: send its Mcp-Session-Id.');
		if (sessionId !== this.#session) return plain(res, 404, cors, 'Session not found.');
		this.#session = undefined;
		this.router.endStandalone();
		res.writeHead(200, cors);
		res.end();
	}
}
