/**
 * The connection as the UI sees it: settings, status, the server's details and tools.
 * The SDK is loaded only when the person connects, not with the first screen.
 */
import type { McpSession, ServerDetails } from './core/session.js';
import type { TransportChoice } from './core/connect.js';
import type { ToolInfo } from './core/tools.js';
import { parseServerUrl, ProblemError, type Problem } from './core/errors.js';
import type { TrafficLog } from './traffic-log.svelte.js';

export type Status = 'disconnected' | 'connecting' | 'connected' | 'error';

export interface HeaderRow {
	name: string;
	value: string;
}

export class ConnectionState {
	url = $state('');
	transport = $state<TransportChoice>('auto');
	bearerToken = $state('');
	headers = $state<HeaderRow[]>([]);

	status = $state<Status>('disconnected');
	problem = $state<Problem | undefined>(undefined);
	/** A note that is not an error (e.g. the session was re-established). */
	notice = $state<string | undefined>(undefined);
	details = $state.raw<ServerDetails | undefined>(undefined);
	tools = $state.raw<ToolInfo[]>([]);
	toolProblems = $state.raw<string[]>([]);
	toolsLoading = $state(false);

	session = $state.raw<McpSession | undefined>(undefined);
	#attempt = 0;

	constructor(private readonly log: TrafficLog) {}

	/** Headers to send: custom rows plus the static bearer token. Secrets stay in memory only. */
	requestHeaders(): Record<string, string> {
		const out: Record<string, string> = {};
		for (const row of this.headers) {
			const name = row.name.trim();
			if (name && /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) out[name] = row.value;
		}
		const token = this.bearerToken.trim();
		if (token) out['Authorization'] = `Bearer ${token}`;
		return out;
	}

	async connect(): Promise<void> {
		const attempt = ++this.#attempt;
		this.problem = undefined;
		this.notice = undefined;
		let url: URL;
		try {
			url = parseServerUrl(this.url);
		} catch (error) {
			this.status = 'error';
			this.problem = (error as ProblemError).problem;
			return;
		}
		await this.disconnect(false);
		this.status = 'connecting';
		this.log.recorder.newConnection();
		try {
			const { McpSession } = await import('./core/session.js');
			const session = await McpSession.open(
				{
					url,
					transport: this.transport,
					headers: this.requestHeaders(),
					recorder: this.log.recorder,
					origin: location.origin,
					pageProtocol: location.protocol
				},
				{
					onUnexpectedClose: () => {
						if (this.session === session) {
							this.session = undefined;
							this.status = 'error';
							this.problem = { kind: 'closed', message: 'The server closed the connection.', hints: ['Connect again.'] };
						}
					},
					onError: (error) => {
						// Not fatal (the request that failed, if any, reports its own error), but not silent either.
						if (this.session === session) this.notice = `The transport reported: ${error.message}`;
					},
					onReconnected: () => {
						this.details = session.details;
						this.notice = 'The server had lost the session; Loupe started a new one.';
					}
				}
			);
			if (attempt !== this.#attempt) {
				void session.close();
				return;
			}
			this.session = session;
			this.details = session.details;
			this.status = 'connected';
			await this.refreshTools();
		} catch (error) {
			if (attempt !== this.#attempt) return;
			this.status = 'error';
			this.problem =
				error instanceof ProblemError
					? error.problem
					: { kind: 'unknown', message: error instanceof Error ? error.message : String(error), hints: [] };
		}
	}

	async refreshTools(): Promise<void> {
		const session = this.session;
		if (!session) return;
		if (this.details && !this.details.capabilities.tools) {
			this.tools = [];
			this.toolProblems = ['This server does not offer tools.'];
			return;
		}
		this.toolsLoading = true;
		try {
			const { tools, problems } = await session.listTools();
			if (session !== this.session) return;
			this.tools = tools;
			this.toolProblems = problems;
		} catch (error) {
			if (session !== this.session) return;
			this.problem = session.explain(error, 'tools/list');
		} finally {
			this.toolsLoading = false;
		}
	}

	async disconnect(bumpAttempt = true): Promise<void> {
		if (bumpAttempt) this.#attempt++;
		const session = this.session;
		this.session = undefined;
		this.details = undefined;
		this.tools = [];
		this.toolProblems = [];
		if (this.status !== 'error' || bumpAttempt) this.status = 'disconnected';
		if (bumpAttempt) this.problem = undefined;
		if (session) await session.close();
	}
}
