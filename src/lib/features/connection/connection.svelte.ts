/**
 * The connection as the UI sees it: settings, status, the server's details.
 * The SDK is loaded only when the person connects, not with the first screen.
 */
import type { Client } from '@modelcontextprotocol/client';
import type { McpSession, ServerDetails } from '../../core/session.js';
import type { TransportChoice } from '../../core/connect.js';
import {
	describeTransportError,
	parseServerUrl,
	ProblemError,
	type Problem
} from '../../core/errors.js';
import type { TrafficLog } from '../traffic/traffic-log.svelte.js';
import type { AuthState } from '../auth/auth.svelte.js';
import type { SessionListener } from '../../ui/session-events.js';
import {
	cleanTimeouts,
	connectTimeoutMs,
	DEFAULT_TIMEOUTS,
	type TimeoutSettings
} from '../../core/request-options.js';
import { codeLoadProblem, isCodeLoadError } from '../../core/code-load.js';
import { loadSessionCode } from './connect-code.js';
import { bridgeLink } from './bridge-token.js';

export type Status = 'disconnected' | 'connecting' | 'connected' | 'error' | 'sign-in-required';

/** How a status reads, in "Connection status" and in the Servers list. */
export const STATUS_WORDS: Record<Status, string> = {
	disconnected: 'Disconnected',
	connecting: 'Connecting…',
	connected: 'Connected',
	error: 'Error',
	'sign-in-required': 'Sign-in required'
};

export interface HeaderRow {
	name: string;
	value: string;
}

