/**
 * A live session with one MCP server: the connection, raw requests that show what the server
 * really sent, and recovery when the server forgets the session (404 on a request that carried
 * a session id: re-initialise once with a new transport and client, visibly in the log).
 *
 * A dead server is noticed at once: whenever an exchange breaks at the network level (no
 * response, or a body that broke off), the session asks whether anything still answers at the
 * server's address (a no-cors probe, which also answers when CORS refuses this page). If nothing
 * does, every request still waiting fails with a sentence that names it, and the session ends
 * (`onServerGone`); if something does, only the request whose exchange broke fails.
 */
import type {
	Client,
	Notification,
	RequestOptions,
	StandardSchemaV1
} from '@modelcontextprotocol/client';
import {
	connect,
	disconnect,
	probeFetch,
	type Connection,
	type ConnectOptions,
	type TransportKind
} from './connect.js';
import { explainBlockedRequest } from './cors-doctor/blocked-request.js';
import {
	isNetworkError,
	isStreamLoss,
	probeReachable,
	ProblemError,
	type Problem
} from './errors.js';
import { explainError } from './explain-error.js';
import { brokenProblem, describeRequest } from './open-requests.js';
import { maskUrl } from './secrets.js';
import { serverName } from './connection-label.js';
import { browserFetch } from './local-network.js';
import { describeTimeouts, withTimeouts, type TimeoutSettings } from './request-options.js';
import { RequestDeadline, deadlineSettings, deadlinesOf } from './request-deadline.js';
import { withLogLevel, type LogLevel } from './logging.js';
import type { EraSource } from './era-hint.js';
import { nextTask } from './sliced-queue.js';

/** What Loupe applies to every request of a session (set by the UI, read on each request). */
export interface RequestDefaults {
	timeouts?: TimeoutSettings;
	/** 2026-07-28 era: sent in each request's `_meta` (the era has no logging/setLevel). */
	logLevel?: LogLevel;
}

/** Accepts any JSON object as a result, so Loupe can show what the server sent even when it is off-spec. */
const anyObject: StandardSchemaV1<unknown, Record<string, unknown>> = {
	'~standard': {
		version: 1,
		vendor: 'loupe',
		validate: (value) =>
			value && typeof value === 'object' && !Array.isArray(value)
				? { value: value as Record<string, unknown> }
				: { issues: [{ message: 'The result is not a JSON object.' }] }
	}
};

export interface ServerDetails {
	name?: string;
	title?: string;
	version?: string;
	protocolVersion?: string;
	era?: 'modern' | 'legacy';
	/** How the era was reached: negotiated, from a remembered hint (no probe), or fixed by legacy SSE. */
	eraFrom?: EraSource;
	transport: TransportKind;
	sessionId?: string;
	capabilities: Record<string, unknown>;
	instructions?: string;
	/** Protocol versions the server offers (server/discover, 2026 era). */
	supportedVersions?: string[];
	/** The whole server/discover result as the SDK kept it (2026 era). */
	discover?: Record<string, unknown>;
}

export interface SessionEvents {
	/** Any notification from the server (progress and log messages included). */
	onNotification?: (notification: Notification) => void;
	/** The connection ended without Loupe asking. */
	onUnexpectedClose?: () => void;
	/** Nothing answers at the server's address any more; the session has ended. */
	onServerGone?: (problem: Problem) => void;
	/** A transport or protocol error that did not fail a request. */
	onError?: (error: Error) => void;
	/** The session was re-established after the server lost it. */
	onReconnected?: () => void;
	/** Something the person should know that failed nothing (a sentence). */
	onNotice?: (text: string) => void;
	/** Attaches request handlers (sampling, elicitation, roots) to each client before its handshake. */
	setupClient?: (client: Client) => void;
}

/** Tells the person that the server keeps closing its event stream (core/reconnect-policy.ts). */
function streamThrottledNotice(events: SessionEvents): (waitMs: number) => void {
	return (waitMs) =>
		events.onNotice?.(
			`The server keeps closing the event stream Loupe holds open to hear from it; Loupe now reopens it only every ${Math.round(waitMs / 1000)} s, so notifications outside a request may come late.`
		);
}

