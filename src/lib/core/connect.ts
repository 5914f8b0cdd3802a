/**
 * Opening a connection to an MCP server with the SDK v2 client: Streamable HTTP with protocol-era
 * negotiation (2026-07-28 or legacy initialize), or legacy HTTP+SSE, and the spec's fallback
 * rule between them. Every message and HTTP exchange goes through the traffic recorder.
 */
import {
	Client,
	SSEClientTransport,
	StreamableHTTPClientTransport,
	type AuthProvider,
	type ClientCapabilities,
	type JSONRPCNotification,
	type Transport
} from '@modelcontextprotocol/client';
import { CfWorkerJsonSchemaValidator } from '@modelcontextprotocol/client/validators/cf-worker';
import { createRecordingFetch, type Fetch } from './recording-fetch.js';
import type { BigTextReader } from './wire-messages.js';
import { RecordingTransport } from './recording-transport.js';
import { SlicedQueue } from './sliced-queue.js';
import { createReconnectScheduler } from './reconnect-policy.js';
import { isNetworkError, ProblemError, probeReachable, type Problem } from './errors.js';
import { explainError } from './explain-error.js';
import { explainBlockedRequest } from './cors-doctor/blocked-request.js';
import { hiddenSessionProblem, sessionIdHidden } from './cors-doctor/hidden-session.js';
import { browserFetch, localNetworkPermission } from './local-network.js';
import { bridgeTokenRefusal } from './bridge-link.js';
import type { HttpEntry, TrafficRecorder } from './traffic.js';
import { messageSubject } from './traffic-subject.js';
import { isPlainLogNotification } from './logging.js';
import type { EraSource, ProtocolEra } from './era-hint.js';

export type TransportChoice = 'auto' | 'streamable-http' | 'sse';
export type TransportKind = 'streamable-http' | 'sse';

export const CLIENT_INFO = { name: 'loupe', title: 'Loupe MCP inspector', version: '0.1.0' };

/**
 * Loupe declares only what it implements: sampling (with tool use), elicitation (form and URL)
 * and roots with list-change notifications, all answered by the person (client-requests.ts).
 */
export const CLIENT_CAPABILITIES: ClientCapabilities = {
	sampling: { tools: {} },
	elicitation: { form: {}, url: {} },
	roots: { listChanged: true }
};

export interface ConnectOptions {
	url: URL;
	transport: TransportChoice;
	/** Extra headers sent with every request (custom headers, a static bearer token). */
	headers?: Record<string, string>;
	recorder: TrafficRecorder;
	/** Reads big received messages for the log away from the main thread (wire-messages.ts). */
	readBig?: BigTextReader;
	/** The fetch underneath the recorder (tests, or a future auth layer). */
	fetch?: Fetch;
	authProvider?: AuthProvider;
	/** Wraps the recorded fetch the transport uses (OAuth step-up on 403 insufficient_scope). */
	wrapFetch?: (fetch: Fetch) => Fetch;
	/** The whole handshake's limit, per transport tried (the person's connection timeout; 30 s if unset). */
	timeoutMs?: number;
	/** For CORS advice in errors. */
	origin?: string;
	pageProtocol?: string;
	/** URLs of the other servers connected in this tab, for a timeout's explanation (explain-error.ts). */
	connectedElsewhere?: () => string[];
	/** Reachability probe used to tell "unreachable" from "CORS-blocked". */
	probe?: (url: URL) => Promise<boolean>;
	/** Called once the client exists, before the handshake, to attach handlers. */
	setup?: (client: Client) => void;
	/** An exchange of the established connection broke at the network level (recording-fetch.ts). */
	onNetworkFailure?: (entry: HttpEntry) => void;
	/** The server keeps closing its event stream: Loupe now reopens it every `waitMs` (reconnect-policy.ts). */
	onStreamThrottled?: (waitMs: number) => void;
	/**
	 * The era this server spoke before (era-hint.ts): 'legacy' skips the server/discover probe over
	 * Streamable HTTP and sends initialize at once; a server that refuses it is negotiated with in full.
	 */
	eraHint?: ProtocolEra;
}

