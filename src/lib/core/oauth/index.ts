// STUB on branch oauth-ui until oauth-core is merged: the agreed shape (see OAUTH-API.md) with a
// bare-bones flow so the UI can be exercised. Replaced wholesale by the real core on merge.
import type { AuthProvider } from '@modelcontextprotocol/client';
type UnauthorizedContext = Parameters<NonNullable<AuthProvider['onUnauthorized']>>[0];

export interface AuthStep {
	id: number;
	kind: 'challenge' | 'resource-metadata' | 'server-metadata' | 'registration' | 'authorization' | 'callback' | 'token' | 'refresh' | 'step-up' | 'revocation';
	title: string;
	status: 'ok' | 'failed' | 'skipped';
	verdict: string;
	exchanges: AuthExchange[];
	at: number;
}
export interface AuthExchange {
	method: string;
	url: string;
	status?: number;
	requestHeaders: Record<string, string>;
	responseHeaders: Record<string, string>;
	requestBody?: string;
	responseBody?: string;
	error?: string;
}
export interface AuthStore {
	get(key: string): string | undefined;
	set(key: string, value: string): void;
	delete(key: string): void;
}
export function sessionStorageStore(prefix = 'loupe:oauth:'): AuthStore {
	return {
		get: (k) => sessionStorage.getItem(prefix + k) ?? undefined,
		set: (k, v) => sessionStorage.setItem(prefix + k, v),
		delete: (k) => sessionStorage.removeItem(prefix + k)
	};
}
export type Authorize = (authorizationUrl: URL) => Promise<URL>;
export interface OAuthOptions {
	serverUrl: URL;
	redirectUri: string;
	store: AuthStore;
	fetch?: typeof fetch;
	clientId?: string;
	clientSecret?: string;
	clientMetadataUrl?: string;
	clientName?: string;
	onStep?: (step: AuthStep) => void;
}
export class SignInRequiredError extends Error {}
export class OAuthFlowError extends Error {
	constructor(
		message: string,
		readonly step: AuthStep['kind']
	) {
		super(message);
	}
}

interface Tokens {
	access_token: string;
	refresh_token?: string;
	expires_at: number;
	scope?: string;
}