export type { SessionListener } from '../../ui/session-events.js';

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export class ConnectionState {
	url = $state('');
	transport = $state<TransportChoice>('auto');
	bearerToken = $state('');
	headers = $state<HeaderRow[]>([]);
	/** Request timeout (reset by progress) and total ceiling, for every request of the session; the handshake's limit. */
	timeouts = $state<TimeoutSettings>({ ...DEFAULT_TIMEOUTS });

	status = $state<Status>('disconnected');
	problem = $state<Problem | undefined>(undefined);
	readonly #connectedElsewhere?: () => string[];
	/** A note that is not an error (e.g. the session was re-established). */
	notice = $state<string | undefined>(undefined);
	/** The last notice that was a CORS refusal (Disconnect's DELETE refused). */
	#corsNotice = $state<string | undefined>(undefined);
	/** The notice shown is a CORS refusal: "Check server" is offered with it. */
	get noticeIsCors(): boolean {
		return this.notice !== undefined && this.notice === this.#corsNotice;
	}
	details = $state.raw<ServerDetails | undefined>(undefined);
	session = $state.raw<McpSession | undefined>(undefined);

	/** OAuth sign-in (one client per server URL), used when no static bearer token is set. */
	readonly auth: AuthState | undefined;

	#attempt = 0;
	readonly #onConnect: (() => void) | undefined;
	#listeners: SessionListener[] = [];
	/** Attaches handlers for server→client requests to each new client, before its handshake. */
	readonly setupClient: ((client: Client) => void) | undefined;

	constructor(
		private readonly log: TrafficLog,
		options: {
			auth?: AuthState;
			setupClient?: (client: Client) => void;
			/** A connection starts with this URL and transport (the workspace keeps them for the next visit). */
			onConnect?: () => void;
			/** URLs of the other servers connected in this tab (a timeout may be the browser's connection limit). */
			connectedElsewhere?: () => string[];
		} = {}
	) {
		this.auth = options.auth;
		this.#connectedElsewhere = options.connectedElsewhere;
		this.setupClient = options.setupClient;
		this.#onConnect = options.onConnect;
	}

	listen(listener: SessionListener): void {
		this.#listeners.push(listener);
	}

	/** Headers to send: custom rows plus the static bearer token. Secrets stay in memory only. */
	requestHeaders(): Record<string, string> {
		const out: Record<string, string> = {};
		for (const row of this.headers) {
			const name = row.name.trim();
			if (!name) continue;
			if (!HEADER_NAME.test(name)) {
				throw new ProblemError({
					kind: 'bad-settings',
					message: `"${name}" is not a valid HTTP header name: use letters, digits and - only.`,
					hints: ['Fix or remove it under Settings → Headers.']
				});
			}
			out[name] = row.value;
		}
		const token = this.bearerToken.trim();
		if (token) out['Authorization'] = `Bearer ${token}`;
		return out;
	}

	/** Applies the timeout settings to the live session (they are read on every request). */
	applyTimeouts(): void {
		if (this.session) this.session.requestDefaults.timeouts = cleanTimeouts(this.timeouts);
	}

	#fail(problem: Problem) {
		this.status = 'error';
		this.problem = problem;
	}

	async connect(): Promise<void> {
		const attempt = ++this.#attempt;
		this.problem = undefined;
		this.notice = undefined;
		let url: URL;
		let headers: Record<string, string>;
		try {
			url = parseServerUrl(this.url);
			headers = this.requestHeaders();
		} catch (error) {
			return this.#fail((error as ProblemError).problem);
		}
		this.#endSession();
		this.status = 'connecting';
		this.#onConnect?.();
		this.log.recorder.newConnection({
			url: url.href,
			transport: this.transport,
			reason: 'connect'
		});
		try {
			// The session code and the OAuth code load side by side (usually both already have).
			const sessionCode = loadSessionCode();
			// The local bridge's token, for the bridge only (it replaces a bearer token: a stdio server has no use for one).
			const bridge = bridgeLink();
			if (bridge) headers = (await sessionCode).withBridgeHeaders(headers, url, bridge);
			const authProvider =
				headers['Authorization'] === undefined
					? await this.auth?.providerFor(url)
					: this.auth?.detach();
			const { McpSession, eraHintFor, rememberEra, readBigReceivedText } = await sessionCode;
			if (authProvider && (await this.auth?.resumeRedirect()) && attempt !== this.#attempt) return;
			// Declared first: the server may notify (or the transport complain) during the handshake.
			let session: McpSession | undefined = undefined;
			session = await McpSession.open(
				{
					url,
					transport: this.transport,
					headers,
					recorder: this.log.recorder,
					readBig: readBigReceivedText,
					origin: location.origin,
					pageProtocol: location.protocol,
					authProvider,
					wrapFetch: authProvider && this.auth?.wrapFetchFor(),
					timeoutMs: connectTimeoutMs(this.timeouts),
					eraHint: eraHintFor(url),
					connectedElsewhere: this.#connectedElsewhere
				},
				{
					onNotification: (n) => {
						if (this.session === session) for (const l of this.#listeners) l.notification?.(n);
					},
					onUnexpectedClose: () => {
						if (this.session !== session) return;
						this.#endSession('lost');
						this.#fail({
							kind: 'closed',
							message: 'The connection to the server was lost.',
							hints: ['Connect again.']
						});
					},
					onServerGone: (problem) => {
						if (this.session !== session) return;
						this.#endSession('lost');
						this.notice = undefined;
						this.#fail(problem);
					},
					onError: (error) => {
						// Not fatal (the request that failed, if any, reports its own error), but not silent either.
						// Progress for a request Loupe stopped waiting for (cancelled) is expected noise. Errors
						// during the handshake (a probe Auto falls back from, say) are the connect result's to tell.
						if (
							!session ||
							this.session !== session ||
							/progress notification for an unknown token/i.test(error.message)
						)
							return;
						this.notice = describeTransportError(error);
					},
					onNotice: (text) => {
						if (session && this.session === session) this.notice = text;
					},
					setupClient: (client) => this.setupClient?.(client),
					onReconnected: () => {
						if (!session || this.session !== session) return;
						this.details = session.details;
						this.notice = 'The server had lost the session; Loupe started a new one.';
						for (const l of this.#listeners) l.ready(session);
					}
				}
			);
			if (attempt !== this.#attempt) {
				void session.close();
				return;
			}
			rememberEra(url, session.details);
			session.requestDefaults.timeouts = cleanTimeouts(this.timeouts);
			// The tool list is asked for before anything renders, so the server works on it while the
			// page draws the connection; the tools store takes the answer (McpSession.requestAhead).
			if (session.details.capabilities.tools) {
				await session.requestAhead('tools/list');
				if (attempt !== this.#attempt) {
					void session.close();
					return;
				}
			}
			this.session = session;
			this.details = session.details;
			this.status = 'connected';
			for (const l of this.#listeners) l.ready(session);
		} catch (error) {
			if (attempt !== this.#attempt) return;
			if (this.auth?.required) {
				this.status = 'sign-in-required';
				return;
			}
			this.#fail(
				error instanceof ProblemError
					? error.problem
					: isCodeLoadError(error)
						? codeLoadProblem('connecting')
						: {
								kind: 'unknown',
								message: error instanceof Error ? error.message : String(error),
								hints: []
							}
			);
		}
	}

	/**
	 * Forgets the session at once and ends it on the server in the background; the promise says
	 * why the server kept it, when the browser refused the DELETE (CORS).
	 */
	#endSession(cause: 'closed' | 'lost' = 'closed'): Promise<Problem | undefined> | undefined {
		const session = this.session;
		this.session = undefined;
		this.details = undefined;
		for (const l of this.#listeners) l.ended(cause);
		return session?.close().catch(() => undefined);
	}

	/** Tokens were forgotten: end the session; the server will want sign-in again. */
	signedOut(): void {
		this.#attempt++;
		this.#endSession();
		this.status = 'sign-in-required';
		this.problem = undefined;
		this.notice = undefined;
	}

	disconnect(): void {
		const attempt = ++this.#attempt;
		const ending = this.#endSession();
		this.status = 'disconnected';
		this.problem = undefined;
		this.notice = undefined;
		// "DELETE is not allowed, so the session could not be ended on the server", unless the person moved on.
		void ending?.then((refused) => {
			if (!refused || attempt !== this.#attempt) return;
			this.#corsNotice = refused.message;
			this.notice = refused.message;
		});
	}
}
