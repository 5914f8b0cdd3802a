/**
 * Gathers the sign-in hops' evidence: the metadata documents as Loupe's OAuth client looks for
 * them (the same URLs, in the same order), then a probe of the registration and token endpoints
 * that creates and asks for nothing. Only URLs the OAuth client would call are probed.
 */
import { resourceMetadataUrls, serverMetadataUrls } from '../oauth/discovery-urls.js';
import { endpointProblem } from '../oauth/endpoint-safety.js';
import { parseWwwAuthenticate } from '../oauth/challenge.js';
import { answered, runProbe, type Fetcher, type ProbeOutcome } from './probe.js';
import * as plan from './probe-plan.js';
import type { Fetched, OAuthEvidence } from './oauth-hops.js';

export interface OAuthProbeOptions {
	url: URL;
	origin: string;
	fetch: Fetcher;
	reachable: (url: URL) => Promise<boolean>;
	/** The MCP endpoint's 401 answer, if one was seen (its challenge may name the metadata). */
	challenge?: ProbeOutcome;
	clientIdSet: boolean;
	clientSecretSet: boolean;
	timeoutMs?: number;
}

function json(outcome: ProbeOutcome): Record<string, unknown> | undefined {
	if (!answered(outcome) || outcome.status !== 200 || !outcome.body) return undefined;
	try {
		const value: unknown = JSON.parse(outcome.body);
		return value && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

export async function gatherOAuthEvidence(o: OAuthProbeOptions): Promise<OAuthEvidence> {
	const probe = async (request: ReturnType<typeof plan.metadata>): Promise<Fetched> => {
		const outcome = await runProbe(o.fetch, request, o.timeoutMs);
		const reachable =
			outcome.kind === 'blocked' ? await o.reachable(new URL(request.url)) : undefined;
		return { url: request.url, outcome, reachable };
	};
	const asksForAuth = answered(o.challenge) && o.challenge.status === 401;
	const hint = answered(o.challenge)
		? parseWwwAuthenticate(o.challenge.headers['www-authenticate'])?.resourceMetadata
		: undefined;
	const evidence: OAuthEvidence = {
		origin: o.origin,
		asksForAuth,
		resourceMetadata: [],
		serverMetadata: [],
		clientIdSet: o.clientIdSet
	};

	for (const url of resourceMetadataUrls(o.url, hint)) {
		if (endpointProblem(url)) continue;
		const fetched = await probe(plan.metadata(url));
		evidence.resourceMetadata.push(fetched);
		const doc = json(fetched.outcome);
		if (doc && typeof doc.resource === 'string') {
			fetched.document = true;
			const servers = Array.isArray(doc.authorization_servers)
				? doc.authorization_servers.filter((s): s is string => typeof s === 'string')
				: [];
			evidence.authorizationServer = servers[0];
			break;
		}
	}

	const issuer = evidence.authorizationServer ?? (asksForAuth ? o.url.origin : undefined);
	if (!issuer || endpointProblem(issuer)) return evidence;
	for (const url of serverMetadataUrls(issuer)) {
		const fetched = await probe(plan.metadata(url));
		evidence.serverMetadata.push(fetched);
		const doc = json(fetched.outcome);
		if (!doc) continue;
		fetched.document = true;
		evidence.serverMetadataFound = true;
		if (
			typeof doc.registration_endpoint === 'string' &&
			!endpointProblem(doc.registration_endpoint)
		)
			evidence.registrationEndpoint = doc.registration_endpoint;
		if (typeof doc.token_endpoint === 'string' && !endpointProblem(doc.token_endpoint))
			evidence.tokenEndpoint = doc.token_endpoint;
		break;
	}

	if (evidence.registrationEndpoint && !o.clientIdSet) {
		evidence.registration = await probe(plan.registration(evidence.registrationEndpoint));
		if (
			evidence.registration.outcome.kind === 'blocked' &&
			evidence.registration.reachable !== false
		) {
			evidence.simpleRegistration = await runProbe(
				o.fetch,
				plan.simpleRegistration(evidence.registrationEndpoint),
				o.timeoutMs
			);
		}
	}
	if (evidence.tokenEndpoint)
		evidence.token = await probe(plan.token(evidence.tokenEndpoint, o.clientSecretSet));
	return evidence;
}
