/**
 * The requests the CORS doctor sends, each chosen to create nothing and carry no credentials:
 * a `ping` with a made-up session id (every session-keeping server refuses it), header values
 * that are placeholders (never the token or the custom headers' real values), a registration
 * body that is not JSON, a token request with a grant type no server knows. The one exception
 * is `initialize`, the only request that shows the session id header: the doctor ends that
 * session with DELETE at once.
 */
import type { ProbeRequest } from './probe.js';

/** A session id no server has handed out: requests carrying it are refused without side effects. */
export const MADE_UP_SESSION = 'loupe-server-check-no-such-session';

/** What the doctor calls itself, in bodies and placeholder values. */
export const CHECK_NAME = 'loupe-server-check';

/** The protocol version the probes claim (the 2025 era's, which session-keeping servers speak). */
export const PROBE_PROTOCOL_VERSION = '2025-11-25';

/** A request header Loupe sends, as the preflight names it, with a placeholder value. */
export interface HeaderProbe {
	/** Lower-case, as browsers list it in Access-Control-Request-Headers. */
	name: string;
	/** As the Access-Control-Allow-Headers line spells it. */
	display: string;
	value: string;
}

export const MCP_HEADERS: readonly HeaderProbe[] = [
	{ name: 'content-type', display: 'Content-Type', value: 'application/json' },
	{ name: 'mcp-session-id', display: 'Mcp-Session-Id', value: MADE_UP_SESSION },
	{ name: 'mcp-protocol-version', display: 'MCP-Protocol-Version', value: PROBE_PROTOCOL_VERSION },
	{ name: 'mcp-method', display: 'Mcp-Method', value: 'ping' },
	{ name: 'mcp-name', display: 'Mcp-Name', value: CHECK_NAME },
	{ name: 'last-event-id', display: 'Last-Event-ID', value: '0' }
];

export const AUTHORIZATION: HeaderProbe = {
	name: 'authorization',
	display: 'Authorization',
	value: `Bearer ${CHECK_NAME}`
};

/**
 * The non-safelisted request headers Loupe sends to an MCP server: the MCP ones, Authorization
 * when a token is used, and the custom headers' names (their values stay out of every probe).
 */
export function headersToCheck(options: {
	authorization: boolean;
	customHeaders: readonly string[];
}): HeaderProbe[] {
	const out = [...MCP_HEADERS];
	if (options.authorization) out.splice(1, 0, AUTHORIZATION);
	const seen = new Set(out.map((h) => h.name));
	for (const raw of options.customHeaders) {
		const name = raw.trim().toLowerCase();
		if (!name || seen.has(name) || isSafelisted(name)) continue;
		seen.add(name);
		out.push({ name, display: raw.trim(), value: CHECK_NAME });
	}
	return out;
}

/** The probe for one header name, as a failed request carried it (its value replaced by a placeholder). */
export function headerProbe(name: string): HeaderProbe {
	const lower = name.toLowerCase();
	return (
		[...MCP_HEADERS, AUTHORIZATION].find((h) => h.name === lower) ?? {
			name: lower,
			display: name === lower ? capitalised(name) : name,
			value: CHECK_NAME
		}
	);
}

/** "Mcp-Param-Region" from "mcp-param-region": header names are case-insensitive; lines read better so. */
function capitalised(name: string): string {
	return name.replace(
		/(^|-)([a-z])/g,
		(_, dash: string, letter: string) => dash + letter.toUpperCase()
	);
}

/** Request headers a page may send without a preflight (with ordinary values). */
export function isSafelisted(name: string): boolean {
	return ['accept', 'accept-language', 'content-language'].includes(name.toLowerCase());
}

/** Content types a page may send without a preflight. */
export function isSimpleContentType(value: string): boolean {
	const type = value.split(';')[0].trim().toLowerCase();
	return (
		type === 'text/plain' ||
		type === 'application/x-www-form-urlencoded' ||
		type === 'multipart/form-data'
	);
}

const PING = JSON.stringify({ jsonrpc: '2.0', id: CHECK_NAME, method: 'ping' });
const ACCEPT_BOTH = 'application/json, text/event-stream';

