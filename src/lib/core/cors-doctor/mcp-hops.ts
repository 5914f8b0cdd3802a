/**
 * Verdicts for the MCP endpoint's hops, deduced from recorded probe outcomes (pure: the probes
 * themselves run in doctor.ts). A browser tells a page only "answered" or "blocked", so each
 * verdict compares probes that differ in one thing: a request no browser preflights against
 * one that is (Allow-Origin against the preflight), one header against another, DELETE against
 * POST, an error answer against a successful one.
 */
import {
	CORS_ALLOW_HEADERS,
	CORS_ALLOW_METHODS,
	CORS_EXPOSE_HEADERS,
	CORS_EXPOSE_LINE
} from '../errors.js';
import { answered, ENDPOINT_EVENT, type ProbeOutcome } from './probe.js';
import type { HeaderProbe } from './probe-plan.js';
import { headerLines } from './snippets.js';
import { verdict, type CorsFix, type HopVerdict } from './verdicts.js';

/** What the doctor recommends for an MCP endpoint (the README's list, plus the person's custom headers). */
export const RECOMMENDED_METHODS = CORS_ALLOW_METHODS;
export const RECOMMENDED_ALLOW_HEADERS = CORS_ALLOW_HEADERS;
export const RECOMMENDED_EXPOSE_HEADERS = CORS_EXPOSE_HEADERS;

export interface McpEvidence {
	url: string;
	origin: string;
	/** The headers the preflight probes asked about (Loupe's own, and the custom ones). */
	headers: readonly HeaderProbe[];
	/** A POST no browser preflights (text/plain). */
	simplePost: ProbeOutcome;
	/** A GET no browser preflights. */
	simpleGet: ProbeOutcome;
	/** A POST with every header at once. */
	allHeaders?: ProbeOutcome;
	/** One probe per header (lower-case name), when the one with every header was blocked. */
	perHeader?: Record<string, ProbeOutcome>;
	initialize?: ProbeOutcome;
	/** notifications/initialized without a session id, when initialize's session id was not visible. */
	initializedWithoutSession?: ProbeOutcome;
	stream?: ProbeOutcome;
	/** DELETE with the same headers as `stream`. */
	del?: ProbeOutcome;
	/** The headers `stream` and `del` carried besides Accept (those the preflight allows). */
	sessionHeaders?: string[];
	/** DELETE with no header, when `del` was blocked: the method alone. */
	bareDelete?: ProbeOutcome;
	/** The session `stream` and `del` used was the check's own (not a made-up one). */
	ownSession?: boolean;
	/**
	 * A legacy HTTP+SSE server: the messages endpoint its stream named (`simpleGet`). Its POSTs
	 * (and `url`) are that endpoint's; it has no session header and no DELETE.
	 */
	messagesUrl?: string;
}

/** The messages endpoint a legacy HTTP+SSE stream named in its first event, else undefined. */
export function legacyMessagesUrl(get: ProbeOutcome, url: string): string | undefined {
	if (!answered(get) || get.status !== 200) return undefined;
	if (!(get.headers['content-type'] ?? '').toLowerCase().startsWith('text/event-stream'))
		return undefined;
	const data = ENDPOINT_EVENT.exec(get.body ?? '')?.[1]?.trim();
	if (!data || !URL.canParse(data, url)) return undefined;
	const messages = new URL(data, url);
	return messages.protocol === 'http:' || messages.protocol === 'https:'
		? messages.href
		: undefined;
}

/** The fix for the MCP endpoint: the recommended set, with the custom headers added. */
export function mcpFix(e: Pick<McpEvidence, 'url' | 'origin' | 'headers'>): CorsFix {
	const allow = [...RECOMMENDED_ALLOW_HEADERS];
	for (const h of e.headers)
		if (!allow.some((a) => a.toLowerCase() === h.name)) allow.push(h.display);
	return {
		url: e.url,
		origin: e.origin,
		methods: RECOMMENDED_METHODS,
		allowHeaders: allow,
		exposeHeaders: RECOMMENDED_EXPOSE_HEADERS
	};
}

function failure(e: McpEvidence, lines: string[], bridge: string): Partial<HopVerdict> {
	return { headerLines: lines, fix: mcpFix(e), bridge };
}

const statusOf = (o: ProbeOutcome | undefined) =>
	answered(o) ? `HTTP ${o.status}` : o?.kind === 'timeout' ? 'no answer in time' : 'blocked';

/** The headers the browser refused one by one; undefined when the one with every header passed. */
export function refusedHeaders(e: McpEvidence): HeaderProbe[] | undefined {
	if (answered(e.allHeaders) || !e.perHeader) return undefined;
	return e.headers.filter((h) => !answered(e.perHeader![h.name]));
}

