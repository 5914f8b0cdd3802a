/**
 * Who Loupe is to the authorization server, in this order: the client id the person typed, a
 * Client ID Metadata Document (when the server supports them and Loupe is deployed on https),
 * a registration from before, Dynamic Client Registration (RFC 7591), else a clear request
 * for a client id. Registrations are kept per issuer.
 */
import type { AuthorizationServer, ClientAuth } from 'oauth4webapi';
import * as o from 'oauth4webapi';
import { assertSafeEndpoint } from './endpoint-safety.js';
import type { StepLog } from './steps.js';
import { readJson } from './store.js';
import type { AuthStore } from './types.js';
import { plain } from './authorization.js';
import { whyNoAnswer } from './no-answer.js';
import { isNetworkError } from '../errors.js';

export interface ClientRegistration {
	client_id: string;
	client_secret?: string;
	token_endpoint_auth_method?: string;
	source: 'pre-registered' | 'metadata-document' | 'dynamic';
}

export interface ClientIdentityOptions {
	clientId?: string;
	clientSecret?: string;
	clientMetadataUrl?: string;
	clientName?: string;
	redirectUri: string;
	store: AuthStore;
}

export function registrationKey(issuer: string, redirectUri: string): string {
	return `client:${issuer}|${redirectUri}`;
}

/** A CIMD URL must be https with a path (draft-ietf-oauth-client-id-metadata-document). */
export function usableMetadataUrl(url: string | undefined): url is string {
	if (!url) return false;
	try {
		const u = new URL(url);
		return u.protocol === 'https:' && u.pathname.length > 1 && !u.hash;
	} catch {
		return false;
	}
}

export async function resolveClient(
	log: StepLog,
	issuer: string,
	server: AuthorizationServer,
	options: ClientIdentityOptions
): Promise<ClientRegistration> {
	const draft = log.begin('registration', 'Client identity');
	if (options.clientId) {
		draft.ok(
			`Using the pre-registered client id you entered${options.clientSecret ? ' (with its secret)' : ''}.`
		);
		return {
			client_id: options.clientId,
			client_secret: options.clientSecret || undefined,
			source: 'pre-registered'
		};
	}
	if (
		server.client_id_metadata_document_supported === true &&
		usableMetadataUrl(options.clientMetadataUrl)
	) {
		draft.ok(
			`The authorization server supports Client ID Metadata Documents; Loupe's client id is ${options.clientMetadataUrl}.`
		);
		return {
			client_id: options.clientMetadataUrl,
			token_endpoint_auth_method: 'none',
			source: 'metadata-document'
		};
	}
	const key = registrationKey(issuer, options.redirectUri);
	const earlier = readJson<ClientRegistration>(options.store, key);
	if (earlier?.client_id) {
		draft.ok(
			`Reusing the client Loupe registered with this authorization server earlier (${earlier.client_id}).`
		);
		return earlier;
	}
	if (typeof server.registration_endpoint !== 'string') {
		const why =
			server.client_id_metadata_document_supported === true
				? 'supports Client ID Metadata Documents, but this Loupe is not served from an https origin with a published document, and it offers no Dynamic Client Registration'
				: 'offers neither Client ID Metadata Documents nor Dynamic Client Registration';
		return draft.fatal(
			`The authorization server ${why}. Register a client with it (redirect URI ${options.redirectUri}) and enter its client id.`
		);
	}
	const endpoint = assertSafeEndpoint(
		server.registration_endpoint,
		'registration endpoint',
		'registration'
	);
	const metadata = {
		client_name: options.clientName ?? 'Loupe MCP inspector',
		redirect_uris: [options.redirectUri],
		grant_types: ['authorization_code', 'refresh_token'],
		response_types: ['code'],
		token_endpoint_auth_method: 'none',
		application_type: 'web'
	};
	let response: Response;
	try {
		response = await draft.fetch(endpoint.href, {
			method: 'POST',
			headers: { 'content-type': 'application/json', accept: 'application/json' },
			body: JSON.stringify(metadata)
		});
	} catch (error) {
		const why = error instanceof Error ? error.message : String(error);
		if (!isNetworkError(error))
			return draft.fatal(`Dynamic client registration at ${endpoint.href} failed: ${why}.`);
		// "Failed to fetch": refused by CORS, or nothing there.
		if ((await whyNoAnswer(endpoint.href)) === 'unreachable') {
			return draft.fatal(
				`Nothing answered at the authorization server's registration endpoint ${endpoint.href} (${why}).`
			);
		}
		return draft.fatal(
			`The authorization server's registration endpoint does not allow requests from this page (CORS), so Loupe could not register itself at ${endpoint.href}. Register Loupe with the authorization server beforehand and enter its Client ID under Settings → OAuth client, or ask its operator to allow this origin on that endpoint.`,
			true
		);
	}
	let body: Record<string, unknown> | undefined;
	try {
		body = (await response.json()) as Record<string, unknown>;
	} catch {
		body = undefined;
	}
	if (!response.ok || !body || typeof body.client_id !== 'string' || !body.client_id) {
		const serverSays =
			body && typeof body.error === 'string'
				? ` (${plain(body.error)}${typeof body.error_description === 'string' ? `: ${plain(body.error_description)}` : ''})`
				: '';
		const message = response.ok
			? `Dynamic client registration answered without a client_id; RFC 7591 §3.2.1 requires one.`
			: `Dynamic client registration was refused with HTTP ${response.status}${serverSays}. Enter a pre-registered client id instead.`;
		return draft.fatal(message);
	}
	const registration: ClientRegistration = {
		client_id: body.client_id,
		client_secret: typeof body.client_secret === 'string' ? body.client_secret : undefined,
		token_endpoint_auth_method:
			typeof body.token_endpoint_auth_method === 'string'
				? body.token_endpoint_auth_method
				: undefined,
		source: 'dynamic'
	};
	options.store.set(key, JSON.stringify(registration));
	draft.ok(
		`Registered dynamically as ${registration.client_id}${registration.client_secret ? ' (the server issued a client secret)' : ' (a public client)'}.`
	);
	return registration;
}

/** How the client authenticates at the token endpoint: what its registration says, else what the server lists. */
export function clientAuthMethod(client: ClientRegistration, server: AuthorizationServer): string {
	if (client.token_endpoint_auth_method) return client.token_endpoint_auth_method;
	if (!client.client_secret) return 'none';
	const supported = server.token_endpoint_auth_methods_supported;
	if (!supported || supported.includes('client_secret_basic')) return 'client_secret_basic';
	if (supported.includes('client_secret_post')) return 'client_secret_post';
	return 'client_secret_basic';
}

export function clientAuth(client: ClientRegistration, server: AuthorizationServer): ClientAuth {
	const method = clientAuthMethod(client, server);
	if (method === 'client_secret_basic' && client.client_secret)
		return clientSecretBasic(client.client_secret);
	if (method === 'client_secret_post' && client.client_secret)
		return o.ClientSecretPost(client.client_secret);
	return o.None();
}

/**
 * client_secret_basic with the form encoding of RFC 6749 Appendix B (the WHATWG serializer:
 * letters, digits and `*-._` kept). oauth4webapi also escapes `-._~`, which servers that do not
 * decode the credentials (several do not) then reject.
 */
export function clientSecretBasic(secret: string): ClientAuth {
	return (_as, client, _body, headers) => {
		const encode = (v: string) => new URLSearchParams({ v }).toString().slice(2);
		headers.set('authorization', `Basic ${btoa(`${encode(client.client_id)}:${encode(secret)}`)}`);
	};
}