/** What tells requests sent ahead apart: the method and its params. */
function aheadKey(method: string, params: Record<string, unknown> | undefined): string {
	return params === undefined ? method : `${method}\n${JSON.stringify(params)}`;
}

export class McpSession {
	#connection: Connection;
	#closing = false;
	#recovering: Promise<void> | undefined;
	/** The liveness probe under way, if any: resolves true when something still answers. */
	#liveness: Promise<boolean> | undefined;
	#gone = false;
	/** Applied to every request: timeouts, and the log level in the 2026-07-28 era. */
	requestDefaults: RequestDefaults = {};
	/** Requests sent ahead of their asker (requestAhead), by method and params, each taken once. */
	#ahead = new Map<string, Promise<Record<string, unknown>>>();

	private constructor(
		connection: Connection,
		private readonly options: ConnectOptions,
		private readonly events: SessionEvents
	) {
		this.#connection = connection;
	}

	static async open(options: ConnectOptions, events: SessionEvents = {}): Promise<McpSession> {
		// eslint-disable-next-line prefer-const -- assigned once the connection exists; the events need it before.
		let session: McpSession | undefined;
		const logged = options.recorder.connection;
		const connection = await connect({
			...options,
			setup: (client) => McpSession.#wire(client, () => session, events),
			onNetworkFailure: () => {
				const s = session as McpSession | undefined;
				if (s) void s.#checkAlive();
			},
			onStreamThrottled: streamThrottledNotice(events)
		}).catch((error: unknown) => {
			options.recorder.connectionEnded(logged, 'failed');
			throw error;
		});
		session = new McpSession(connection, options, events);
		session.#logConnected(logged);
		return session;
	}

