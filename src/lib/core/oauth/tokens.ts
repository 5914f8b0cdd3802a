/**
 * The token endpoint: exchanging the code (with code_verifier, redirect_uri and resource),
 * refreshing (with resource, accepting rotation), and revocation (RFC 7009). Tokens are kept
 * only in the AuthStore, keyed by resource and issuer.
 */
import * as o from 'oauth4webapi';
import type { AuthorizationServer } from 'oauth4webapi';
import { needsInsecureRequests } from './endpoint-safety.js';
import { clientAuth, type ClientRegistration } from './registration.js';
import type { StepDraft } from './steps.js';
import { plain } from './authorization.js';
import { noAnswerPhrase, whyNoAnswer } from './no-answer.js';
import { isNetworkError } from '../errors.js';

export interface StoredTokens {
	access_token: string;
	token_type: string;
	refresh_token?: string;
	/** ms since epoch */
	expires_at?: number;
	/** The lifetime the server gave, in ms. */
	lifetime_ms?: number;
	scope?: string;
}

export function tokensKey(resource: string, issuer: string): string {
	return `tokens:${resource}|${issuer}`;
}

function requestOptions(draft: StepDraft, endpoint: string | undefined, resource?: string) {
	return {
		[o.customFetch]: draft.fetch,
		[o.allowInsecureRequests]: endpoint ? needsInsecureRequests(endpoint) : false,
		...(resource ? { additionalParameters: { resource } } : {})
	};
}

function toStored(
	response: o.TokenEndpointResponse,
	previous?: StoredTokens,
	requestedScope?: string
): StoredTokens {
	return {
		access_token: response.access_token,
		token_type: response.token_type,
		// Rotation: a new refresh token replaces the old one; none returned keeps the old one.
		refresh_token: response.refresh_token ?? previous?.refresh_token,
		expires_at:
			typeof response.expires_in === 'number' ? Date.now() + response.expires_in * 1000 : undefined,
		lifetime_ms: typeof response.expires_in === 'number' ? response.expires_in * 1000 : undefined,
		scope: response.scope ?? requestedScope ?? previous?.scope
	};
}

/** Words for what went wrong at the token endpoint. */
export function explainTokenError(error: unknown, what: string): string {
	if (error instanceof o.ResponseBodyError) {
		return `The ${what} was refused with HTTP ${error.status} (${plain(error.error)}${error.error_description ? `: ${plain(error.error_description)}` : ''}).`;
	}
	if (error instanceof o.WWWAuthenticateChallengeError)
		return `The ${what} was refused with HTTP ${error.status} and a WWW-Authenticate challenge.`;
	if (error instanceof o.OperationProcessingError)
		return `The ${what}'s response is not what OAuth 2.1 expects: ${error.message}.`;
	if (error instanceof TypeError) {
		return `The ${what} got no answer (${error.message}): the authorization server is unreachable, or it does not allow requests from this page's origin (CORS), which a browser-only client needs.`;
	}
	return `The ${what} failed: ${error instanceof Error ? error.message : String(error)}.`;
}

async function run<T>(
	draft: StepDraft,
	what: string,
	work: () => Promise<T>,
	endpoint?: string
): Promise<T> {
	try {
		return await work();
	} catch (error) {
		// "Failed to fetch": say which, a CORS refusal or nothing there.
		if (endpoint && isNetworkError(error)) {
			const why = await whyNoAnswer(endpoint);
			if (why === 'cors')
				return draft.fatal(
					`The authorization server's token endpoint ${noAnswerPhrase(why)}: the ${what} could not be sent from this page (${endpoint}).`,
					true
				);
			return draft.fatal(
				`The ${what} got no answer: the token endpoint ${endpoint} ${noAnswerPhrase(why)}.`
			);
		}
		return draft.fatal(explainTokenError(error, what));
	}
}

export async function exchangeCode(
	draft: StepDraft,
	server: AuthorizationServer,
	client: ClientRegistration,
	callback: URL,
	expectedState: string,
	redirectUri: string,
	codeVerifier: string,
	resource: string | undefined,
	requestedScope: string | undefined
): Promise<StoredTokens> {
	const oc: o.Client = { client_id: client.client_id };
	return run(
		draft,
		'token request',
		async () => {
			// Loupe has already checked state and iss; oauth4webapi checks them again and brands the parameters.
			const params = o.validateAuthResponse(server, oc, callback, expectedState);
			const response = await o.authorizationCodeGrantRequest(
				server,
				oc,
				clientAuth(client, server),
				params,
				redirectUri,
				codeVerifier,
				requestOptions(draft, server.token_endpoint, resource)
			);
			const result = await o.processAuthorizationCodeResponse(server, oc, response);
			return toStored(result, undefined, requestedScope);
		},
		server.token_endpoint
	);
}

export async function refreshTokens(
	draft: StepDraft,
	server: AuthorizationServer,
	client: ClientRegistration,
	previous: StoredTokens,
	resource: string | undefined
): Promise<StoredTokens> {
	const oc: o.Client = { client_id: client.client_id };
	return run(
		draft,
		'refresh request',
		async () => {
			const response = await o.refreshTokenGrantRequest(
				server,
				oc,
				clientAuth(client, server),
				previous.refresh_token!,
				requestOptions(draft, server.token_endpoint, resource)
			);
			const result = await o.processRefreshTokenResponse(server, oc, response);
			return toStored(result, previous);
		},
		server.token_endpoint
	);
}

/** Revokes one token; returns a problem text or undefined. Never throws. */
export async function revokeToken(
	draft: StepDraft,
	server: AuthorizationServer,
	client: ClientRegistration,
	token: string,
	hint: 'access_token' | 'refresh_token'
): Promise<string | undefined> {
	const oc: o.Client = { client_id: client.client_id };
	try {
		const response = await o.revocationRequest(server, oc, clientAuth(client, server), token, {
			...requestOptions(draft, server.revocation_endpoint),
			additionalParameters: { token_type_hint: hint }
		});
		await o.processRevocationResponse(response);
		return undefined;
	} catch (error) {
		return explainTokenError(error, `revocation of the ${hint.replace('_', ' ')}`);
	}
}