/** The headers the preflight allows (all of them when the one with every header passed). */
export function allowedHeaders(e: McpEvidence): Set<string> {
	if (answered(e.allHeaders)) return new Set(e.headers.map((h) => h.name));
	return new Set(e.headers.filter((h) => answered(e.perHeader?.[h.name])).map((h) => h.name));
}

export function judgeAllowOrigin(e: McpEvidence, bridge: string): HopVerdict {
	const post = answered(e.simplePost);
	const get = answered(e.simpleGet);
	const line = [`Access-Control-Allow-Origin: ${e.origin} (on every answer, errors included)`];
	if (post && get) {
		return verdict(
			'allow-origin',
			'ok',
			`Answers carry Access-Control-Allow-Origin for ${e.origin}, errors included (${statusOf(e.simplePost)} to a POST, ${statusOf(e.simpleGet)} to a GET).`
		);
	}
	if (!post && !get) {
		if (answered(e.initialize) && e.initialize.status < 400) {
			return verdict(
				'allow-origin',
				'failed',
				`Only successful answers carry Access-Control-Allow-Origin: error answers (4xx) have none, so the browser hides every error from this page.`,
				failure(e, line, bridge)
			);
		}
		return verdict(
			'allow-origin',
			'failed',
			`The server answers, but no answer carries Access-Control-Allow-Origin for ${e.origin}: the browser keeps every answer from this page.`,
			failure(e, line, bridge)
		);
	}
	const which = post ? 'GET' : 'POST';
	return verdict(
		'allow-origin',
		'failed',
		`Answers to ${which} carry no Access-Control-Allow-Origin for ${e.origin} (answers to ${post ? 'POST' : 'GET'} do).`,
		failure(e, line, bridge)
	);
}

export function judgePreflight(e: McpEvidence, bridge: string): HopVerdict {
	const names = e.headers.map((h) => h.display).join(', ');
	if (answered(e.allHeaders)) {
		return verdict('preflight', 'ok', `The preflight for a POST with ${names} is allowed.`);
	}
	if (!answered(e.simplePost)) {
		return verdict(
			'preflight',
			'skipped',
			'Not judged: answers to POST carry no Access-Control-Allow-Origin, so every preflighted request fails whatever the preflight says (see Allow-Origin).'
		);
	}
	const refused = refusedHeaders(e) ?? [];
	const fix = mcpFix(e);
	if (refused.length === e.headers.length) {
		return verdict(
			'preflight',
			'failed',
			`The server allowed this origin but refused the preflight itself (OPTIONS): it must answer with a 2xx status, Access-Control-Allow-Origin, Access-Control-Allow-Methods and Access-Control-Allow-Headers.`,
			failure(
				e,
				headerLines(fix).filter((l) => !l.startsWith('Access-Control-Expose')),
				bridge
			)
		);
	}
	if (refused.length === 0) {
		return verdict(
			'preflight',
			'failed',
			`The server allowed this origin and each of ${names} on its own, but refused the preflight asking for all of them at once.`,
			failure(e, [`Access-Control-Allow-Headers: ${fix.allowHeaders.join(', ')}`], bridge)
		);
	}
	const list = refused.map((h) => h.name).join(', ');
	return verdict(
		'preflight',
		'failed',
		`The server allowed this origin but refused the request header${refused.length > 1 ? 's' : ''} ${list}: Access-Control-Allow-Headers must list ${refused.length > 1 ? 'them' : 'it'}.`,
		failure(e, [`Access-Control-Allow-Headers: ${fix.allowHeaders.join(', ')}`], bridge)
	);
}

/** The session id the page could read from initialize's answer. */
export function visibleSessionId(e: McpEvidence): string | undefined {
	return answered(e.initialize) ? e.initialize.headers['mcp-session-id'] : undefined;
}

