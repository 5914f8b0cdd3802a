/**
 * What a store hears about one server's session: when one is ready, when it ended, and the
 * server's notifications. Stores take this narrow interface (ConnectionState provides it), not the
 * whole connection.
 */
import type { Notification } from '@modelcontextprotocol/client';
import type { McpSession } from '../core/session.js';

export interface SessionListener {
	/** A session is ready (a new one, or the same server after the session was re-established). */
	ready(session: McpSession): void;
	/**
	 * There is no usable session any more: closed by the person (or replaced), or `lost` when the
	 * server went away or dropped the connection (what was on screen is worth keeping then).
	 */
	ended(cause: 'closed' | 'lost'): void;
	notification?(notification: Notification): void;
}

export interface SessionEvents {
	listen(listener: SessionListener): void;
}

/**
 * The same events, with each `ready` held until `first(session)` settles (or `maxWaitMs` passed):
 * stores that listen through it start their work after that of another store. `ended` and
 * notifications are not held; a session that ended meanwhile is never announced.
 */
export function readyAfter(
	events: SessionEvents,
	first: (session: McpSession) => Promise<unknown>,
	maxWaitMs: number
): SessionEvents {
	return {
		listen(listener) {
			let waiting: McpSession | undefined;
			events.listen({
				ready(session) {
					waiting = session;
					let timer: ReturnType<typeof setTimeout> | undefined;
					const waited = new Promise((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
					void Promise.race([first(session).catch(() => {}), waited]).then(() => {
						clearTimeout(timer);
						if (waiting !== session) return;
						waiting = undefined;
						listener.ready(session);
					});
				},
				ended(cause) {
					waiting = undefined;
					listener.ended(cause);
				},
				notification: (n) => listener.notification?.(n)
			});
		}
	};
}
