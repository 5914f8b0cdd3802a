// STUB on branch oauth-ui until oauth-core is merged: the agreed shape only (see OAUTH-API.md).
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
export class OAuthClient implements AuthProvider {
	authorize?: Authorize;
	readonly steps: AuthStep[] = [];
	constructor(readonly options: OAuthOptions) {}
	get signedIn(): boolean {
		return false;
	}
	async token(): Promise<string | undefined> {
		return undefined;
	}
	async onUnauthorized(_ctx: UnauthorizedContext): Promise<void> {
		throw new SignInRequiredError('Sign-in required');
	}
	async signIn(_authorize: Authorize): Promise<void> {
		throw new OAuthFlowError('not implemented on this branch', 'authorization');
	}
	async signOut(): Promise<void> {}
}
