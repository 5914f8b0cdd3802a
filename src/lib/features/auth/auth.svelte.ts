/**
 * Sign-in as the UI sees it: one OAuth client per server URL (the core in ./core/oauth, loaded
 * with the SDK on connect), whether the server asked for sign-in, whether a token is held, and
 * the steps of the flow for the Auth panel. Tokens live in this tab's sessionStorage (through
 * the core's store): a reload stays signed in, a new tab does not.
 */
import type { AuthProvider } from '@modelcontextprotocol/client';
type UnauthorizedContext = Parameters<NonNullable<AuthProvider['onUnauthorized']>>[0];
import { resolve } from '$app/paths';
import type { AuthStep, OAuthClient } from '../../core/oauth/index.js';
import type { Fetch as FetchLike } from '../../core/recording-fetch.js';
import {
	openSignInWindow,
	SignInWindowError,
	checkOpenableUrl,
	type SignInWindow
} from './oauth-window.js';
import { beginRedirect, forgetRedirect, takeRedirectCallback } from './oauth-redirect.js';
import { browserFetch } from '../../core/local-network.js';

type OAuthModule = typeof import('../../core/oauth/index.js');

interface WaitingAuthorization {
	client: OAuthClient;
	url: URL;
	resolve(callback: URL): void;
	reject(error: unknown): void;
}

export interface AuthEvents {
	/** A token was obtained: connect again with it. */
	signedIn(): void;
	/** Tokens were forgotten. */
	signedOut(): void;
}

export class AuthState {
	/** Steps of the current server's flow, oldest first. */
	steps = $state.raw<readonly AuthStep[]>([]);
	/** The server asked for authorization (401, or 403 insufficient_scope) and sign-in has not happened since. */
	required = $state(false);
	/** A token is held for the current server. */
	signedIn = $state(false);
	/** Sign-in is under way (popup open or token request running). */
	busy = $state(false);
	/** Why the last sign-in did not finish, in a sentence a person can act on. */
	problem = $state<string | undefined>(undefined);
	/** That failure was an endpoint refusing this page (CORS): "Check server" is offered with it. */
	problemIsCors = $state(false);
	/** A pre-registered client, typed by the person (memory only). */
	clientId = $state('');
	clientSecret = $state('');

