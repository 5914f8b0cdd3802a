/**
 * Verdicts for the sign-in hops (pure, from recorded probe outcomes): the protected resource
 * metadata, the authorization server's metadata, its registration endpoint and its token
 * endpoint, each as the browser lets this page reach it.
 */
import { answered, type ProbeOutcome } from './probe.js';
import { headerLines } from './snippets.js';
import { verdict, type CorsFix, type HopVerdict } from './verdicts.js';

export interface Fetched {
	url: string;
	outcome: ProbeOutcome;
	/** For a blocked fetch: whether anything answered there at all (a no-cors probe). */
	reachable?: boolean;
	/** The answer was the metadata document looked for. */
	document?: boolean;
}

export interface OAuthEvidence {
	origin: string;
	/** The MCP endpoint answered 401: it wants sign-in. */
	asksForAuth: boolean;
	/** The protected resource metadata URLs tried, in order (the last one found it, if any). */
	resourceMetadata: Fetched[];
	/** From the document found: its first authorization server. */
	authorizationServer?: string;
	/** The authorization server metadata URLs tried, in order. */
	serverMetadata: Fetched[];
	/** From the document found. */
	registrationEndpoint?: string;
	tokenEndpoint?: string;
	/** Whether a metadata document was found (false: none, or not checked). */
	serverMetadataFound?: boolean;
	/** A client id is entered in Settings: Loupe does not register. */
	clientIdSet: boolean;
	registration?: Fetched;
	/** The registration probe as a request no browser preflights, when the preflighted one was blocked. */
	simpleRegistration?: ProbeOutcome;
	token?: Fetched;
}

function found(list: Fetched[]): Fetched | undefined {
	return list.find((f) => f.document);
}

function refusal(f: Fetched): string {
	if (f.outcome.kind === 'timeout') return `${f.url} did not answer in time`;
	if (answered(f.outcome))
		return `${f.url} answered HTTP ${f.outcome.status}${f.outcome.status === 200 ? ', not with a metadata document' : ''}`;
	return f.reachable === false
		? `nothing answered at ${f.url}`
		: `${f.url} does not allow requests from this page (no Access-Control-Allow-Origin)`;
}

function openFix(url: string, origin: string, methods: string[], allowHeaders: string[]): CorsFix {
	return { url, origin, methods, allowHeaders, exposeHeaders: [] };
}

function fixFor(fix: CorsFix): Partial<HopVerdict> {
	return { fix, headerLines: headerLines(fix) };
}

const corsBlocked = (f: Fetched | undefined) =>
	f !== undefined && f.outcome.kind === 'blocked' && f.reachable !== false;

export function judgeResourceMetadata(e: OAuthEvidence): HopVerdict {
	const doc = found(e.resourceMetadata);
	if (doc) {
		return verdict(
			'resource-metadata',
			'ok',
			`Found at ${doc.url}${e.authorizationServer ? `; it names the authorization server ${e.authorizationServer}` : ''}.`
		);
	}
	const blocked = e.resourceMetadata.find(corsBlocked);
	if (blocked && e.asksForAuth) {
		return verdict(
			'resource-metadata',
			'failed',
			`The server asks for sign-in, but ${refusal(blocked)}: Loupe cannot learn where to sign in.`,
			fixFor(openFix(blocked.url, e.origin, ['GET', 'OPTIONS'], []))
		);
	}
	const tried = e.resourceMetadata.map(refusal).join('; ');
	if (e.asksForAuth)
		return verdict(
			'resource-metadata',
			'skipped',
			`None published (${tried}); Loupe falls back to the server's origin for sign-in (the 2025-03-26 rules).`
		);
	return verdict(
		'resource-metadata',
		'skipped',
		`The server asks for no sign-in${tried ? ` (${tried})` : ''}.`
	);
}

export function judgeServerMetadata(e: OAuthEvidence): HopVerdict {
	if (!e.serverMetadata.length)
		return verdict('server-metadata', 'skipped', 'Not needed: the server asks for no sign-in.');
	const doc = found(e.serverMetadata);
	if (doc) return verdict('server-metadata', 'ok', `Found at ${doc.url}.`);
	const blocked = e.serverMetadata.find(corsBlocked);
	if (blocked) {
		return verdict(
			'server-metadata',
			'failed',
			`The authorization server's metadata cannot be read: ${refusal(blocked)}.`,
			fixFor(openFix(blocked.url, e.origin, ['GET', 'OPTIONS'], []))
		);
	}
	return verdict(
		'server-metadata',
		'failed',
		`No authorization server metadata: ${e.serverMetadata.map(refusal).join('; ')}.`
	);
}

export function judgeRegistration(e: OAuthEvidence): HopVerdict {
	if (!e.serverMetadataFound)
		return verdict(
			'registration',
			'skipped',
			'Not checked: no authorization server metadata to find it in.'
		);
	if (e.clientIdSet)
		return verdict(
			'registration',
			'skipped',
			'You entered a Client ID (Settings → OAuth client), so Loupe does not register.'
		);
	if (!e.registrationEndpoint || !e.registration) {
		return verdict(
			'registration',
			'skipped',
			'The authorization server offers no Dynamic Client Registration: register Loupe with it yourself and enter the Client ID under Settings → OAuth client.'
		);
	}
	const r = e.registration;
	if (answered(r.outcome)) {
		return verdict(
			'registration',
			'ok',
			`Open to this page (HTTP ${r.outcome.status} to a probe that registers nothing).`
		);
	}
	if (r.reachable === false)
		return verdict(
			'registration',
			'failed',
			`Nothing answered at the registration endpoint ${r.url}.`
		);
	const why = answered(e.simpleRegistration)
		? 'its answers allow this origin, but it refuses the preflight (OPTIONS) for a JSON POST'
		: 'its answers carry no Access-Control-Allow-Origin for this origin';
	return verdict(
		'registration',
		'failed',
		`The authorization server's registration endpoint does not allow requests from this page: ${why}, so Loupe cannot register itself.`,
		{
			...fixFor(openFix(r.url, e.origin, ['POST', 'OPTIONS'], ['Content-Type', 'Authorization'])),
			advice: [
				'Or register Loupe with the authorization server beforehand and enter its Client ID under Settings → OAuth client: then Loupe skips registration.'
			]
		}
	);
}

export function judgeToken(e: OAuthEvidence): HopVerdict {
	if (!e.serverMetadataFound || !e.tokenEndpoint || !e.token)
		return verdict(
			'token',
			'skipped',
			'Not checked: no authorization server metadata naming a token endpoint.'
		);
	const t = e.token;
	if (answered(t.outcome))
		return verdict(
			'token',
			'ok',
			`Open to this page (HTTP ${t.outcome.status} to a request that asks for nothing).`
		);
	if (t.reachable === false)
		return verdict('token', 'failed', `Nothing answered at the token endpoint ${t.url}.`);
	return verdict(
		'token',
		'failed',
		`The token endpoint does not allow requests from this page (no Access-Control-Allow-Origin, or a refused preflight): sign-in could never receive a token.`,
		fixFor(openFix(t.url, e.origin, ['POST', 'OPTIONS'], ['Content-Type', 'Authorization']))
	);
}