export interface Connection {
	client: Client;
	transport: RecordingTransport;
	kind: TransportKind;
	url: URL;
	/** Whether the era was negotiated, taken from the hint, or fixed by the transport (legacy SSE). */
	eraFrom: EraSource;
	/** The most recent HTTP exchange of this connection, for error explanations. */
	lastHttp(): HttpEntry | undefined;
}

/** The fallback rule of the spec: only these statuses to the first POST mean "try legacy SSE". */
export const SSE_FALLBACK_STATUSES = new Set([400, 404, 405]);

/**
 * Decides whether a failed Streamable HTTP attempt should be retried as legacy SSE: only when the
 * last POST was answered with 400, 404 or 405, never after 401/403 or a network error.
 */
export function shouldFallBackToSse(exchanges: readonly HttpEntry[]): boolean {
	if (exchanges.some((e) => e.status === 401 || e.status === 403)) return false;
	// A POST answered with success: the server speaks Streamable HTTP, whatever failed after.
	if (
		exchanges.some(
			(e) => e.method === 'POST' && e.status !== undefined && e.status >= 200 && e.status < 300
		)
	)
		return false;
	const lastPost = exchanges.findLast((e) => e.method === 'POST');
	return lastPost?.status !== undefined && SSE_FALLBACK_STATUSES.has(lastPost.status);
}

function createClient(eraFrom: EraSource): Client {
	return new Client(CLIENT_INFO, {
		capabilities: CLIENT_CAPABILITIES,
		jsonSchemaValidator: new CfWorkerJsonSchemaValidator(),
		// Legacy SSE predates the 2026 era; Streamable HTTP negotiates, unless the server's era is known.
		versionNegotiation: { mode: eraFrom === 'negotiation' ? 'auto' : 'legacy' },
		// Loupe shows the server's lists as they are; no client-side caching between calls.
		defaultCacheTtlMs: 0
	});
}

async function attempt(
	kind: TransportKind,
	options: ConnectOptions,
	exchanges: HttpEntry[],
	eraFrom: EraSource = kind === 'sse' ? 'transport' : 'negotiation'
): Promise<Connection> {
	// Every header the person added is treated as a secret: its value never reaches the log.
	const secretHeaders = new Set(Object.keys(options.headers ?? {}).map((h) => h.toLowerCase()));
	let connected = false;
	let last: HttpEntry | undefined;
	// Received messages reach the client through this queue; response bodies are read at its pace.
	const inbound = new SlicedQueue();
	// Requests answered with a JSON body, by id: that body is the whole answer (recording-transport.ts).
	const answeredInJson = new Set<string | number>();
	const recorded = createRecordingFetch({
		recorder: options.recorder,
		readBig: options.readBig,
		sseAlsoRead: kind === 'sse' ? ['endpoint'] : undefined,
		inbound,
		fetch: options.fetch,
		secretHeaders,
		onJsonAnswer: (id) => answeredInJson.add(id),
		// Log messages go to the client's notification handler (session.ts) without the SDK, in order
		// with the rest: the SDK checks each message against five schemas, four of which fail, and a
		// failed check builds an error. In a flood of 100,000 log messages that was most of the work.
		take: (message) => {
			if (!isPlainLogNotification(message)) return false;
			inbound.run(() => {
				const handled = client.fallbackNotificationHandler?.(message as JSONRPCNotification);
				// As the SDK does with a handler's failure: the client's error handler hears it.
				handled?.catch((error: unknown) =>
					client.onerror?.(error instanceof Error ? error : new Error(String(error)))
				);
			});
			return true;
		},
		onExchange: (e) => {
			last = e;
			if (!connected) exchanges.push(e);
		},
		// Failures during the handshake are the connect error's to explain.
		onNetworkFailure: (e) => {
			if (connected) options.onNetworkFailure?.(e);
		}
	});
	const fetch = options.wrapFetch ? options.wrapFetch(recorded) : recorded;
	const requestInit: RequestInit = { headers: { ...options.headers } };
	let inner: Transport;
	if (kind === 'sse') {
		inner = new SSEClientTransport(options.url, {
			fetch,
			requestInit,
			authProvider: options.authProvider
		});
	} else {
		inner = new StreamableHTTPClientTransport(options.url, {
			fetch,
			requestInit,
			authProvider: options.authProvider,
			reconnectionOptions: {
				maxRetries: 2,
				initialReconnectionDelay: 1000,
				maxReconnectionDelay: 10_000,
				reconnectionDelayGrowFactor: 1.5
			},
			// Never at once, and ever less often while the server keeps closing the stream.
			reconnectionScheduler: createReconnectScheduler({ onThrottled: options.onStreamThrottled })
		});
	}
	const transport = new RecordingTransport(inner, options.recorder, inbound, (id) =>
		answeredInJson.delete(id)
	);
	const client = createClient(eraFrom);
	options.setup?.(client);
	// One deadline for the whole handshake: a request timeout alone does not cover a transport
	// that never starts (an SSE stream that never names its endpoint, say).
	const deadlineMs = options.timeoutMs ?? 30_000;
	try {
		await within(client.connect(transport, { timeout: deadlineMs }), deadlineMs, () => {
			const error = new Error(
				`the connection handshake did not finish within ${Math.round(deadlineMs / 1000)} s`
			);
			throw Object.assign(error, { code: 'REQUEST_TIMEOUT' });
		});
	} catch (error) {
		await client.close().catch(() => {});
		throw error;
	}
	connected = true;
	return { client, transport, kind, url: options.url, eraFrom, lastHttp: () => last };
}

