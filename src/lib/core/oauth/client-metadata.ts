/**
 * Loupe's Client ID Metadata Document (draft-ietf-oauth-client-id-metadata-document): a static
 * JSON file served at `<origin><base>/oauth/client-metadata.json`, whose https URL is the
 * client_id. Built at build time for the deployed origin (LOUPE_PUBLIC_ORIGIN).
 */

export const CLIENT_METADATA_PATH = 'oauth/client-metadata.json';
export const CALLBACK_PATH = 'oauth/callback/';

function joinBase(origin: string, base: string, path: string): string {
	const b = base.replace(/^\/*/, '/').replace(/\/*$/, '/');
	return `${origin.replace(/\/+$/, '')}${b}${path}`;
}

/** The document's URL (the client_id), or undefined when the origin is not https. */
export function clientMetadataUrl(origin: string | undefined, base = ''): string | undefined {
	if (!origin) return undefined;
	try {
		if (new URL(origin).protocol !== 'https:') return undefined;
	} catch {
		return undefined;
	}
	return joinBase(new URL(origin).origin, base, CLIENT_METADATA_PATH);
}

export function callbackUrl(origin: string, base = ''): string {
	return joinBase(new URL(origin).origin, base, CALLBACK_PATH);
}

export function clientMetadataDocument(origin: string, base = ''): Record<string, unknown> {
	const clientId = clientMetadataUrl(origin, base);
	if (!clientId)
		throw new Error(`A Client ID Metadata Document needs an https origin, not ${origin}.`);
	return {
		client_id: clientId,
		client_name: 'Loupe MCP inspector',
		client_uri: joinBase(new URL(origin).origin, base, ''),
		redirect_uris: [callbackUrl(origin, base)],
		grant_types: ['authorization_code', 'refresh_token'],
		response_types: ['code'],
		token_endpoint_auth_method: 'none',
		application_type: 'web'
	};
}

/** The deployed Client ID Metadata Document URL (set at build time from LOUPE_PUBLIC_ORIGIN), if any. */
export function deployedClientMetadataUrl(): string | undefined {
	const env = (import.meta as { env?: Record<string, unknown> }).env;
	const url = env?.VITE_LOUPE_CLIENT_METADATA_URL;
	return typeof url === 'string' && url ? url : undefined;
}
