/**
 * OAuthClient: the SDK v2 `AuthProvider` for one MCP server. The transport asks `token()` before
 * each request and calls `onUnauthorized()` on a 401, then retries; `wrapFetch()` adds step-up
 * on 403 insufficient_scope (the transport leaves that to an OAuthClientProvider otherwise).
 */
import type { AuthProvider } from '@modelcontextprotocol/client';

type UnauthorizedContext = Parameters<NonNullable<AuthProvider['onUnauthorized']>>[0];
import * as o from 'oauth4webapi';
import { buildAuthorizationUrl, checkCallback, plain } from './authorization.js';
import { parseWwwAuthenticate, type BearerChallenge } from './challenge.js';
import { discover, type Discovery } from './discovery.js';
import { canonicalResource } from './discovery-urls.js';
import { resolveClient, type ClientRegistration } from './registration.js';
import { selectScope, unionScopes } from './scope.js';
import { StepLog } from './steps.js';
import { readJson } from './store.js';
import {
	exchangeCode,
	refreshTokens,
	revokeToken,
	tokensKey,
	type StoredTokens
} from './tokens.js';
import { maskUrl } from '../secrets.js';
import { SignInRequiredError, type AuthStep, type Authorize, type OAuthOptions } from './types.js';
import { browserFetch } from '../local-network.js';

/** The fetch shape SDK transports take. */
export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Refresh this long before the access token expires (or at half its life, if shorter). */
const REFRESH_MARGIN_MS = 60_000;

/** Whether a token is due for refresh now. */
export function refreshDue(
	tokens: { expires_at?: number; lifetime_ms?: number },
	now = Date.now()
): boolean {
	if (tokens.expires_at === undefined) return false;
	const margin = Math.min(REFRESH_MARGIN_MS, (tokens.lifetime_ms ?? Infinity) / 2);
	return tokens.expires_at - margin <= now;
}

/** What is remembered about a sign-in, so a reload can refresh without discovery. */
interface Binding {
	resource: string;
	issuer: string;
	server: o.AuthorizationServer;
	client: ClientRegistration;
	hasResourceMetadata: boolean;
}

/** A sign-in between the authorization request and its callback. */
interface PendingSignIn {
	serverUrl: string;
	authorizationUrl: string;
	state: string;
	codeVerifier: string;
	scope?: string;
	binding: Binding;
	/** Whether the resource parameter goes in the token request (not on the 2025-03-26 path). */
	sendResource: boolean;
}

export class OAuthClient implements AuthProvider {
	/** Set by the UI inside the click handler (popup), or by the Node harness. */
	authorize?: Authorize;

	readonly #options: OAuthOptions;
	readonly #log: StepLog;
	#challenge: BearerChallenge | undefined;
	#discovery: Discovery | undefined;
	#binding: Binding | undefined;
	#tokens: StoredTokens | undefined;
	#lastScope: string | undefined;
	#busy: Promise<void> | undefined;
	#stepUpsInARow = 0;

	constructor(options: OAuthOptions) {
		this.#options = options;
		this.#log = new StepLog(() => options.fetch ?? browserFetch, options.onStep);
		this.#binding = readJson<Binding>(options.store, this.#bindingKey);
		if (this.#binding)
			this.#tokens = readJson<StoredTokens>(
				options.store,
				tokensKey(this.#binding.resource, this.#binding.issuer)
			);
	}

	get steps(): readonly AuthStep[] {
		return this.#log.steps;
	}

	/** A token is held. */
	get signedIn(): boolean {
		return !!this.#tokens?.access_token;
	}

	/** The scope of the token held, as granted (or as asked for when the server did not say). */
	get scope(): string | undefined {
		return this.#tokens?.scope;
	}

	get #bindingKey(): string {
		return `binding:${this.#options.serverUrl.href}`;
	}

	async token(): Promise<string | undefined> {
		if (this.#busy) await this.#busy.catch(() => {});
		const tokens = this.#tokens;
		if (!tokens) return undefined;
		if (refreshDue(tokens)) {
			if (tokens.refresh_token && this.#binding) {
				// Requests that find the token due together share one refresh.
				await this.#exclusive(async () => {
					if (this.#tokens?.refresh_token && refreshDue(this.#tokens)) await this.#refresh();
				}).catch(() => {});
				return this.#tokens?.access_token;
			}
			if (tokens.expires_at! <= Date.now()) return undefined;
		}
		return tokens.access_token;
	}

