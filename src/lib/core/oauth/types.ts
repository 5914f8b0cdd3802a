/**
 * The shapes shared by the OAuth modules and the UI: steps of the flow as the Auth panel shows
 * them, where tokens live, and the errors a person can act on.
 */

export type AuthStepKind =
	| 'challenge'
	| 'resource-metadata'
	| 'server-metadata'
	| 'registration'
	| 'authorization'
	| 'callback'
	| 'token'
	| 'refresh'
	| 'step-up'
	| 'revocation';

/** One step of the flow as the Auth panel shows it. */
export interface AuthStep {
	id: number;
	kind: AuthStepKind;
	/** "Protected resource metadata", ... */
	title: string;
	status: 'ok' | 'failed' | 'skipped';
	/** One sentence; on failure: what the server got wrong and what the spec expects. */
	verdict: string;
	/** HTTP exchanges of this step (may be empty, e.g. the callback). */
	exchanges: AuthExchange[];
	at: number;
}

export interface AuthExchange {
	method: string;
	/** The URL with secrets masked. */
	url: string;
	status?: number;
	requestHeaders: Record<string, string>;
	responseHeaders: Record<string, string>;
	/** Masked: tokens, secrets and codes never appear. */
	requestBody?: string;
	responseBody?: string;
	error?: string;
}

/** Where tokens and client registrations live: sessionStorage in the browser, memory in Node. */
export interface AuthStore {
	get(key: string): string | undefined;
	set(key: string, value: string): void;
	delete(key: string): void;
}

/**
 * What the UI (popup) or the Node harness (follow the redirect) does with the authorization URL.
 * Resolves with the full callback URL (code/state/iss, or error).
 */
export type Authorize = (authorizationUrl: URL) => Promise<URL>;

export interface OAuthOptions {
	/** The MCP server URL (the protected resource). */
	serverUrl: URL;
	/** Loupe's callback page, e.g. https://host/base/oauth/callback/ */
	redirectUri: string;
	store: AuthStore;
	/** The fetch underneath (tests, recording). */
	fetch?: typeof fetch;
	/** A pre-registered client the person typed. */
	clientId?: string;
	clientSecret?: string;
	/** Loupe's Client ID Metadata Document URL (https), when deployed on an https origin. */
	clientMetadataUrl?: string;
	clientName?: string;
	onStep?: (step: AuthStep) => void;
	/** Step-up re-authorizations in a row before Loupe gives up (default 2). */
	maxStepUps?: number;
}

/** Interaction is needed (sign-in) and no `authorize` callback is set. */
export class SignInRequiredError extends Error {
	constructor(message = 'Sign-in required: the server asks for an OAuth access token.') {
		super(message);
		this.name = 'SignInRequiredError';
	}
}

/** A step of the flow failed; the message says what went wrong in words a person can act on. */
export class OAuthFlowError extends Error {
	constructor(
		readonly step: AuthStepKind,
		message: string,
		/** The step failed because an endpoint does not allow requests from this page (CORS): "Check server" says more. */
		readonly cors = false
	) {
		super(message);
		this.name = 'OAuthFlowError';
	}
}