/**
 * Streamable HTTP: with a 'legacy' hint, initialize at once; if the server refuses that (it may
 * speak only 2026-07-28 now), negotiate in full. Not after an auth challenge, a network failure or
 * a timeout, which a full negotiation would meet just the same.
 */
async function attemptStreamable(
	options: ConnectOptions,
	exchanges: HttpEntry[]
): Promise<Connection> {
	if (options.eraHint !== 'legacy') return attempt('streamable-http', options, exchanges);
	const hinted: HttpEntry[] = [];
	try {
		return await attempt('streamable-http', options, hinted, 'hint');
	} catch (error) {
		const answered = hinted.some((e) => e.status !== undefined);
		const authOrTimeout =
			hinted.some((e) => e.status === 401 || e.status === 403) ||
			(error as { code?: unknown })?.code === 'REQUEST_TIMEOUT';
		if (!answered || authOrTimeout) {
			exchanges.push(...hinted);
			throw error;
		}
		return attempt('streamable-http', options, exchanges);
	}
}

/** Connects, falling back from Streamable HTTP to legacy SSE on the spec's signals when `auto`. */
export async function connect(options: ConnectOptions): Promise<Connection> {
	// Each message in the log says what it is about (this code comes with the session, not the first screen).
	options.recorder.describe ??= messageSubject;
	const first: TransportKind = options.transport === 'sse' ? 'sse' : 'streamable-http';
	const exchanges: HttpEntry[] = [];
	try {
		return await (first === 'sse'
			? attempt(first, options, exchanges)
			: attemptStreamable(options, exchanges));
	} catch (error) {
		if (options.transport === 'auto' && shouldFallBackToSse(exchanges)) {
			const sseExchanges: HttpEntry[] = [];
			try {
				return await attempt('sse', options, sseExchanges);
			} catch (sseError) {
				// The SSE attempt failing too: report the original Streamable HTTP failure,
				// which is what most servers today speak.
				throw await toProblemError(
					error,
					options,
					exchanges,
					'connecting (Streamable HTTP, then legacy SSE)',
					sseError
				);
			}
		}
		throw await toProblemError(error, options, exchanges, 'connecting');
	}
}