/** A POST no browser preflights (text/plain): shows whether answers carry Allow-Origin. */
export function simplePost(url: string): ProbeRequest {
	return {
		method: 'POST',
		url,
		headers: { 'content-type': 'text/plain;charset=UTF-8', accept: ACCEPT_BOTH },
		body: PING
	};
}

/**
 * A GET no browser preflights: the same question for GET. Its first second is read: a legacy
 * HTTP+SSE server answers with a stream whose first event names its messages endpoint.
 */
export function simpleGet(url: string): ProbeRequest {
	return {
		method: 'GET',
		url,
		headers: { accept: 'text/event-stream' },
		readBody: true,
		readMs: 1000
	};
}

/**
 * A ping POST with the given headers (placeholders). Without Content-Type among them the body
 * goes as text/plain, so the preflight asks for exactly these headers and no other.
 */
export function postWith(url: string, headers: readonly HeaderProbe[]): ProbeRequest {
	const out: Record<string, string> = {
		accept: ACCEPT_BOTH,
		'content-type': 'text/plain;charset=UTF-8'
	};
	for (const h of headers) out[h.name] = h.value;
	return { method: 'POST', url, headers: out, body: PING };
}

/** A GET with the given headers (placeholders): one header's preflight for GET. */
export function getWith(url: string, headers: readonly HeaderProbe[]): ProbeRequest {
	const out: Record<string, string> = { accept: 'text/event-stream' };
	for (const h of headers) if (h.name !== 'content-type') out[h.name] = h.value;
	return { method: 'GET', url, headers: out };
}

/** The 2025 era's handshake: the only request whose answer carries Mcp-Session-Id. */
export function initialize(url: string): ProbeRequest {
	const body = JSON.stringify({
		jsonrpc: '2.0',
		id: CHECK_NAME,
		method: 'initialize',
		params: {
			protocolVersion: PROBE_PROTOCOL_VERSION,
			capabilities: {},
			clientInfo: { name: CHECK_NAME, version: '1.0.0' }
		}
	});
	return {
		method: 'POST',
		url,
		headers: { 'content-type': 'application/json', accept: ACCEPT_BOTH },
		body,
		readBody: true
	};
}

/** After an initialize whose session id the page could not see: does the server need one? */
export function initializedWithoutSession(url: string, protocolHeader: boolean): ProbeRequest {
	const headers: Record<string, string> = {
		'content-type': 'application/json',
		accept: ACCEPT_BOTH
	};
	if (protocolHeader) headers['mcp-protocol-version'] = PROBE_PROTOCOL_VERSION;
	return {
		method: 'POST',
		url,
		headers,
		body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }),
		readBody: true
	};
}

/** DELETE with no header at all: its preflight asks about the method only. */
export function bareDelete(url: string): ProbeRequest {
	return { method: 'DELETE', url, headers: {} };
}

/** A metadata document, as Loupe's OAuth client fetches it. */
export function metadata(url: string): ProbeRequest {
	return { method: 'GET', url, headers: { accept: 'application/json' }, readBody: true };
}

/** Registration with a body that is not JSON: preflighted like Loupe's, refused before anything is created. */
export function registration(url: string): ProbeRequest {
	return {
		method: 'POST',
		url,
		headers: { 'content-type': 'application/json', accept: 'application/json' },
		body: '{'
	};
}

/** The same, as a request no browser preflights: does the endpoint's answer carry Allow-Origin at all? */
export function simpleRegistration(url: string): ProbeRequest {
	return {
		method: 'POST',
		url,
		headers: { 'content-type': 'text/plain;charset=UTF-8' },
		body: '{'
	};
}

/**
 * A token request with a grant type no server knows, no client and no code: refused before
 * anything is issued. Shaped like Loupe's (a form POST, no preflight); with client-secret
 * authentication Loupe also sends Authorization (a placeholder here), which needs a preflight.
 */
export function token(url: string, basicAuth: boolean): ProbeRequest {
	const headers: Record<string, string> = {
		'content-type': 'application/x-www-form-urlencoded',
		accept: 'application/json'
	};
	if (basicAuth) headers.authorization = `Basic ${btoa(`${CHECK_NAME}:${CHECK_NAME}`)}`;
	return { method: 'POST', url, headers, body: `grant_type=${CHECK_NAME}` };
}