	/** The traffic log's boundary for this connection says what the handshake found. */
	#logConnected(logged: number): void {
		const { protocolVersion, transport } = this.details;
		this.options.recorder.connectionEnded(logged, {
			transport,
			protocolVersion,
			server: serverName(this.details)
		});
	}

	static #wire(client: Client, session: () => McpSession | undefined, events: SessionEvents) {
		client.fallbackNotificationHandler = async (notification) => {
			// A list that changed after a request for it went ahead: its asker sends a fresh one.
			const s = session();
			if (s && notification.method.endsWith('/list_changed')) s.#ahead.clear();
			events.onNotification?.(notification);
		};
		client.onerror = (error) => {
			// An event stream that broke off (the legacy SSE stream, or a response stream) may mean the server is gone.
			const s = session();
			if (s && isStreamLoss(error)) void s.#checkAlive();
			events.onError?.(error);
		};
		events.setupClient?.(client);
		client.onclose = () => {
			const s = session();
			if (s && !s.#closing && s.#connection.client === client) events.onUnexpectedClose?.();
		};
	}

	get client(): Client {
		return this.#connection.client;
	}

	/** The server URL this session was opened with. */
	get url(): URL {
		return this.options.url;
	}

	get details(): ServerDetails {
		const { client, kind, transport } = this.#connection;
		const info = client.getServerVersion() as
			(Record<string, unknown> & { name?: string; version?: string }) | undefined;
		return {
			name: info?.name,
			title: typeof info?.title === 'string' ? info.title : undefined,
			version: info?.version,
			protocolVersion: client.getNegotiatedProtocolVersion(),
			era: client.getProtocolEra(),
			eraFrom: this.#connection.eraFrom,
			transport: kind,
			sessionId: transport.sessionId,
			capabilities: (client.getServerCapabilities() ?? {}) as Record<string, unknown>,
			instructions: client.getInstructions(),
			supportedVersions: client
				.getDiscoverResult()
				?.supportedVersions?.filter((v): v is string => typeof v === 'string'),
			discover: client.getDiscoverResult() as Record<string, unknown> | undefined
		};
	}

	/** Secret texts about to be sent (see TrafficRecorder.keepSecret): the traffic log masks them. */
	keepSecret(texts: Iterable<string>): void {
		this.options.recorder.keepSecret(texts);
	}

	/**
	 * Sends a request now that something will ask for soon (the tool list, right after the
	 * handshake): the server works on it while the page draws the connection. The first `request`
	 * with the same method and params takes its answer instead of sending another; the request
	 * runs with the defaults of this moment (timeouts), not the asker's options. Resolves a task
	 * later, once the SDK's steps up to the network have run: a caller that renders next (a
	 * microtask, in Svelte) does so while the server is already at work.
	 */
	async requestAhead(method: string, params?: Record<string, unknown>): Promise<void> {
		const key = aheadKey(method, params);
		if (this.#ahead.has(key)) return;
		const answer = this.#send(method, params, undefined);
		answer.catch(() => {}); // The asker hears of a failure; nobody asking is no error.
		this.#ahead.set(key, answer);
		await nextTask();
	}

	/** Sends a request and returns the result object as the server sent it. */
	request(
		method: string,
		params: Record<string, unknown> | undefined,
		options?: RequestOptions
	): Promise<Record<string, unknown>> {
		if (this.#ahead.size) {
			const key = aheadKey(method, params);
			const ahead = this.#ahead.get(key);
			if (ahead) {
				this.#ahead.delete(key);
				return ahead;
			}
		}
		return this.#send(method, params, options);
	}

	async #send(
		method: string,
		params: Record<string, unknown> | undefined,
		options?: RequestOptions
	): Promise<Record<string, unknown>> {
		const connection = this.#connection;
		options = withTimeouts(options, this.requestDefaults.timeouts);
		if (connection.client.getProtocolEra() === 'modern')
			params = withLogLevel(params, this.requestDefaults.logLevel);
		// Loupe runs the timeout itself, so it stands still while the person answers the server (request-deadline.ts).
		const deadline = new RequestDeadline(deadlineSettings(options));
		const sdkOptions = deadline.sdkOptions(options);
		deadline.start(deadlinesOf(connection.client));
		try {
			try {
				return await connection.client.request({ method, params }, anyObject, sdkOptions);
			} catch (error) {
				if (
					connection.transport.sessionId !== undefined &&
					isSessionLost(error) &&
					!this.#closing
				) {
					await this.#recover(connection);
					deadline.track(deadlinesOf(this.#connection.client));
					return await this.#connection.client.request({ method, params }, anyObject, sdkOptions);
				}
				throw error;
			}
		} catch (error) {
			if (deadline.error) throw deadline.error;
			const own =
				this.#connection.transport.problemOf(error) ?? connection.transport.problemOf(error);
			// A stream that ended without its answer: is the server still there? (Its verdict says why.)
			if (own)
				throw (await this.#checkAlive())
					? new ProblemError(own)
					: new ProblemError(brokenProblem(describeRequest(method, params), 'server-gone'));
			if (isNetworkError(error) && (this.#gone || !this.#closing))
				throw await this.#networkProblem(error, describeRequest(method, params));
			throw error;
		} finally {
			deadline.dispose();
		}
	}

	/** A request whose exchange failed at the network level: the server is gone, or refused just this. */
	async #networkProblem(error: unknown, label: string): Promise<ProblemError> {
		const failed = this.#connection.lastHttp();
		const alive = await this.#checkAlive();
		if (!alive) return new ProblemError(brokenProblem(label, 'server-gone'));
		const problem = explainError(error, {
			url: this.url,
			origin: this.options.origin,
			pageProtocol: this.options.pageProtocol,
			reachable: true,
			action: label
		});
		// Refused by CORS (a header this request carries, say Mcp-Param-Region): the probes name it.
		return new ProblemError(
			await explainBlockedRequest(
				problem,
				failed?.error ? failed : undefined,
				this.url,
				probeFetch(this.options)
			)
		);
	}

	/** Asks once at a time whether anything still answers at the server's address; ends the session if not. */
	#checkAlive(): Promise<boolean> {
		if (this.#gone) return Promise.resolve(false);
		if (this.#closing) return Promise.resolve(true);
		this.#liveness ??= (this.options.probe ?? ((u: URL) => probeReachable(u, browserFetch, 3000)))(
			this.options.url
		).then((alive) => {
			this.#liveness = undefined;
			if (!alive) this.#serverGone();
			return alive;
		});
		return this.#liveness;
	}

	/** Fails every request still waiting, closes the connection locally (no DELETE: nobody listens) and says so. */
	#serverGone(): void {
		if (this.#gone || this.#closing) return;
		this.#gone = true;
		this.#closing = true;
		const { transport, client } = this.#connection;
		transport.failOpenRequests('server-gone');
		// After the failures have reached the callers, so each request reports its own.
		transport.afterInbound(() => {
			void client.close().catch(() => {});
			this.events.onServerGone?.({
				kind: 'unreachable',
				message: `The server at ${maskUrl(this.url.href)} stopped answering: nothing is listening there any more.`,
				hints: [
					'Requests that were waiting for an answer have failed.',
					'Start the server again, then Connect.'
				]
			});
		});
	}

	/**
	 * Replaces a connection whose session the server lost, once: requests that fail together
	 * share one new session, and a connection already replaced is not replaced again.
	 */
	#recover(lost: Connection): Promise<void> {
		if (this.#connection !== lost) return this.#recovering ?? Promise.resolve();
		this.#recovering ??= (async () => {
			try {
				const logged = this.options.recorder.newConnection({
					url: this.options.url.href,
					transport: lost.kind,
					reason: 'new-session'
				});
				this.#connection = await connect({
					...this.options,
					setup: (client) => McpSession.#wire(client, () => this, this.events),
					onNetworkFailure: () => void this.#checkAlive(),
					onStreamThrottled: streamThrottledNotice(this.events)
				}).catch((error: unknown) => {
					this.options.recorder.connectionEnded(logged, 'failed');
					throw error;
				});
				this.#logConnected(logged);
				// The old session is gone on the server; close it locally without a DELETE.
				void lost.client.close().catch(() => {});
				this.events.onReconnected?.();
			} catch (error) {
				this.#closing = true;
				void lost.client.close().catch(() => {});
				this.events.onUnexpectedClose?.();
				throw error;
			} finally {
				this.#recovering = undefined;
			}
		})();
		return this.#recovering;
	}

	/**
	 * Ends the session on the server (DELETE) when there is one, then closes. Returns why the
	 * session stays open on the server, when the browser kept the DELETE from it (CORS).
	 */
	async close(): Promise<Problem | undefined> {
		this.#closing = true;
		if (this.#gone) return undefined;
		return disconnect(this.#connection, this.options);
	}

	/** Explains a failed request in words a person can act on (a timeout names the settings that apply). */
	explain(error: unknown, action: string) {
		if (error instanceof ProblemError) return error.problem;
		const problem = explainError(error, {
			url: this.options.url,
			origin: this.options.origin,
			pageProtocol: this.options.pageProtocol,
			lastHttp: this.#connection.lastHttp(),
			// The session connected, so the browser let this page reach the server (Local Network Access).
			localNetworkAccess: 'granted',
			connectedElsewhere: this.options.connectedElsewhere?.(),
			action
		});
		if (problem.kind === 'timeout' && this.requestDefaults.timeouts)
			problem.hints.unshift(describeTimeouts(this.requestDefaults.timeouts));
		return problem;
	}
}

/**
 * The server forgot the session: HTTP 404 to a request that carried Mcp-Session-Id (the spec's
 * signal), or a 400 that says so (what many servers built on older SDKs answer after a restart).
 */
export function isSessionLost(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	const e = error as { status?: unknown; message?: unknown; data?: { text?: unknown } };
	if (e.status === 404) return true;
	const text = `${typeof e.message === 'string' ? e.message : ''} ${typeof e.data?.text === 'string' ? e.data.text : ''}`;
	return e.status === 400 && /session/i.test(text);
}
