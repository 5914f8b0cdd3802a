/**
 * The Server panel's live checks: ping with its round-trip time (2025 era), and the
 * subscriptions/listen stream Loupe keeps open in the 2026-07-28 era for the list changes the
 * server advertises (notifications on it reach the other stores like any other).
 */
import type { McpSubscription } from '@modelcontextprotocol/client';
import type { McpSession } from './core/session.js';
import type { ConnectionState } from './connection.svelte.js';

export type ListenStatus = 'off' | 'opening' | 'open' | 'closed' | 'failed';

export class ServerChecksState {
	/** "Pong in 12 ms", or what went wrong. */
	pingText = $state<string | undefined>(undefined);
	pingFailed = $state(false);
	pinging = $state(false);
	pingUnavailable = $state<string | undefined>(undefined);
	listenStatus = $state<ListenStatus>('off');
	/** What the listen stream covers, or why there is none. */
	listenText = $state<string | undefined>(undefined);

	#session: McpSession | undefined;
	#subscription: McpSubscription | undefined;
	/** Resource URIs to hear notifications/resources/updated for on the listen stream. */
	#resourceUris: string[] = [];

	constructor(connection: ConnectionState) {
		connection.listen({
			ready: (session) => {
				if (session === this.#session) return;
				this.#session = session;
				this.pingText = undefined;
				this.pingFailed = false;
				void this.#setup(session);
			},
			ended: () => {
				this.#session = undefined;
				const subscription = this.#subscription;
				this.#subscription = undefined;
				if (subscription) void subscription.close().catch(() => {});
				this.listenStatus = 'off';
				this.listenText = undefined;
				this.pingText = undefined;
				this.pingUnavailable = undefined;
			}
		});
	}

	async #setup(session: McpSession): Promise<void> {
		const { pingAvailable, listenFilter, describeFilter, openListen } = await import('./core/server-checks.js');
		if (session !== this.#session) return;
		const ping = pingAvailable(session);
		this.pingUnavailable = ping.ok ? undefined : ping.reason;
		if (session.details.era !== 'modern') {
			this.listenStatus = 'off';
			this.listenText = undefined;
			return;
		}
		const advertised = listenFilter(session.details.capabilities);
		const resources = session.details.capabilities.resources as Record<string, unknown> | undefined;
		const uris = resources?.subscribe === true ? this.#resourceUris : [];
		const filter = uris.length ? { ...advertised, resourceSubscriptions: [...uris] } : advertised;
		if (!filter) {
			this.listenStatus = 'off';
			this.listenText = 'The server advertises no list changes to listen for.';
			return;
		}
		this.listenStatus = 'opening';
		this.listenText = `Asking for ${describeFilter(filter)}…`;
		try {
			const subscription = await openListen(session, filter);
			if (session !== this.#session) {
				void subscription.close().catch(() => {});
				return;
			}
			this.#subscription = subscription;
			this.listenStatus = 'open';
			this.listenText = `Listening for ${describeFilter(subscription.honoredFilter)}.`;
			void subscription.closed.then((how) => {
				if (this.#subscription !== subscription) return;
				this.#subscription = undefined;
				this.listenStatus = 'closed';
				this.listenText =
					how === 'graceful' ? 'The server ended the listen stream.' : how === 'remote' ? 'The listen stream dropped; reconnect to listen again.' : 'Closed.';
			});
		} catch (error) {
			if (session !== this.#session) return;
			this.listenStatus = 'failed';
			this.listenText = session.explain(error, 'subscriptions/listen').message;
		}
	}

	/**
	 * 2026-07-28 era: listen for notifications/resources/updated of these URIs too. A listen
	 * stream's filter is fixed, so the stream is closed and opened again with the new filter.
	 */
	async setResourceSubscriptions(uris: string[]): Promise<void> {
		this.#resourceUris = [...new Set(uris)];
		const session = this.#session;
		if (!session || session.details.era !== 'modern') return;
		const old = this.#subscription;
		this.#subscription = undefined;
		if (old) await old.close().catch(() => {});
		if (session === this.#session) await this.#setup(session);
	}

	async ping(): Promise<void> {
		const session = this.#session;
		if (!session || this.pinging) return;
		this.pinging = true;
		try {
			const { ping } = await import('./core/server-checks.js');
			const ms = await ping(session);
			if (session !== this.#session) return;
			this.pingFailed = false;
			this.pingText = `Pong in ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
		} catch (error) {
			if (session !== this.#session) return;
			this.pingFailed = true;
			this.pingText = `Ping failed: ${session.explain(error, 'ping').message}`;
		} finally {
			this.pinging = false;
		}
	}
}