const b64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export class OAuthClient implements AuthProvider {
	authorize?: Authorize;
	readonly steps: AuthStep[] = [];
	#scope: string | undefined;
	#metadataUrl: string | undefined;
	#id = 0;
	constructor(readonly options: OAuthOptions) {}
	get #key() {
		return `tokens:${this.options.serverUrl.href}`;
	}
	#tokens(): Tokens | undefined {
		const raw = this.options.store.get(this.#key);
		return raw ? (JSON.parse(raw) as Tokens) : undefined;
	}
	get signedIn(): boolean {
		return !!this.#tokens();
	}
	#step(kind: AuthStep['kind'], title: string, status: AuthStep['status'], verdict: string, exchanges: AuthExchange[] = []) {
		const step = { id: ++this.#id, kind, title, status, verdict, exchanges, at: Date.now() };
		this.steps.push(step);
		this.options.onStep?.(step);
	}
	async #fetch(kind: AuthStep['kind'], title: string, url: string, init?: RequestInit) {
		const response = await fetch(url, init);
		const text = await response.text();
		const exchange: AuthExchange = { method: init?.method ?? 'GET', url, status: response.status, requestHeaders: {}, responseHeaders: {}, responseBody: text.replace(/"(access_token|refresh_token)":"[^"]*"/g, '"$1":"••••"') };
		if (!response.ok) {
			this.#step(kind, title, 'failed', `HTTP ${response.status}`, [exchange]);
			throw new OAuthFlowError(`${title} failed: HTTP ${response.status}`, kind);
		}
		this.#step(kind, title, 'ok', 'OK', [exchange]);
		return JSON.parse(text);
	}
	async token(): Promise<string | undefined> {
		const tokens = this.#tokens();
		if (!tokens) return undefined;
		if (tokens.expires_at - 1000 < Date.now() && tokens.refresh_token) {
			try {
				await this.#refresh(tokens);
			} catch {
				this.options.store.delete(this.#key);
				return undefined;
			}
		}
		return this.#tokens()?.access_token;
	}
	async #refresh(tokens: Tokens) {
		const as = await this.#discover();
		const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token!, client_id: this.#client()!, resource: this.options.serverUrl.href });
		this.#save(await this.#fetch('refresh', 'Token refresh', as.token_endpoint, { method: 'POST', body }));
	}
	#save(t: { access_token: string; refresh_token?: string; expires_in?: number; scope?: string }) {
		this.options.store.set(this.#key, JSON.stringify({ access_token: t.access_token, refresh_token: t.refresh_token, scope: t.scope, expires_at: Date.now() + (t.expires_in ?? 3600) * 1000 }));
	}
	#client() {
		return this.options.clientId ?? this.options.store.get(`client:${this.options.serverUrl.href}`);
	}
	async onUnauthorized(ctx: UnauthorizedContext): Promise<void> {
		const header = ctx.response.headers.get('www-authenticate') ?? '';
		this.#metadataUrl = /resource_metadata="([^"]+)"/.exec(header)?.[1];
		this.#scope = /scope="([^"]+)"/.exec(header)?.[1];
		this.#step(ctx.response.status === 403 ? 'step-up' : 'challenge', ctx.response.status === 403 ? 'Step-up' : 'Challenge', 'ok', header);
		if (ctx.response.status === 403) throw new SignInRequiredError('more scope');
		const tokens = this.#tokens();
		if (tokens?.refresh_token) {
			try {
				await this.#refresh(tokens);
				return;
			} catch {
				this.options.store.delete(this.#key);
			}
		}
		throw new SignInRequiredError('Sign-in required');
	}
	async #discover() {
		const prm = await this.#fetch('resource-metadata', 'Protected resource metadata', this.#metadataUrl ?? new URL('/.well-known/oauth-protected-resource' + this.options.serverUrl.pathname, this.options.serverUrl).href);
		return this.#fetch('server-metadata', 'Authorization server metadata', `${prm.authorization_servers[0]}/.well-known/oauth-authorization-server`);
	}
	async signIn(authorize: Authorize): Promise<void> {
		const as = await this.#discover();
		let clientId = this.#client();
		if (!clientId) {
			const reg = await this.#fetch('registration', 'Client registration', as.registration_endpoint, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ client_name: this.options.clientName, redirect_uris: [this.options.redirectUri], grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], token_endpoint_auth_method: 'none' })
			});
			clientId = reg.client_id as string;
			this.options.store.set(`client:${this.options.serverUrl.href}`, clientId);
		}
		const verifier = b64url(crypto.getRandomValues(new Uint8Array(32)));
		const challenge = b64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
		const state = b64url(crypto.getRandomValues(new Uint8Array(16)));
		const url = new URL(as.authorization_endpoint);
		const params = { response_type: 'code', client_id: clientId, redirect_uri: this.options.redirectUri, scope: this.#scope ?? 'mcp:tools', state, resource: this.options.serverUrl.href, code_challenge: challenge, code_challenge_method: 'S256' };
		for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
		this.options.store.set('pending', JSON.stringify({ verifier, state, clientId, token_endpoint: as.token_endpoint }));
		this.#step('authorization', 'Authorization', 'ok', 'Opened');
		const callback = await authorize(url);
		await this.finishSignIn(callback);
	}
	async finishSignIn(callback: URL): Promise<void> {
		const pending = JSON.parse(this.options.store.get('pending') ?? '{}');
		this.options.store.delete('pending');
		if (callback.searchParams.get('state') !== pending.state) throw new OAuthFlowError('state mismatch', 'callback');
		this.#step('callback', 'Callback', 'ok', 'OK');
		const body = new URLSearchParams({ grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: this.options.redirectUri, client_id: pending.clientId, code_verifier: pending.verifier, resource: this.options.serverUrl.href });
		this.#save(await this.#fetch('token', 'Token request', pending.token_endpoint, { method: 'POST', body }));
	}
	async signOut(): Promise<void> {
		const tokens = this.#tokens();
		this.options.store.delete(this.#key);
		if (tokens?.refresh_token) {
			const as = await this.#discover();
			await this.#fetch('revocation', 'Token revocation', as.revocation_endpoint, { method: 'POST', body: new URLSearchParams({ token: tokens.refresh_token, client_id: this.#client()! }) });
		}
	}
}
