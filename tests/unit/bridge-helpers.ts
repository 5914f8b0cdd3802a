/**
 * For the bridge's tests: runs `node scripts/bridge.mjs` as a person would (its own process,
 * reading the printed link), and sends raw HTTP requests with any Host, Origin and headers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';

export interface RunningBridge {
	process: ChildProcess;
	link: string;
	/** The MCP endpoint the link points Loupe at. */
	endpoint: URL;
	token: string;
	/** Everything the bridge wrote to stderr so far (its notes and the stdio server's stderr). */
	stderr(): string;
	stop(): Promise<void>;
}

/** Starts the bridge with `args`; resolves once it printed its link. */
export function runBridge(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningBridge> {
	const child = spawn(process.execPath, ['scripts/bridge.mjs', ...args], {
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return new Promise((resolve, reject) => {
		const timer = setTimeout(
			() => reject(new Error(`the bridge printed no link in time:\n${stdout}\n${stderr}`)),
			15_000
		);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`the bridge exited (${code}):\n${stdout}\n${stderr}`));
		});
		child.stdout.setEncoding('utf8').on('data', (d: string) => {
			stdout += d;
			const link = /Open in Loupe: (\S+)/.exec(stdout)?.[1];
			if (!link) return;
			clearTimeout(timer);
			child.removeAllListeners('exit');
			const url = new URL(link);
			const fragment = new URLSearchParams(url.hash.slice(1));
			resolve({
				process: child,
				link,
				endpoint: new URL(url.searchParams.get('server') ?? ''),
				token: fragment.get('bridge-token') ?? '',
				stderr: () => stderr,
				stop
			});
		});
	});
}

export interface RawResponse {
	status: number;
	headers: IncomingHttpHeaders;
	body: string;
}

export interface RawRequest {
	method?: string;
	path?: string;
	headers?: Record<string, string>;
	body?: string;
	/** Host header; by default the endpoint's host. */
	host?: string;
}

/** Sends one request to `endpoint`'s address; `onResponse` sees the response as it starts. */
export function send(
	endpoint: URL,
	req: RawRequest = {},
	onResponse?: (res: IncomingMessage) => void
): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const r = httpRequest(
			{
				host: '127.0.0.1',
				port: Number(endpoint.port),
				method: req.method ?? 'POST',
				path: req.path ?? `${endpoint.pathname}${endpoint.search}`,
				headers: {
					host: req.host ?? endpoint.host,
					...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
					...req.headers
				}
			},
			(res) => {
				onResponse?.(res);
				let body = '';
				res.setEncoding('utf8');
				res.on('data', (d: string) => (body += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
				res.on('error', reject);
			}
		);
		r.on('error', reject);
		r.end(req.body);
	});
}

/** The JSON-RPC messages in an SSE body (or a JSON one). */
export function messagesIn(body: string): any[] {
	if (body.trimStart().startsWith('{')) return [JSON.parse(body)];
	return body
		.split('\n')
		.filter((l) => l.startsWith('data:'))
		.map((l) => JSON.parse(l.slice(5).trim()));
}

export const rpc = (id: number | string, method: string, params?: Record<string, unknown>) =>
	JSON.stringify({ jsonrpc: '2.0', id, method, ...(params ? { params } : {}) });
