/**
 * Discovery: Protected Resource Metadata (RFC 9728), then authorization server metadata
 * (RFC 8414 / OpenID Connect Discovery), with the 2025-03-26 fallbacks when a server has no
 * resource metadata. Every document is checked before Loupe relies on it.
 */
import type { AuthorizationServer } from 'oauth4webapi';
import { endpointProblem } from './endpoint-safety.js';
import { resourceMatches, resourceMetadataUrls, serverMetadataUrls } from './discovery-urls.js';
import type { StepLog } from './steps.js';
import { isObject } from '../json-value.js';
import { noAnswerPhrase, whyNoAnswer } from './no-answer.js';

export interface ResourceMetadata {
	resource: string;
	authorization_servers?: string[];
	scopes_supported?: string[];
	[key: string]: unknown;
}

export interface Discovery {
	/** Protected Resource Metadata; undefined on the 2025-03-26 fallback path. */
	resourceMetadata?: ResourceMetadata;
	/** The issuer Loupe built the metadata URL from (and the authorization server's identity). */
	issuer: string;
	server: AuthorizationServer;
	/** Whether the server metadata was found (false: 2025-03-26 default endpoints). */
	serverMetadataFound: boolean;
}

/** The endpoints in server metadata that Loupe may call or open. */
const ENDPOINT_FIELDS = [
	'authorization_endpoint',
	'token_endpoint',
	'registration_endpoint',
	'revocation_endpoint'
] as const;

async function getJson(
	fetchFn: typeof fetch,
	url: string
): Promise<{ status?: number; json?: unknown; problem?: string; cors?: boolean }> {
	let response: Response;
	try {
		response = await fetchFn(url, { method: 'GET', headers: { accept: 'application/json' } });
	} catch (error) {
		// In a browser a CORS refusal looks like a network error: a no-cors probe tells them apart.
		const why = await whyNoAnswer(url);
		return {
			problem: `${noAnswerPhrase(why)} (${error instanceof Error ? error.message : String(error)})`,
			cors: why === 'cors'
		};
	}
	if (!response.ok) {
		await response.body?.cancel().catch(() => {});
		return { status: response.status, problem: `answered HTTP ${response.status}` };
	}
	try {
		return { status: response.status, json: await response.json() };
	} catch {
		return { status: response.status, problem: 'did not return JSON' };
	}
}

/** Finds Protected Resource Metadata; undefined when the server has none (then the 2025-03-26 fallbacks apply). */
export async function discoverResource(
	log: StepLog,
	serverUrl: URL,
	resourceMetadataHint?: string
): Promise<ResourceMetadata | undefined> {
	const draft = log.begin('resource-metadata', 'Protected resource metadata');
	const tried: string[] = [];
	for (const url of resourceMetadataUrls(serverUrl, resourceMetadataHint)) {
		const problem = endpointProblem(url);
		if (problem) {
			tried.push(`${url} ${problem}`);
			continue;
		}
		const got = await getJson(draft.fetch, url);
		if (got.problem) {
			tried.push(`${url} ${got.problem}`);
			continue;
		}
		const doc = got.json;
		if (!isObject(doc) || typeof doc.resource !== 'string') {
			return draft.fatal(
				`The protected resource metadata at ${url} has no "resource" string; RFC 9728 requires one.`
			);
		}
		if (!resourceMatches(doc.resource, serverUrl)) {
			return draft.fatal(
				`The protected resource metadata names the resource "${doc.resource}", but Loupe is connecting to ${serverUrl.href}. The spec requires the metadata's resource to match the server URL (RFC 9728 §3.3), so Loupe stopped before asking for a token.`
			);
		}
		const servers = Array.isArray(doc.authorization_servers)
			? doc.authorization_servers.filter((s): s is string => typeof s === 'string')
			: [];
		if (servers.length === 0) {
			return draft.fatal(
				`The protected resource metadata at ${url} lists no authorization_servers; the MCP spec requires at least one.`
			);
		}
		const scopes = Array.isArray(doc.scopes_supported)
			? doc.scopes_supported.filter((s): s is string => typeof s === 'string')
			: undefined;
		draft.ok(
			`Found at ${url}: resource ${doc.resource}, authorization server ${servers[0]}${scopes ? `, scopes ${scopes.join(' ') || '(none)'}` : ''}.`
		);
		return {
			...doc,
			resource: doc.resource,
			authorization_servers: servers,
			scopes_supported: scopes
		};
	}
	draft.skip(
		`No protected resource metadata (${tried.join('; ')}); Loupe falls back to the 2025-03-26 discovery at the server's origin.`
	);
	return undefined;
}