async function toProblemError(
	error: unknown,
	options: ConnectOptions,
	exchanges: HttpEntry[],
	action: string,
	secondError?: unknown
): Promise<ProblemError> {
	const lastHttp = exchanges.at(-1);
	let reachable: boolean | undefined;
	let localNetworkAccess: Awaited<ReturnType<typeof localNetworkPermission>>;
	if (lastHttp?.status === undefined && lastHttp?.error !== undefined) {
		reachable = await (options.probe ?? ((u: URL) => probeReachable(u, browserFetch)))(options.url);
		localNetworkAccess = await localNetworkPermission(options.url);
	}
	// The local bridge refused its token: its own sentence (no CORS question there).
	const bridgeRefusal = bridgeTokenRefusal(lastHttp, options.url);
	let problem: Problem =
		bridgeRefusal ??
		explainError(error, {
			url: options.url,
			origin: options.origin,
			pageProtocol: options.pageProtocol,
			lastHttp,
			reachable,
			localNetworkAccess,
			connectedElsewhere: options.connectedElsewhere?.(),
			action
		});
	// Up, but refused: targeted probes name the header or method the server's CORS refuses.
	if (!bridgeRefusal)
		problem = await explainBlockedRequest(problem, lastHttp, options.url, probeFetch(options));
	if (!bridgeRefusal && sessionIdHidden(exchanges)) problem = hiddenSessionProblem(options.url);
	// Any timeout here is the handshake's own limit, a setting of its own.
	if (problem.kind === 'timeout')
		problem.hints = [
			'Check that the server is not stuck, or raise the connection timeout under Settings → Timeouts.'
		];
	if (secondError)
		problem.hints.push(
			`Legacy SSE failed too: ${secondError instanceof Error ? secondError.message : String(secondError)}`
		);
	return new ProblemError(problem);
}

/** `promise`, or what `onTimeout` returns (or throws) if it has not settled after `ms`. */
async function within<T>(promise: Promise<T>, ms: number, onTimeout: () => T): Promise<T> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<T>((resolve, reject) => {
		timer = setTimeout(() => {
			try {
				resolve(onTimeout());
			} catch (error) {
				reject(error);
			}
		}, ms);
	});
	try {
		return await Promise.race([promise, late]);
	} finally {
		clearTimeout(timer);
	}
}

/** The fetch for the CORS doctor's targeted probes: recorded in Traffic like the connection's own exchanges. */
export function probeFetch(options: Pick<ConnectOptions, 'recorder' | 'fetch'>): Fetch {
	return createRecordingFetch({
		recorder: options.recorder,
		fetch: options.fetch,
		recordMessages: false
	});
}

/**
 * Ends the session (DELETE) when the transport has one, then closes. Never throws, never hangs.
 * Returns why the session could not be ended on the server, when a browser refusal (CORS) kept
 * the DELETE from it: the person should know the session stays open there.
 */
export async function disconnect(
	connection: Connection,
	options: Pick<ConnectOptions, 'recorder' | 'fetch' | 'probe'>,
	timeoutMs = 5000
): Promise<Problem | undefined> {
	const inner = connection.transport.inner;
	let failure: unknown;
	if (inner instanceof StreamableHTTPClientTransport && inner.sessionId) {
		await within(
			inner.terminateSession().catch((error: unknown) => void (failure = error)),
			timeoutMs,
			() => {}
		);
	}
	await connection.client.close().catch(() => {});
	if (!isNetworkError(failure)) return undefined;
	const reachable = await (options.probe ?? ((u: URL) => probeReachable(u, browserFetch, 3000)))(
		connection.url
	);
	if (!reachable) return undefined;
	const refused: Problem = {
		kind: 'cors',
		message:
			'The session could not be ended on the server: the browser blocked the DELETE request (CORS).',
		hints: [
			'Access-Control-Allow-Methods: GET, POST, DELETE, OPTIONS',
			'The DELETE answer needs Access-Control-Allow-Origin too.'
		]
	};
	return explainBlockedRequest(
		refused,
		connection.lastHttp(),
		connection.url,
		probeFetch(options),
		true
	);
}
