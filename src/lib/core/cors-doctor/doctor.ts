/**
 * The CORS doctor: probes each hop a browser needs to use an MCP server (and its sign-in) from
 * this page, and deduces a verdict for each (mcp-hops.ts, oauth-hops.ts). Probes go one after
 * another where a later one depends on an earlier one, side by side otherwise; they carry no
 * credentials and create nothing, except the one `initialize` session, ended with DELETE.
 */
import { bridgeCommandFor } from '../bridge-command.js';
import { answered, runProbe, type Fetcher, type ProbeOutcome, type ProbeRequest } from './probe.js';
import * as plan from './probe-plan.js';
import {
	allowedHeaders,
	legacyMessagesUrl,
	judgeAllowOrigin,
	judgeDelete,
	judgeExposeHeaders,
	judgePreflight,
	judgeStream,
	visibleSessionId,
	type McpEvidence
} from './mcp-hops.js';
import {
	judgeRegistration,
	judgeResourceMetadata,
	judgeServerMetadata,
	judgeToken
} from './oauth-hops.js';
import { gatherOAuthEvidence } from './oauth-probes.js';
import { judgeRetryAfter } from './retry-after-hop.js';
import { HOPS, verdict, type HopVerdict } from './verdicts.js';

export interface DoctorOptions {
	url: URL;
	/** This page's origin: the one the server must allow. */
	origin: string;
	/** This Loupe's page (origin and base path), for the bridge command's --loupe. */
	loupePage?: string;
	/** A fetch the browser applies CORS to (in a page: the page's own). */
	fetch: Fetcher;
	/** Whether anything answers at a URL at all, CORS aside (a no-cors probe). */
	reachable: (url: URL) => Promise<boolean>;
	/** A bearer token is set: Authorization is among the headers checked. */
	authorization: boolean;
	/** Names of the custom headers in Settings (their values are never sent). */
	customHeaders: readonly string[];
	clientIdSet: boolean;
	clientSecretSet: boolean;
	timeoutMs?: number;
	/** Hears the verdicts so far, as they come. */
	onProgress?: (verdicts: readonly HopVerdict[]) => void;
}

export async function checkServer(o: DoctorOptions): Promise<HopVerdict[]> {
	const verdicts: HopVerdict[] = [];
	const add = (...more: HopVerdict[]) => {
		verdicts.push(...more);
		o.onProgress?.([...verdicts]);
	};
	const url = o.url.href;
	if (!(await o.reachable(o.url))) {
		add(
			verdict(
				'reachable',
				'failed',
				`Nothing answered at ${url}: check the URL, and that the server runs and can be reached from this browser.`
			)
		);
		for (const hop of HOPS.slice(1))
			add(verdict(hop.id, 'skipped', "Not checked: nothing answered at the server's address."));
		return verdicts;
	}
	add(
		verdict(
			'reachable',
			'ok',
			`Something answers at ${url} (a no-cors probe, which any server passes, CORS or not).`
		)
	);

	const evidence = await probeMcp(o);
	const bridge = bridgeCommandFor(url, o.loupePage);
	add(
		judgeAllowOrigin(evidence, bridge),
		judgePreflight(evidence, bridge),
		judgeExposeHeaders(evidence, bridge),
		judgeRetryAfter(evidence),
		judgeStream(evidence, bridge),
		judgeDelete(evidence, bridge)
	);

	const challenge = [evidence.simplePost, evidence.simpleGet, evidence.initialize].find(
		(p) => answered(p) && p.status === 401
	);
	const oauth = await gatherOAuthEvidence({ ...o, challenge });
	add(
		judgeResourceMetadata(oauth),
		judgeServerMetadata(oauth),
		judgeRegistration(oauth),
		judgeToken(oauth)
	);
	return verdicts;
}

/** The MCP endpoint's probes, each chosen from what the ones before showed. */
export async function probeMcp(o: DoctorOptions): Promise<McpEvidence> {
	const probe = (request: ProbeRequest): Promise<ProbeOutcome> =>
		runProbe(o.fetch, request, o.timeoutMs);
	const [firstPost, simpleGet] = await Promise.all([
		probe(plan.simplePost(o.url.href)),
		probe(plan.simpleGet(o.url.href))
	]);
	// A legacy HTTP+SSE server: what Loupe POSTs goes to the messages endpoint its stream named.
	const messagesUrl = legacyMessagesUrl(simpleGet, o.url.href);
	const url = messagesUrl ?? o.url.href;
	const simplePost = messagesUrl ? await probe(plan.simplePost(url)) : firstPost;
	const asksForAuth = [simplePost, simpleGet].some((p) => answered(p) && p.status === 401);
	const headers = plan.headersToCheck({
		authorization: o.authorization || asksForAuth,
		customHeaders: o.customHeaders
	});
	const e: McpEvidence = { url, origin: o.origin, headers, simplePost, simpleGet, messagesUrl };

	// One preflight for every header; one per header only when that one is refused.
	if (answered(simplePost)) {
		e.allHeaders = await probe(plan.postWith(url, headers));
		if (!answered(e.allHeaders)) {
			const outcomes = await Promise.all(headers.map((h) => probe(plan.postWith(url, [h]))));
			e.perHeader = Object.fromEntries(headers.map((h, i) => [h.name, outcomes[i]]));
		}
	}
	const allowed = allowedHeaders(e);
	// No initialize, stream or DELETE probes: the stream was the one above; there is no DELETE.
	if (messagesUrl) return e;

	// Only initialize shows a session id. Tried without a readable error answer too: a server
	// that allows the origin only on successful answers shows itself that way.
	if (allowed.has('content-type') || !answered(simplePost)) {
		e.initialize = await probe(plan.initialize(url));
		if (answered(e.initialize) && e.initialize.status < 300 && !visibleSessionId(e)) {
			e.initializedWithoutSession = await probe(
				plan.initializedWithoutSession(url, allowed.has('mcp-protocol-version'))
			);
		}
	}

	// The stream and DELETE, with the headers the preflight allows, so each is judged on its own.
	const session = visibleSessionId(e);
	e.ownSession = session !== undefined;
	const sessionHeaders: Record<string, string> = {};
	if (allowed.has('mcp-session-id') || session)
		sessionHeaders['mcp-session-id'] = session ?? plan.MADE_UP_SESSION;
	if (allowed.has('mcp-protocol-version'))
		sessionHeaders['mcp-protocol-version'] = plan.PROBE_PROTOCOL_VERSION;
	e.sessionHeaders = Object.keys(sessionHeaders).map(
		(n) => headers.find((h) => h.name === n)?.display ?? n
	);
	e.stream = await probe({
		method: 'GET',
		url,
		headers: { accept: 'text/event-stream', ...sessionHeaders }
	});
	e.del = await probe({ method: 'DELETE', url, headers: sessionHeaders });
	if (!answered(e.del)) e.bareDelete = await probe(plan.bareDelete(url));
	return e;
}