/**
 * Finds authorization server metadata for an issuer, trying the spec's URLs in order. On the
 * legacy path (no resource metadata) a missing document means the default endpoints.
 */
export async function discoverServer(
	log: StepLog,
	issuer: string,
	legacy: boolean
): Promise<{ server: AuthorizationServer; found: boolean }> {
	const draft = log.begin('server-metadata', 'Authorization server metadata');
	const issuerProblem = endpointProblem(issuer);
	if (issuerProblem) {
		return draft.fatal(`The authorization server ${issuer} ${issuerProblem}.`);
	}
	const tried: string[] = [];
	let cors = false;
	for (const url of serverMetadataUrls(issuer)) {
		const got = await getJson(draft.fetch, url);
		if (got.problem) {
			tried.push(`${url} ${got.problem}`);
			cors ||= !!got.cors;
			continue;
		}
		const doc = got.json;
		const fail = (message: string): never => draft.fatal(message);
		if (!isObject(doc)) fail(`The metadata at ${url} is not a JSON object.`);
		const meta = doc as Record<string, unknown>;
		let note = '';
		if (meta.issuer !== issuer) {
			if (!legacy) {
				fail(
					`The metadata at ${url} says issuer "${String(meta.issuer)}", but it was fetched for the issuer "${issuer}". RFC 8414 §3.3 requires them to be identical.`
				);
			}
			note = ` Its issuer "${String(meta.issuer)}" differs from the server origin; the 2025-03-26 spec did not require them to match.`;
		}
		const methods = meta.code_challenge_methods_supported;
		if (!Array.isArray(methods)) {
			fail(
				`The authorization server metadata has no code_challenge_methods_supported. The MCP spec requires it to list S256 (PKCE), and Loupe refuses to continue without it.`
			);
		} else if (!methods.includes('S256')) {
			fail(
				`The authorization server's code_challenge_methods_supported (${methods.join(', ') || 'empty'}) lacks S256. The MCP spec requires PKCE with S256, so Loupe refuses to continue.`
			);
		}
		for (const field of ENDPOINT_FIELDS) {
			const value = meta[field];
			if (value === undefined) continue;
			if (typeof value !== 'string') fail(`The metadata's ${field} is not a string.`);
			const problem = endpointProblem(value as string);
			if (problem) fail(`The metadata's ${field} (${String(value).slice(0, 120)}) ${problem}.`);
		}
		for (const field of ['authorization_endpoint', 'token_endpoint'] as const) {
			if (typeof meta[field] !== 'string')
				fail(
					`The authorization server metadata has no ${field}; RFC 8414 requires it for the authorization code flow.`
				);
		}
		draft.ok(`Found at ${url}.${note}`);
		return { server: meta as unknown as AuthorizationServer, found: true };
	}
	if (legacy) {
		const base = new URL(issuer).origin;
		draft.skip(
			`No authorization server metadata (${tried.join('; ')}); using the 2025-03-26 default endpoints ${base}/authorize, /token and /register.`
		);
		return {
			found: false,
			server: {
				issuer: base,
				authorization_endpoint: `${base}/authorize`,
				token_endpoint: `${base}/token`,
				registration_endpoint: `${base}/register`,
				code_challenge_methods_supported: ['S256']
			}
		};
	}
	return draft.fatal(
		`No authorization server metadata for ${issuer}: ${tried.join('; ')}. The MCP spec requires RFC 8414 or OpenID Connect discovery metadata.`,
		cors
	);
}

/** The whole discovery: resource metadata, then the authorization server, or the 2025-03-26 fallbacks. */
export async function discover(
	log: StepLog,
	serverUrl: URL,
	resourceMetadataHint?: string
): Promise<Discovery> {
	const resourceMetadata = await discoverResource(log, serverUrl, resourceMetadataHint);
	const issuer = resourceMetadata ? resourceMetadata.authorization_servers![0] : serverUrl.origin;
	const { server, found } = await discoverServer(log, issuer, !resourceMetadata);
	return {
		resourceMetadata,
		issuer: found && resourceMetadata ? issuer : server.issuer,
		server,
		serverMetadataFound: found
	};
}
