/**
 * Why one request failed with "Failed to fetch" while the server is up: targeted probes after
 * the failure, each differing from a request the browser lets through in one thing only (one of
 * the failed request's headers, or its method), so the alert can name the header or method the
 * server's CORS refuses. Probes carry placeholders, never the request's own values.
 */
import type { HttpEntry } from '../traffic.js';
import { CORS_ALLOW_HEADERS, CORS_ALLOW_METHODS, type Problem } from '../errors.js';
import { maskUrl } from '../secrets.js';
import { answered, runProbe, type Fetcher, type ProbeRequest } from './probe.js';
import * as plan from './probe-plan.js';

export interface BlockedDiagnosis {
	/** A request no browser preflights got through: the server allows this origin on its answers. */
	originAllowed: boolean;
	/** The method the preflight refuses (DELETE, say). */
	refusedMethod?: string;
	/** The request headers (lower-case) the preflight refuses. */
	refusedHeaders: string[];
}

const SIMPLE_METHODS = new Set(['GET', 'HEAD', 'POST']);

/** The failed request's headers that need the server's allowance (the preflight asks for them). */
export function preflightedHeaders(requestHeaders: Record<string, string>): string[] {
	return Object.entries(requestHeaders)
		.filter(
			([name, value]) =>
				!plan.isSafelisted(name) &&
				!(name.toLowerCase() === 'content-type' && plan.isSimpleContentType(value))
		)
		.map(([name]) => name.toLowerCase());
}

export async function diagnoseBlockedRequest(
	failed: Pick<HttpEntry, 'method' | 'requestHeaders'>,
	url: URL,
	fetch: Fetcher,
	timeoutMs = 5000
): Promise<BlockedDiagnosis> {
	const method = failed.method.toUpperCase();
	const probe = (request: ProbeRequest) => runProbe(fetch, request, timeoutMs);
	const base = await probe(method === 'GET' ? plan.simpleGet(url.href) : plan.simplePost(url.href));
	if (!answered(base)) return { originAllowed: false, refusedHeaders: [] };
	const names = preflightedHeaders(failed.requestHeaders);
	const [methodOutcome, ...headerOutcomes] = await Promise.all([
		SIMPLE_METHODS.has(method) ? Promise.resolve(base) : probe(plan.bareDelete(url.href)),
		...names.map((name) => {
			const header = plan.headerProbe(name);
			return probe(
				method === 'GET' ? plan.getWith(url.href, [header]) : plan.postWith(url.href, [header])
			);
		})
	]);
	return {
		originAllowed: true,
		refusedMethod: answered(methodOutcome) ? undefined : method,
		refusedHeaders: names.filter((_, i) => !answered(headerOutcomes[i]))
	};
}

function list(names: readonly string[]): string {
	return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** The Allow-Headers line that adds the refused headers to the recommended ones. */
export function allowHeadersLine(refused: readonly string[]): string {
	const out = [...CORS_ALLOW_HEADERS];
	for (const name of refused) {
		const display = plan.headerProbe(name).display;
		if (!out.some((h) => h.toLowerCase() === name)) out.push(display);
	}
	return `Access-Control-Allow-Headers: ${out.join(', ')}`;
}

/**
 * A CORS problem said precisely, or undefined when the probes found nothing more precise than
 * "this origin is not allowed". `endingSession`: the failed request was the DELETE of Disconnect.
 */
export function describeBlocked(
	d: BlockedDiagnosis,
	url: URL,
	endingSession = false
): Problem | undefined {
	if (!d.originAllowed) return undefined;
	const where = maskUrl(url.href);
	if (d.refusedHeaders.length) {
		const what = `request header${d.refusedHeaders.length > 1 ? 's' : ''} ${list(d.refusedHeaders)}`;
		return {
			kind: 'cors',
			message: endingSession
				? `The session could not be ended on the server: it allowed this origin but refused the ${what} (CORS).`
				: `The server at ${where} allowed this origin but refused the ${what} (CORS).`,
			hints: [
				allowHeadersLine(d.refusedHeaders),
				'…on the answer to the OPTIONS preflight (2xx) too.'
			]
		};
	}
	if (d.refusedMethod) {
		return {
			kind: 'cors',
			message: endingSession
				? 'DELETE is not allowed, so the session could not be ended on the server (CORS: Access-Control-Allow-Methods lacks DELETE).'
				: `The server at ${where} allowed this origin but does not allow the method ${d.refusedMethod} (CORS).`,
			hints: [`Access-Control-Allow-Methods: ${CORS_ALLOW_METHODS.join(', ')}`]
		};
	}
	return undefined;
}

/** Runs the targeted probes after a CORS failure and returns the precise problem, or the one given. */
export async function explainBlockedRequest(
	problem: Problem,
	failed: HttpEntry | undefined,
	url: URL,
	fetch: Fetcher,
	endingSession = false
): Promise<Problem> {
	if (problem.kind !== 'cors' || !failed) return problem;
	try {
		return (
			describeBlocked(await diagnoseBlockedRequest(failed, url, fetch), url, endingSession) ??
			problem
		);
	} catch {
		return problem;
	}
}