	#module: OAuthModule | undefined;
	#clients = new Map<string, OAuthClient>();
	#current: OAuthClient | undefined;
	#currentUrl: URL | undefined;
	/** An authorization the core asked for mid-request, waiting for the person to select Sign in. */
	#waitingFor: WaitingAuthorization | undefined;
	/** A request of the open session waits for a new grant (step-up, or a token refresh could not help). */
	grantWaiting = $state(false);
	get #waiting(): WaitingAuthorization | undefined {
		return this.#waitingFor;
	}
	set #waiting(waiting: WaitingAuthorization | undefined) {
		this.#waitingFor = waiting;
		this.grantWaiting = waiting !== undefined;
	}

	constructor(private readonly events: AuthEvents) {}

	/** Loupe's callback page, under the base path the app is served from. */
	static redirectUri(): string {
		return new URL(resolve('/oauth/callback/'), location.href).href;
	}

	/** A connection that does not use OAuth (a static token is set): nothing to show for it. */
	detach(): undefined {
		this.#current = undefined;
		this.#currentUrl = undefined;
		this.required = false;
		this.problem = undefined;
		this.#sync();
		return undefined;
	}

	/** Fetches the OAuth code ahead of a connect (providerFor needs it before the first request); settles once it is ready or failed. */
	preload(): Promise<void> {
		return import('../../core/oauth/index.js').then(
			() => {},
			() => {}
		);
	}

	/** The auth provider for a connection to `url` (the same client for the same URL, keyed with the client settings). */
	async providerFor(url: URL): Promise<AuthProvider> {
		const oauth = (this.#module ??= await import('../../core/oauth/index.js'));
		const clientId = this.clientId.trim();
		const clientSecret = this.clientSecret;
		const key = JSON.stringify([url.href, clientId, clientSecret]);
		let client = this.#clients.get(key);
		if (!client) {
			const created: OAuthClient = new oauth.OAuthClient({
				serverUrl: url,
				redirectUri: AuthState.redirectUri(),
				store: oauth.sessionStorageStore(),
				clientId: clientId || undefined,
				clientSecret: clientSecret || undefined,
				clientName: 'Loupe MCP inspector',
				clientMetadataUrl: deployedMetadataUrl(oauth.deployedClientMetadataUrl()),
				onStep: () => {
					if (this.#current === created) this.#sync();
				}
			});
			client = created;
			this.#clients.set(key, client);
		}
		this.#currentUrl = url;
		if (this.#current !== client) {
			this.#current = client;
			this.required = false;
			this.problem = undefined;
		}
		this.#sync();
		return this.#provider(client, oauth);
	}

	/** The transport's fetch wrapped by the core: step-up on 403 insufficient_scope while connected. */
	wrapFetchFor(): ((fetch: FetchLike) => FetchLike) | undefined {
		const client = this.#current;
		return client ? (fetch) => client.wrapFetch(fetch) : undefined;
	}

	/**
	 * While a session is open, the core may need a new authorization in the middle of a request
	 * (403 insufficient_scope: step-up; or a 401 the refresh token cannot fix). It then waits for
	 * the person: "Sign in" appears, and the click opens the window for that very authorization.
	 */
	sessionReady(): void {
		const client = this.#current;
		if (!client) return;
		client.authorize = (url) =>
			new Promise<URL>((resolve, reject) => {
				this.#waiting?.reject(new Error('A newer sign-in replaced this one.'));
				this.#waiting = { client, url, resolve, reject };
				this.problem = undefined;
				this.required = true;
			});
	}

	sessionEnded(): void {
		for (const client of this.#clients.values()) client.authorize = undefined;
		const waiting = this.#waiting;
		this.#waiting = undefined;
		waiting?.reject(new Error('The connection ended before sign-in.'));
	}

	/** Wraps the core client so the UI hears "sign-in required" however the transport reports it. */
	#provider(client: OAuthClient, oauth: OAuthModule): AuthProvider {
		return {
			token: async () => {
				const token = await client.token();
				if (this.#current === client) this.#sync();
				return token;
			},
			onUnauthorized: async (ctx: UnauthorizedContext) => {
				try {
					await client.onUnauthorized(ctx);
				} catch (error) {
					// A server that answers 401 but publishes no protected resource metadata does not do
					// MCP's OAuth: report the 401 itself (a static token or header is what it wants).
					if (
						error instanceof oauth.SignInRequiredError &&
						ctx.response.status === 401 &&
						!(await offersOAuth(ctx.response, ctx.serverUrl, oauth))
					) {
						throw new Error(
							'The server asked for authorization but publishes no OAuth protected resource metadata.',
							{ cause: error }
						);
					}
					if (this.#current === client) {
						this.#sync();
						if (error instanceof oauth.SignInRequiredError) this.required = true;
					}
					throw error;
				} finally {
					if (this.#current === client) this.#sync();
				}
			}
		};
	}

	#sync(): void {
		const client = this.#current;
		this.steps = client ? [...client.steps] : [];
		this.signedIn = !!client?.signedIn;
	}

	/**
	 * Starts sign-in. Call it straight from the click handler: the sign-in window is opened before
	 * anything is awaited, so the browser lets it through; if it is blocked anyway, the tab itself
	 * goes to the authorization server and comes back.
	 */
	signIn(): void {
		const client = this.#current;
		if (!client || this.busy) return;
		this.problem = undefined;
		if (this.#waiting?.client === client) return this.#continueWaiting(this.#waiting);
		forgetRedirect();
		const popup = openSignInWindow();
		this.busy = true;
		if (popup)
			void this.#finish(
				client,
				client.signIn((url) => popup.authorize(url)),
				popup
			);
		else
			void this.#finish(
				client,
				client.beginRedirectSignIn().then((url) => this.#redirect(url))
			);
	}

	/** Opens the window for the authorization the core is waiting on; the core then retries the request. */
	#continueWaiting(waiting: WaitingAuthorization): void {
		const popup = openSignInWindow();
		if (!popup) {
			this.problem =
				'The browser blocked the sign-in window. Allow pop-ups for this page, then select Sign in again.';
			return;
		}
		this.#waiting = undefined;
		this.busy = true;
		popup
			.authorize(waiting.url)
			.then(
				(callback) => {
					waiting.resolve(callback);
					this.required = false;
				},
				(error) => {
					waiting.reject(error);
					this.#failed(error);
				}
			)
			.finally(() => {
				this.busy = false;
				this.#sync();
			});
	}

	async #finish(client: OAuthClient, flow: Promise<void>, popup?: SignInWindow): Promise<void> {
		try {
			await flow;
			if (this.#current !== client) return;
			this.required = false;
			this.#sync();
			this.events.signedIn();
		} catch (error) {
			popup?.close();
			if (this.#current !== client) return;
			this.#failed(error);
		} finally {
			this.busy = false;
			if (this.#current === client) this.#sync();
		}
	}

	#failed(error: unknown): void {
		this.problem = describeSignInFailure(error);
		this.problemIsCors = (error as { cors?: unknown } | undefined)?.cors === true;
	}

	/** The same-tab fallback: remember where to come back to, then leave for the authorization server. */
	#redirect(url: URL): Promise<never> {
		checkOpenableUrl(url);
		// Back in this tab, Loupe reconnects to the same server and finishes sign-in.
		const back = new URLSearchParams(location.search);
		if (this.#currentUrl) back.set('server', this.#currentUrl.href);
		back.set('connect', '1');
		beginRedirect(`?${back}`);
		location.assign(url.href);
		// The page unloads; sign-in finishes in resumeRedirect() when the tab comes back.
		return new Promise<never>(() => {});
	}

	/**
	 * After a same-tab sign-in came back: finishes it for the current server (call after
	 * providerFor). Returns whether there was one to finish.
	 */
	async resumeRedirect(): Promise<boolean> {
		const callback = takeRedirectCallback();
		const client = this.#current;
		if (!callback || !client) return false;
		this.busy = true;
		await this.#finish(client, client.completeRedirectSignIn(callback));
		return true;
	}

	async signOut(): Promise<void> {
		const client = this.#current;
		if (!client) return;
		try {
			await client.signOut();
		} finally {
			if (this.#current === client) {
				this.#sync();
				this.required = true;
				this.events.signedOut();
			}
		}
	}
}

/** The built-in Client ID Metadata Document, only on the origin it was built for (its redirect URI is there). */
function deployedMetadataUrl(url: string | undefined): string | undefined {
	return url && URL.parse(url)?.origin === location.origin ? url : undefined;
}

/**
 * Whether a 401 leads to OAuth sign-in: its challenge names resource metadata, or the server
 * publishes it at a well-known URL (RFC 9728: path-specific first, then the root), or the origin
 * has authorization server metadata (the 2025-03-26 fallback the core also follows).
 */
async function offersOAuth(
	response: Response,
	serverUrl: URL,
	oauth: OAuthModule
): Promise<boolean> {
	if (/resource_metadata\s*=/i.test(response.headers.get('www-authenticate') ?? '')) return true;
	const candidates = [
		...oauth.resourceMetadataUrls(serverUrl),
		`${serverUrl.origin}/.well-known/oauth-authorization-server`
	];
	for (const candidate of candidates) {
		try {
			const probe = await browserFetch(candidate, { headers: { Accept: 'application/json' } });
			if (probe.ok && /json/i.test(probe.headers.get('content-type') ?? '')) return true;
		} catch {
			// Unreachable or CORS-blocked: not offered.
		}
	}
	return false;
}

export function describeSignInFailure(error: unknown): string {
	if (error instanceof SignInWindowError) {
		return error.reason === 'unsafe-url'
			? error.message
			: `${error.message} Select Sign in to try again.`;
	}
	const message = error instanceof Error ? error.message : String(error);
	return `Sign-in failed: ${message} See the Auth tab for each step.`;
}
