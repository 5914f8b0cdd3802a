/**
 * The one place that turns any failure of a connection or a request into a Problem: what
 * happened, in words a person can act on. Loaded with the session code (connect.ts, session.ts),
 * not with the first screen.
 */
import type { HttpEntry } from './traffic.js';
import { maskUrl } from './secrets.js';
import { explainBodyMismatch, isBodyReadError } from './body-mismatch.js';
import { explainHttpRefusal } from './http-refusals.js';
import { codeLoadProblem, isCodeLoadError } from './code-load.js';
import { addressSpace, isLessPublic, isLoopbackHost, type AddressSpace } from './url-safety.js';
import type { LocalNetworkPermission } from './local-network.js';
import { connectionLimitHint } from './workspace/connection-limit.js';
import { crossOriginEndpoint, isRedirectRefusal, readSchemaIssues } from './sdk-refusals.js';
import { corsHints, isNetworkError, ProblemError, truncate, type Problem } from './errors.js';

export interface ExplainContext {
	url: URL;
	/** The page's origin, for CORS advice. */
	origin?: string;
	/** The page's protocol, to spot mixed content. */
	pageProtocol?: string;
	/** The last HTTP exchange of the failed attempt, if any. */
	lastHttp?: HttpEntry;
	/** Result of a no-cors probe: true when the server answered at all. */
	reachable?: boolean;
	/** What Loupe was doing, e.g. "connecting" or "tools/call". */
	action?: string;
	/** What the browser says of this page's Local Network Access permission for the server's address space (local-network.ts). */
	localNetworkAccess?: LocalNetworkPermission;
	/** URLs of the other servers connected in this tab: enough of them on one host use up the browser's connections to it. */
	connectedElsewhere?: string[];
}

/** The last exchange never got a response: a network-level failure, whatever the SDK wrapped it in. */
function failedWithoutResponse(http: HttpEntry | undefined): boolean {
	return (
		!!http && http.status === undefined && http.error !== undefined && !/abort/i.test(http.error)
	);
}

interface ErrorLike {
	name?: string;
	message?: string;
	code?: unknown;
	status?: number;
	data?: unknown;
	/** OAuthFlowError: an endpoint did not let this page read its answer (CORS). */
	cors?: unknown;
}