export function judgeExposeHeaders(e: McpEvidence, bridge: string): HopVerdict {
	const outcomes = [
		e.simplePost,
		e.simpleGet,
		e.allHeaders,
		e.initialize,
		e.stream,
		e.del,
		...Object.values(e.perHeader ?? {})
	];
	const challenge = outcomes.find((o) => answered(o) && o.status === 401);
	const authHidden = answered(challenge) && challenge.headers['www-authenticate'] === undefined;
	const notes: string[] = [];
	let sessionHidden = false;
	if (answered(e.initialize) && e.initialize.status < 300) {
		if (visibleSessionId(e)) notes.push('Mcp-Session-Id is readable on the answer to initialize');
		else if (answered(e.initializedWithoutSession) && e.initializedWithoutSession.status >= 400) {
			sessionHidden = true;
		} else {
			notes.push(
				'the server keeps no session (it took the next message without Mcp-Session-Id), so there is no session id to read'
			);
		}
		if (e.initialize.headers['mcp-protocol-version'])
			notes.push('MCP-Protocol-Version is readable');
	}
	if (answered(challenge) && !authHidden) notes.push('WWW-Authenticate is readable on a 401');
	if (e.messagesUrl)
		notes.unshift(
			'a legacy HTTP+SSE server keeps its session in the messages URL, so no session header needs to be readable'
		);
	const line = [CORS_EXPOSE_LINE];
	if (sessionHidden) {
		const also = authHidden
			? ' The WWW-Authenticate header of a 401 is hidden too (or missing).'
			: '';
		return verdict(
			'expose-headers',
			'failed',
			`The server started a session, but its session id (Mcp-Session-Id) is hidden from this page: the next message without it was refused (${statusOf(e.initializedWithoutSession)}).${also} The check's own session stays open on the server until it expires.`,
			failure(e, line, bridge)
		);
	}
	if (authHidden) {
		return verdict(
			'expose-headers',
			'failed',
			`A 401 answer's WWW-Authenticate header is hidden from this page (or missing): sign-in cannot read the server's challenge.`,
			failure(e, line, bridge)
		);
	}
	if (answered(e.initialize) && e.initialize.status === 401) {
		notes.push(
			'Mcp-Session-Id was not checked: the server wants sign-in first, and a check never sends credentials'
		);
	}
	if (!notes.length) {
		const why = answered(e.initialize)
			? `the server refused initialize (HTTP ${e.initialize.status}), so no answer showed which headers it exposes`
			: 'no answer could be read';
		return verdict('expose-headers', 'skipped', `Not judged: ${why}.`);
	}
	return verdict('expose-headers', 'ok', `${capitalize(notes.join('; '))}.`);
}

export function judgeStream(e: McpEvidence, bridge: string): HopVerdict {
	if (e.messagesUrl)
		return verdict(
			'get-stream',
			'ok',
			`The server opened its event stream (legacy HTTP+SSE) and named its messages endpoint ${e.messagesUrl}; the other checks POST there.`
		);
	const s = e.stream;
	if (answered(s)) {
		const what =
			s.status === 200
				? `The server opened the event stream${e.ownSession ? " for the check's session" : ''} (closed again at once)`
				: s.status === 405
					? 'Allowed; the server offers no GET stream (HTTP 405), which the spec permits'
					: `Allowed (HTTP ${s.status} to ${e.ownSession ? "the check's session" : 'a made-up session id'})`;
		return verdict('get-stream', 'ok', `${what}.`);
	}
	if (!s) return verdict('get-stream', 'skipped', 'Not checked.');
	if (!answered(e.simpleGet)) {
		return verdict(
			'get-stream',
			'failed',
			`Answers to GET carry no Access-Control-Allow-Origin, so the event stream Loupe opens with GET is hidden from this page.`,
			failure(
				e,
				[`Access-Control-Allow-Origin: ${e.origin} (on the GET stream's answer too)`],
				bridge
			)
		);
	}
	return verdict(
		'get-stream',
		'failed',
		`The server allowed this origin but refused the preflight for the GET stream (with ${withHeaders(e)}).`,
		failure(e, [`Access-Control-Allow-Headers: ${mcpFix(e).allowHeaders.join(', ')}`], bridge)
	);
}

export function judgeDelete(e: McpEvidence, bridge: string): HopVerdict {
	if (e.messagesUrl)
		return verdict(
			'delete',
			'skipped',
			'Not needed: the legacy HTTP+SSE transport has no DELETE; closing the stream ends the session.'
		);
	const d = e.del;
	if (answered(d)) {
		const what =
			d.status === 405
				? 'Allowed; the server does not let clients end sessions (HTTP 405), which the spec permits'
				: e.ownSession && d.status < 300
					? `Allowed: the check ended its own session (HTTP ${d.status})`
					: `Allowed (HTTP ${d.status} to a made-up session id)`;
		return verdict('delete', 'ok', `${what}.`);
	}
	if (!d) return verdict('delete', 'skipped', 'Not checked.');
	const left = e.ownSession
		? " The check's own session stays open on the server until it expires."
		: '';
	if (!answered(e.simplePost)) {
		return verdict(
			'delete',
			'skipped',
			`Not judged: answers carry no Access-Control-Allow-Origin (see Allow-Origin).${left}`
		);
	}
	if (!answered(e.bareDelete)) {
		return verdict(
			'delete',
			'failed',
			`DELETE is not allowed, so Loupe cannot end a session on the server when it disconnects: Access-Control-Allow-Methods must list DELETE.${left}`,
			failure(e, [`Access-Control-Allow-Methods: ${RECOMMENDED_METHODS.join(', ')}`], bridge)
		);
	}
	return verdict(
		'delete',
		'failed',
		`DELETE alone is allowed, but not with ${withHeaders(e)}.${left}`,
		failure(e, [`Access-Control-Allow-Headers: ${mcpFix(e).allowHeaders.join(', ')}`], bridge)
	);
}

function withHeaders(e: McpEvidence): string {
	return e.sessionHeaders?.length ? e.sessionHeaders.join(', ') : 'no other header';
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
