/** The authorization request (PKCE S256, state, resource) and the checks on its callback (pure). */
import { assertSafeEndpoint } from './endpoint-safety.js';

export interface AuthorizationRequest {
	authorizationEndpoint: string;
	clientId: string;
	redirectUri: string;
	codeChallenge: string;
	state: string;
	scope?: string;
	/** RFC 8707 resource indicator. */
	resource?: string;
}

export function buildAuthorizationUrl(request: AuthorizationRequest): URL {
	const url = assertSafeEndpoint(
		request.authorizationEndpoint,
		'authorization endpoint',
		'authorization'
	);
	const p = url.searchParams;
	p.set('response_type', 'code');
	p.set('client_id', request.clientId);
	p.set('redirect_uri', request.redirectUri);
	p.set('code_challenge', request.codeChallenge);
	p.set('code_challenge_method', 'S256');
	p.set('state', request.state);
	if (request.scope) p.set('scope', request.scope);
	else p.delete('scope');
	if (request.resource) p.set('resource', request.resource);
	return url;
}

export interface CallbackExpectation {
	state: string;
	issuer: string;
	/** The server said authorization_response_iss_parameter_supported (RFC 9207). */
	issRequired: boolean;
	redirectUri: string;
}

export type CallbackCheck =
	{ ok: true; code: string } | { ok: false; message: string; serverError?: string };

/**
 * Checks the callback in the order that keeps forged responses out: it must come back to the
 * redirect URI, `state` must match, `iss` must name the issuer (and be there when the server
 * promised it); only then is an error from the server believed and shown, as plain text.
 */
export function checkCallback(callback: URL, expected: CallbackExpectation): CallbackCheck {
	const redirect = new URL(expected.redirectUri);
	if (callback.origin !== redirect.origin || callback.pathname !== redirect.pathname) {
		return {
			ok: false,
			message: `The sign-in came back to ${callback.origin}${callback.pathname}, not to Loupe's redirect URI ${redirect.origin}${redirect.pathname}.`
		};
	}
	const p = callback.searchParams;
	const state = p.get('state');
	if (state === null)
		return {
			ok: false,
			message:
				'The authorization response has no state parameter; Loupe sent one and OAuth 2.1 requires it back, so the response is ignored.'
		};
	if (state !== expected.state)
		return {
			ok: false,
			message:
				'The authorization response carries a different state than Loupe sent; it may be forged or from another sign-in, so it is ignored.'
		};
	const iss = p.get('iss');
	if (iss !== null && iss !== expected.issuer) {
		return {
			ok: false,
			message: `The authorization response names the issuer "${plain(iss)}", but Loupe signed in with "${expected.issuer}" (RFC 9207 mix-up protection); the response is ignored.`
		};
	}
	if (iss === null && expected.issRequired) {
		return {
			ok: false,
			message:
				'The authorization server advertises authorization_response_iss_parameter_supported but its response has no iss parameter (RFC 9207); the response is ignored.'
		};
	}
	const error = p.get('error');
	if (error !== null) {
		const description = p.get('error_description');
		const text = `${plain(error)}${description ? `: ${plain(description)}` : ''}`;
		return {
			ok: false,
			message: `The authorization server refused the sign-in (${text}).`,
			serverError: text
		};
	}
	const code = p.get('code');
	if (!code)
		return { ok: false, message: 'The authorization response has neither a code nor an error.' };
	return { ok: true, code };
}

/** Server text shown as plain text: control characters dropped, length capped. */
export function plain(text: string, max = 300): string {
	// eslint-disable-next-line no-control-regex
	const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim();
	return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