/** The one place that turns any failure into a Problem. */
export function explainError(error: unknown, ctx: ExplainContext): Problem {
	if (error instanceof ProblemError) return error.problem;
	const e = (error && typeof error === 'object' ? error : { message: String(error) }) as ErrorLike;
	const where = maskUrl(ctx.url.href);
	const lastStatus = ctx.lastHttp?.status;
	// The SDK's SseError carries the HTTP status in `code` (and the stream's ErrorEvent in `event`).
	const sseStatus =
		'event' in e && typeof e.code === 'number' && e.code >= 100 && e.code < 600
			? e.code
			: undefined;
	const status =
		typeof e.status === 'number'
			? e.status
			: (sseStatus ?? (lastStatus !== undefined && lastStatus >= 400 ? lastStatus : undefined));

	// Loupe's own code, not the server: "Failed to fetch dynamically imported module" after a redeploy.
	if (isCodeLoadError(error)) return codeLoadProblem(ctx.action);

	// OAuth (src/lib/core/oauth): recognised by name, so this module does not load the OAuth code.
	if (e.name === 'SignInRequiredError') {
		return {
			kind: 'auth',
			oauth: 'sign-in-required',
			// The server answered and asked for a sign-in: nothing CORS or the network kept back.
			corsMayExplain: false,
			message: `Sign-in required: the server at ${where} asks for an OAuth access token.`,
			hints: ["Sign in to let Loupe get a token from the server's authorization server."]
		};
	}
	if (e.name === 'OAuthFlowError') {
		return {
			kind: 'auth',
			oauth: 'flow-failed',
			corsMayExplain: e.cors === true,
			message: `Sign-in failed: ${e.message ?? ''}`,
			hints: []
		};
	}

	// A JSON-RPC error from the server says what went wrong itself, whatever its wording.
	if (typeof e.code === 'number' && sseStatus === undefined) {
		return {
			kind: 'protocol',
			// The SDK's errors start "MCP error <code>: "; the sentence already names the code once.
			message: `The server returned JSON-RPC error ${e.code}: ${truncate((e.message ?? '').replace(/^MCP error -?\d+:\s*/, ''), 300)}`,
			hints: []
		};
	}

	if (
		e.code === 'REQUEST_TIMEOUT' ||
		(e.code === undefined && /timed out/i.test(e.message ?? ''))
	) {
		const what = ctx.action ? `the ${ctx.action} request` : 'a request';
		const crowded = connectionLimitHint(ctx.url.href, ctx.connectedElsewhere ?? []);
		return {
			kind: 'timeout',
			message: `The server did not answer ${what} in time (${e.message ?? 'timeout'}).`,
			hints: [
				...(crowded ? [crowded] : []),
				'Check that the server is not stuck, or raise the request timeout.'
			]
		};
	}

	if ((isNetworkError(error) || failedWithoutResponse(ctx.lastHttp)) && status === undefined) {
		const lna = ctx.reachable ? undefined : localNetworkBlock(ctx, where);
		if (lna) return lna;
		// A granted LNA permission also lets an https page call plain http on the local network.
		const relaxed =
			ctx.localNetworkAccess === 'granted' && addressSpace(ctx.url.hostname) === 'local';
		if (
			ctx.pageProtocol === 'https:' &&
			ctx.url.protocol === 'http:' &&
			!isLoopbackHost(ctx.url.hostname) &&
			!relaxed
		) {
			return {
				kind: 'mixed-content',
				message: `This page is served over https, so the browser blocks requests to the plain-http server ${where}.`,
				hints: ['Serve the MCP server over https, or open Loupe from http://localhost.']
			};
		}
		if (ctx.reachable) {
			return {
				kind: 'cors',
				message: `The server at ${where} is up, but it does not allow requests from this page's origin (CORS).`,
				hints: corsHints(ctx.origin ?? 'this origin')
			};
		}
		return {
			kind: 'unreachable',
			message: `Could not reach ${where}: nothing answered. Check the URL, and that the server is running and reachable from this browser.`,
			hints: [
				'If the server is on another machine, check firewalls and VPNs.',
				'If it does answer elsewhere, it may also refuse this origin (CORS).'
			]
		};
	}

	// A body that is not what it claims (not JSON, a web page, plain text): say what came instead.
	if (isBodyReadError(error)) {
		const mismatch = explainBodyMismatch(ctx.lastHttp, ctx.action);
		if (mismatch) return mismatch;
	}

	if (status !== undefined && status >= 400)
		return explainHttpRefusal(status, e.data, {
			where,
			lastHttp: ctx.lastHttp,
			action: ctx.action,
			origin: ctx.origin
		});

	if (/unexpected content type:?\s*text\/html/i.test(e.message ?? '')) {
		return {
			kind: 'http',
			message: `${where} answers with a web page (text/html), not an MCP endpoint.`,
			hints: [
				'Check the path: MCP servers usually live at /mcp (Streamable HTTP) or /sse (legacy SSE).'
			]
		};
	}

	if (isRedirectRefusal(e.message ?? '')) {
		return {
			kind: 'protocol',
			message: `The server answered ${ctx.action ?? 'the request'} with a redirect, which Loupe does not follow: a redirect could take the request, and its headers, to another address.`,
			hints: [
				'Open the server URL in a browser tab to see where it leads, and connect to that address if you trust it.'
			]
		};
	}
	const elsewhere = crossOriginEndpoint(e.message ?? '');
	if (elsewhere !== undefined) {
		return {
			kind: 'protocol',
			message: `The legacy SSE server named a messages endpoint on another origin (${elsewhere && elsewhere !== 'null' ? elsewhere : 'not a web address'}); Loupe sends messages only to the origin it connected to.`,
			hints: [
				'The endpoint event must name a URL with the same scheme, host and port as the SSE URL.'
			]
		};
	}

	const invalid = readSchemaIssues(e.message ?? '');
	if (invalid) {
		return {
			kind: 'protocol',
			message:
				invalid.what === 'message'
					? `A message from the server${ctx.action ? ` during ${ctx.action}` : ''} is not a valid JSON-RPC message, so the SDK refused it.`
					: `The server's ${invalid.what} does not follow the MCP schema, so the SDK refused it.`,
			hints: [
				...invalid.issues.slice(0, 8),
				'Traffic shows the message exactly as the server sent it.'
			]
		};
	}

	if (e.code === 'CONNECTION_CLOSED' || /connection closed/i.test(e.message ?? '')) {
		return {
			kind: 'closed',
			message: 'The connection to the server was closed.',
			hints: ['Connect again.']
		};
	}

	// Never a raw exception text on its own: say what Loupe was doing, then what it was told.
	return {
		kind: 'unknown',
		message: `Something unexpected went wrong${ctx.action ? ` during ${ctx.action}` : ''}${e.message ? `: ${truncate(e.message, 300)}` : '.'}`,
		hints: ['Traffic shows every exchange with the server, exactly as it happened.']
	};
}

/**
 * Local Network Access (Chromium 142+): a page in a more public address space than the server
 * (a public site reaching this computer or the local network) needs the person's permission, and
 * a refusal fails like "unreachable". Said when the server's space is less public than the page's
 * (a page host name other than localhost counts as public) and the browser did not say the
 * permission was granted or does not exist.
 */
function localNetworkBlock(ctx: ExplainContext, where: string): Problem | undefined {
	const target = addressSpace(ctx.url.hostname);
	let page: AddressSpace | undefined;
	try {
		if (ctx.origin) page = addressSpace(new URL(ctx.origin).hostname) ?? 'public';
	} catch {
		// An opaque or odd origin: nothing to compare.
	}
	if (!target || !page || !isLessPublic(target, page)) return undefined;
	if (ctx.localNetworkAccess === 'granted' || ctx.localNetworkAccess === 'unsupported')
		return undefined;
	const place = target === 'loopback' ? 'on this computer' : 'on your local network';
	if (ctx.pageProtocol !== 'https:') {
		return {
			kind: 'local-network',
			message: `The browser blocked the request to ${where}: the server is ${place}, and this page, served over plain http from another address, may not reach it (Local Network Access).`,
			hints: [
				'Open Loupe from this computer (npm start, then http://localhost), or serve it over https and allow local network access.'
			]
		};
	}
	return {
		kind: 'local-network',
		message: `The browser did not let this page reach ${where}: the server is ${place}, and a site on the internet needs your permission for that (Local Network Access). The permission was refused, or this browser does not offer it here.`,
		hints: [
			'To allow it: open the site settings from the icon at the left of the address bar, set "Local network access" to Allow (newer Chrome versions list access to this computer as a permission of its own), then connect again.',
			'Or run Loupe on this computer (npm start) and open it from http://localhost.',
			'If you have allowed it already, check that the server is running at that address.'
		]
	};
}
