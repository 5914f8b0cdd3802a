/**
 * The sign-in window: opened synchronously inside the click handler (so popup blockers let it
 * through), sent to the authorization URL once discovery has finished, and resolved with the
 * callback URL that Loupe's callback page hands back (postMessage to the opener, or a
 * BroadcastChannel when a Cross-Origin-Opener-Policy cut the opener link).
 */
import { isHttpsOrLoopbackHttp } from '../../core/url-safety.js';

/** What the callback page sends back. */
export interface CallbackMessage {
	type: typeof CALLBACK_MESSAGE;
	url: string;
}

export const CALLBACK_MESSAGE = 'loupe:oauth-callback';
export const CALLBACK_CHANNEL = 'loupe-oauth';
/** How long the person has to sign in before Loupe gives up waiting. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

export class SignInWindowError extends Error {
	constructor(
		readonly reason: 'closed' | 'timeout' | 'unsafe-url',
		message: string
	) {
		super(message);
		this.name = 'SignInWindowError';
	}
}

export function isCallbackMessage(data: unknown, origin: string): data is CallbackMessage {
	if (!data || typeof data !== 'object') return false;
	const m = data as Partial<CallbackMessage>;
	return (
		m.type === CALLBACK_MESSAGE && typeof m.url === 'string' && URL.parse(m.url)?.origin === origin
	);
}

/**
 * Only https, or http on a loopback host (url-safety.ts), may be opened: a server-provided URL
 * with another scheme (javascript:, data:, file:) is refused.
 */
export function checkOpenableUrl(url: URL): URL {
	if (isHttpsOrLoopbackHttp(url)) return url;
	throw new SignInWindowError(
		'unsafe-url',
		`Loupe will not open the authorization URL ${url.protocol}//${url.host}: only https (or http on localhost) is allowed.`
	);
}

export interface SignInWindow {
	/** Sends the window to the authorization URL and waits for the callback URL. */
	authorize(authorizationUrl: URL): Promise<URL>;
	close(): void;
}

/**
 * Opens a blank window now (call this synchronously from a click handler). Returns undefined
 * when the browser blocked it, so the caller can fall back to a same-tab redirect.
 */
export function openSignInWindow(timeoutMs = SIGN_IN_TIMEOUT_MS): SignInWindow | undefined {
	const popup = window.open('about:blank', 'loupe-sign-in', 'popup,width=520,height=700');
	if (!popup) return undefined;
	let finished = false;
	let cleanup = () => {};
	return {
		authorize(authorizationUrl) {
			return new Promise<URL>((resolve, reject) => {
				try {
					checkOpenableUrl(authorizationUrl);
				} catch (error) {
					popup.close();
					return reject(error);
				}
				const channel =
					typeof BroadcastChannel === 'function'
						? new BroadcastChannel(CALLBACK_CHANNEL)
						: undefined;
				const done = (result: () => void) => {
					if (finished) return;
					finished = true;
					cleanup();
					result();
				};
				// Another tab's sign-in may answer on the shared channel: only this flow's state counts.
				const expectedState = authorizationUrl.searchParams.get('state');
				const receive = (data: unknown) => {
					if (!isCallbackMessage(data, location.origin)) return;
					const callback = new URL(data.url);
					if (expectedState !== null && callback.searchParams.get('state') !== expectedState)
						return;
					done(() => resolve(callback));
				};
				const onMessage = (event: MessageEvent) => {
					if (event.origin !== location.origin) return;
					receive(event.data);
				};
				const onChannel = (event: MessageEvent) => receive(event.data);
				window.addEventListener('message', onMessage);
				channel?.addEventListener('message', onChannel);
				const watch = setInterval(() => {
					if (!popup.closed) return;
					// Give a message posted just before closing a moment to arrive.
					setTimeout(
						() =>
							done(() =>
								reject(
									new SignInWindowError(
										'closed',
										'The sign-in window was closed before sign-in finished.'
									)
								)
							),
						500
					);
				}, 500);
				const timer = setTimeout(
					() =>
						done(() =>
							reject(
								new SignInWindowError(
									'timeout',
									`Sign-in did not finish within ${Math.round(timeoutMs / 60_000)} minutes.`
								)
							)
						),
					timeoutMs
				);
				cleanup = () => {
					clearInterval(watch);
					clearTimeout(timer);
					window.removeEventListener('message', onMessage);
					channel?.close();
					if (!popup.closed) popup.close();
				};
				popup.location.href = authorizationUrl.href;
			});
		},
		close() {
			if (finished) return;
			finished = true;
			cleanup();
			if (!popup.closed) popup.close();
		}
	};
}