	async onUnauthorized(ctx: UnauthorizedContext): Promise<void> {
		const challenge = parseWwwAuthenticate(ctx.response.headers.get('www-authenticate'));
		this.#recordChallenge(ctx.response, challenge);
		if (challenge) this.#challenge = challenge;
		const held = this.#tokens;
		await this.#exclusive(async () => {
			// Another request may have signed in or refreshed while this one waited.
			if (this.#tokens && this.#tokens !== held) return;
			if (held?.refresh_token && this.#binding) {
				try {
					await this.#refresh();
					return;
				} catch {
					// Fall through to a new sign-in.
				}
			}
			this.#forgetTokens();
			if (!this.authorize) throw new SignInRequiredError();
			await this.#signIn(this.authorize);
		});
	}

	/** Discovery, client identity, authorization (via `authorize`), callback checks, token request. */
	async signIn(authorize: Authorize): Promise<void> {
		await this.#exclusive(() => this.#signIn(authorize));
	}

	/** Forgets the tokens for this resource and issuer, revoking them where the server supports it. */
	async signOut(): Promise<void> {
		await this.#busy?.catch(() => {});
		const tokens = this.#tokens;
		const binding = this.#binding;
		this.#forgetTokens();
		if (!tokens || !binding) return;
		const draft = this.#log.begin('revocation', 'Sign out');
		if (typeof binding.server.revocation_endpoint !== 'string') {
			draft.skip('The authorization server has no revocation endpoint; Loupe forgot the tokens.');
			return;
		}
		const problems: string[] = [];
		if (tokens.refresh_token) {
			const p = await revokeToken(
				draft,
				binding.server,
				binding.client,
				tokens.refresh_token,
				'refresh_token'
			);
			if (p) problems.push(p);
		}
		const p = await revokeToken(
			draft,
			binding.server,
			binding.client,
			tokens.access_token,
			'access_token'
		);
		if (p) problems.push(p);
		if (problems.length)
			draft.fail(`Loupe forgot the tokens, but revocation failed: ${problems.join(' ')}`);
		else draft.ok('Revoked the tokens (RFC 7009) and forgot them.');
	}

	/**
	 * Wraps the transport's fetch: a 403 with `insufficient_scope` re-authorizes with the union
	 * of the scopes held and asked for, then retries with the new token, a limited number of
	 * times in a row. Without `authorize` the 403 is passed on as is.
	 */
	wrapFetch(inner: FetchLike): FetchLike {
		const max = this.#options.maxStepUps ?? 2;
		return async (input, init) => {
			let response = await inner(input, init);
			while (response.status === 403) {
				const challenge = parseWwwAuthenticate(response.headers.get('www-authenticate'));
				if (
					challenge?.error !== 'insufficient_scope' ||
					!this.authorize ||
					this.#stepUpsInARow >= max
				)
					break;
				this.#stepUpsInARow++;
				const authorize = this.authorize;
				await this.#exclusive(() => this.#stepUp(challenge, authorize));
				await response.body?.cancel().catch(() => {});
				const headers = new Headers(init?.headers);
				const token = this.#tokens?.access_token;
				if (token) headers.set('authorization', `Bearer ${token}`);
				response = await inner(input, { ...init, headers });
			}
			if (response.ok) this.#stepUpsInARow = 0;
			return response;
		};
	}

	// --- the flow ---------------------------------------------------------------------------

	/** One sign-in or refresh at a time; concurrent 401s share it. */
	#exclusive(work: () => Promise<void>): Promise<void> {
		const previous = this.#busy ?? Promise.resolve();
		const next = previous.catch(() => {}).then(work);
		this.#busy = next;
		void next
			.finally(() => {
				if (this.#busy === next) this.#busy = undefined;
			})
			.catch(() => {});
		return next;
	}

	#recordChallenge(response: Response, challenge: BearerChallenge | undefined) {
		const draft = this.#log.begin('challenge', 'Server challenge');
		draft.note({
			method: '',
			url: maskUrl(response.url || this.#options.serverUrl.href),
			status: response.status,
			requestHeaders: {},
			responseHeaders: {
				...(response.headers.get('www-authenticate')
					? { 'www-authenticate': response.headers.get('www-authenticate')! }
					: {})
			}
		});
		if (!challenge) {
			draft.ok(
				`The server answered ${response.status} without a Bearer WWW-Authenticate challenge (the MCP spec asks for one); Loupe looks for metadata at the well-known locations.`
			);
			return;
		}
		const parts = [
			challenge.resourceMetadata && `resource_metadata ${plain(challenge.resourceMetadata)}`,
			challenge.scope && `scope "${plain(challenge.scope)}"`,
			challenge.error && `error ${plain(challenge.error)}`
		].filter(Boolean);
		draft.ok(`The server asks for a Bearer token${parts.length ? ` (${parts.join(', ')})` : ''}.`);
	}

	async #ensureDiscovery(): Promise<Discovery> {
		const hint = this.#challenge?.resourceMetadata;
		if (this.#discovery && (!hint || hint === this.#discoveredWith)) return this.#discovery;
		this.#discovery = await discover(this.#log, this.#options.serverUrl, hint);
		this.#discoveredWith = hint;
		return this.#discovery;
	}
	#discoveredWith: string | undefined;

	async #signIn(authorize: Authorize, scopeOverride?: string): Promise<void> {
		const pending = await this.#prepare(scopeOverride);
		const authorizationUrl = new URL(pending.authorizationUrl);
		let callbackUrl: URL;
		try {
			callbackUrl = await authorize(authorizationUrl);
		} catch (error) {
			return this.#log
				.begin('callback', 'Authorization response')
				.fatal(
					`The sign-in did not finish: ${error instanceof Error ? error.message : String(error)}`
				);
		}
		await this.#complete(pending, callbackUrl);
	}

	/** Discovery, client identity, PKCE and state; the authorization request is recorded. */
	async #prepare(scopeOverride?: string): Promise<PendingSignIn> {
		const options = this.#options;
		const discovery = await this.#ensureDiscovery();
		const { server, issuer, resourceMetadata } = discovery;
		const client = await resolveClient(this.#log, issuer, server, options);
		const scope =
			scopeOverride ??
			selectScope({
				challengeScope: this.#challenge?.scope,
				resourceScopes: resourceMetadata?.scopes_supported,
				serverScopes: server.scopes_supported
			});
		const resource = resourceMetadata?.resource;
		const codeVerifier = o.generateRandomCodeVerifier();
		const state = o.generateRandomState();
		const stepUp = scopeOverride !== undefined;
		const authorization = this.#log.begin(
			stepUp ? 'step-up' : 'authorization',
			stepUp ? 'Step-up authorization' : 'Authorization'
		);
		let authorizationUrl: URL;
		try {
			authorizationUrl = buildAuthorizationUrl({
				authorizationEndpoint: server.authorization_endpoint!,
				clientId: client.client_id,
				redirectUri: options.redirectUri,
				codeChallenge: await o.calculatePKCECodeChallenge(codeVerifier),
				state,
				scope,
				resource
			});
		} catch (error) {
			authorization.fail(error instanceof Error ? error.message : String(error));
			throw error;
		}
		authorization.note({
			method: 'GET',
			url: maskUrl(authorizationUrl.href),
			requestHeaders: {},
			responseHeaders: {}
		});
		authorization.ok(
			`Opens ${authorizationUrl.origin} asking for ${scope ? `scope "${scope}"` : 'no particular scope'}, with PKCE S256${resource ? ` and the resource ${resource}` : ''}.`
		);
		return {
			serverUrl: options.serverUrl.href,
			authorizationUrl: authorizationUrl.href,
			state,
			codeVerifier,
			scope,
			binding: {
				resource: resource ?? canonicalResource(options.serverUrl),
				issuer,
				server,
				client,
				hasResourceMetadata: !!resourceMetadata
			},
			sendResource: !!resource
		};
	}

	/** Callback checks (state, iss, then the server's error), then the token request. */
	async #complete(pending: PendingSignIn, callbackUrl: URL): Promise<void> {
		const options = this.#options;
		const { server, client } = pending.binding;
		const callbackStep = this.#log.begin('callback', 'Authorization response');
		callbackStep.note({
			method: 'GET',
			url: maskUrl(callbackUrl.href),
			requestHeaders: {},
			responseHeaders: {}
		});
		const check = checkCallback(callbackUrl, {
			state: pending.state,
			issuer: server.issuer,
			issRequired: server.authorization_response_iss_parameter_supported === true,
			redirectUri: options.redirectUri
		});
		if (!check.ok) {
			return callbackStep.fatal(check.message);
		}
		callbackStep.ok(
			'The response came back with the expected state and issuer, and an authorization code.'
		);

		const tokenStep = this.#log.begin('token', 'Token request');
		const resource = pending.sendResource ? pending.binding.resource : undefined;
		const tokens = await exchangeCode(
			tokenStep,
			server,
			client,
			callbackUrl,
			pending.state,
			options.redirectUri,
			pending.codeVerifier,
			resource,
			pending.scope
		);
		tokenStep.ok(
			`Received an access token${tokens.refresh_token ? ' and a refresh token' : ''}${tokens.scope ? ` for scope "${plain(tokens.scope)}"` : ''}${tokens.expires_at ? `, valid for ${Math.round((tokens.expires_at - Date.now()) / 1000)} s` : ''}.`
		);
		this.#lastScope = pending.scope;
		this.#keep(pending.binding, tokens);
	}

	/**
	 * Same-tab redirect fallback (when a popup cannot be used): prepares the sign-in, keeps what
	 * the callback needs (state, PKCE verifier, expected issuer) in the AuthStore (sessionStorage
	 * in the browser), and returns the URL to navigate to. After the redirect back, call
	 * `completeRedirectSignIn(callbackUrl)` on a client for the same server and store.
	 */
	async beginRedirectSignIn(): Promise<URL> {
		let url: URL | undefined;
		await this.#exclusive(async () => {
			const pending = await this.#prepare();
			this.#options.store.set(this.#pendingKey, JSON.stringify(pending));
			url = new URL(pending.authorizationUrl);
		});
		return url!;
	}

	/** Finishes a sign-in begun with `beginRedirectSignIn`, once; the kept state is deleted either way. */
	async completeRedirectSignIn(callbackUrl: URL): Promise<void> {
		await this.#exclusive(async () => {
			const pending = readJson<PendingSignIn>(this.#options.store, this.#pendingKey);
			this.#options.store.delete(this.#pendingKey);
			if (!pending || pending.serverUrl !== this.#options.serverUrl.href) {
				return this.#log
					.begin('callback', 'Authorization response')
					.fatal(
						'There is no sign-in waiting for this response (it was already used, or began in another tab).'
					);
			}
			await this.#complete(pending, callbackUrl);
		});
	}

	get #pendingKey(): string {
		return `pending:${this.#options.serverUrl.href}`;
	}

	async #stepUp(challenge: BearerChallenge, authorize: Authorize): Promise<void> {
		const draft = this.#log.begin('challenge', 'Insufficient scope');
		draft.ok(
			`The server answered 403 insufficient_scope${challenge.scope ? `, asking for scope "${plain(challenge.scope)}"` : ''}; Loupe signs in again with the scopes held and asked for.`
		);
		if (challenge.resourceMetadata)
			this.#challenge = { ...this.#challenge, resourceMetadata: challenge.resourceMetadata };
		const scope = unionScopes(this.#tokens?.scope ?? this.#lastScope, challenge.scope);
		await this.#signIn(authorize, scope ?? '');
	}

	async #refresh(): Promise<void> {
		const binding = this.#binding!;
		const previous = this.#tokens!;
		const draft = this.#log.begin('refresh', 'Token refresh');
		let tokens: StoredTokens;
		try {
			tokens = await refreshTokens(
				draft,
				binding.server,
				binding.client,
				previous,
				binding.hasResourceMetadata ? binding.resource : undefined
			);
		} catch (error) {
			this.#forgetTokens();
			throw error;
		}
		draft.ok(
			`Refreshed the access token${tokens.refresh_token && tokens.refresh_token !== previous.refresh_token ? '; the server rotated the refresh token' : ''}.`
		);
		this.#keep(binding, tokens);
	}

	#keep(binding: Binding, tokens: StoredTokens) {
		const store = this.#options.store;
		this.#binding = binding;
		this.#tokens = tokens;
		store.set(this.#bindingKey, JSON.stringify(binding));
		store.set(tokensKey(binding.resource, binding.issuer), JSON.stringify(tokens));
	}

	#forgetTokens() {
		if (this.#binding)
			this.#options.store.delete(tokensKey(this.#binding.resource, this.#binding.issuer));
		this.#tokens = undefined;
	}
}
