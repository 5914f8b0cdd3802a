/**
 * The Server panel's live checks: ping with its round-trip time (2025 era), and the
 * subscriptions/listen stream Loupe keeps open in the 2026-07-28 era for the list changes the
 * server advertises (notifications on it reach the other stores like any other).
 */
import type { McpSubscription } from '@modelcontextprotocol/client';
import type { McpSession } from '../../core/session.js';
import type { ResourceListenOutcome } from '../../core/server-checks.js';
import type { SessionEvents } from '../../ui/session-events.js';

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
	/** Counts stream openings: a stream that opens after a newer one was asked for is closed again. */
	#opening = 0;

	constructor(events: SessionEvents) {
		events.listen({
			ready: (session) => {
				if (session === this.#session) return;
				this.#session = session;
				// A new connection starts with no resource subscriptions (the Resources view resets too).
				this.#resourceUris = [];
				this.pingText = undefined;
				this.pingFailed = false;
				void this.#setup(session);
			},
			ended: () => {
				this.#session = undefined;
				const subscription = this.#subscription;
				this.#subscription = undefined;
				if (subscription) void subscription.close().catch(() => {});
				this.#resourceUris = [];
				this.listenStatus = 'off';
				this.listenText = undefined;
				this.pingText = undefined;
				this.pingUnavailable = undefined;
			}
		});
	}

	async #setup(session: McpSession): Promise<ResourceListenOutcome> {
		const changed: ResourceListenOutcome = {
			ok: false,
			message: 'The connection changed, or the listen stream was reopened, meanwhile.'
		};
		const { pingAvailable, listenFilter, describeFilter, openListen } =
			await import('../../core/server-checks.js');
		if (session !== this.#session) return changed;
		const ping = pingAvailable(session);
		this.pingUnavailable = ping.ok ? undefined : ping.reason;
		if (session.details.era !== 'modern') {
			this.listenStatus = 'off';
			this.listenText = undefined;
			return { ok: false, message: 'Only the 2026-07-28 protocol has subscriptions/listen.' };
		}
		const advertised = listenFilter(session.details.capabilities);
		const resources = session.details.capabilities.resources as Record<string, unknown> | undefined;
		const uris = resources?.subscribe === true ? this.#resourceUris : [];
		const filter = uris.length ? { ...advertised, resourceSubscriptions: [...uris] } : advertised;
		if (!filter) {
			this.listenStatus = 'off';
			this.listenText = 'The server advertises no list changes to listen for.';
			return { ok: true, honored: [], ended: new Promise(() => {}) };
		}
		this.listenStatus = 'opening';
		this.listenText = `Asking for ${describeFilter(filter)}…`;
		const opening = ++this.#opening;
		try {
			const subscription = await openListen(session, filter);
			if (session !== this.#session || opening !== this.#opening) {
				void subscription.close().catch(() => {});
				return changed;
			}
			this.#subscription = subscription;
			this.listenStatus = 'open';
			this.listenText = `Listening for ${describeFilter(subscription.honoredFilter)}.`;
			const ended = subscription.closed.then((how) => {
				// Closed by Loupe to reopen with another filter, or the connection ended: not news.
				if (this.#subscription !== subscription) return new Promise<string>(() => {});
				this.#subscription = undefined;
				this.listenStatus = 'closed';
				this.listenText =
					how === 'graceful'
						? 'The server ended the listen stream.'
						: how === 'remote'
							? 'The listen stream dropped; reconnect to listen again.'
							: 'Closed.';
				return this.listenText;
			});
			const honored = subscription.honoredFilter.resourceSubscriptions;
			return {
				ok: true,
				honored: Array.isArray(honored)
					? honored.filter((u): u is string => typeof u === 'string')
					: [],
				ended
			};
		} catch (error) {
			if (session !== this.#session || opening !== this.#opening) return changed;
			this.listenStatus = 'failed';
			this.listenText = session.explain(error, 'subscriptions/listen').message;
			return {
				ok: false,
				message: `The subscriptions/listen stream could not be opened: ${this.listenText}`
			};
		}
	}

	/**
	 * 2026-07-28 era: listen for notifications/resources/updated of these URIs too. A listen
	 * stream's filter is fixed, so the stream is closed and opened again with the new filter.
	 */
	async setResourceSubscriptions(uris: string[]): Promise<ResourceListenOutcome> {
		this.#resourceUris = [...new Set(uris)];
		const session = this.#session;
		if (!session) return { ok: false, message: 'Not connected.' };
		if (session.details.era !== 'modern')
			return { ok: false, message: 'Only the 2026-07-28 protocol has subscriptions/listen.' };
		const old = this.#subscription;
		this.#subscription = undefined;
		if (old) await old.close().catch(() => {});
		return session === this.#session
			? this.#setup(session)
			: { ok: false, message: 'The connection changed meanwhile.' };
	}

	async ping(): Promise<void> {
		const session = this.#session;
		if (!session || this.pinging) return;
		this.pinging = true;
		try {
			const { ping } = await import('../../core/server-checks.js');
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
