/**
 * Every URL Loupe calls or opens during sign-in comes from a server: it is checked first.
 * https anywhere; http only on loopback hosts (url-safety.ts: localhost names, 127.0.0.0/8,
 * [::1]); nothing else; no credentials in the URL.
 */
import { OAuthFlowError, type AuthStepKind } from './types.js';
import { isHttpsOrLoopbackHttp, isLoopbackHost } from '../url-safety.js';

/** Why a URL is not safe to call or open, or undefined when it is. */
export function endpointProblem(url: string): string | undefined {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return 'is not a valid absolute URL';
	}
	if (isHttpsOrLoopbackHttp(parsed))
		return parsed.username || parsed.password ? 'carries credentials in the URL' : undefined;
	if (parsed.protocol === 'http:')
		return 'uses http on a host that is not localhost; only https is allowed there';
	return `uses the ${parsed.protocol.replace(/:$/, '')}: scheme; only https (or http on localhost) is allowed`;
}

/** Checks a URL from metadata or a server before Loupe calls or opens it. Throws OAuthFlowError. */
export function assertSafeEndpoint(
	url: string,
	what: string,
	step: AuthStepKind = 'server-metadata'
): URL {
	const problem = endpointProblem(url);
	if (problem) throw new OAuthFlowError(step, `The ${what} (${truncate(url)}) ${problem}.`);
	return new URL(url);
}

/** oauth4webapi refuses http unless told; Loupe tells it only for loopback hosts. */
export function needsInsecureRequests(url: string | URL): boolean {
	const parsed = typeof url === 'string' ? new URL(url) : url;
	return parsed.protocol === 'http:' && isLoopbackHost(parsed.hostname);
}

function truncate(text: string): string {
	return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
