/**
 * One probe of the CORS doctor: a request the browser sends with CORS (mode 'cors', no
 * credentials, no cache), reduced to what a page can learn from it. A browser hides why a
 * cross-origin request failed (a refused preflight and a missing Allow-Origin both reject with
 * "Failed to fetch"), so an outcome is only "answered" (with the status and the headers the page
 * may read) or "blocked"; the doctor deduces the why from several such probes (deduce.ts).
 */

export type Fetcher = (input: string, init: RequestInit) => Promise<Response>;

export interface ProbeRequest {
	method: 'GET' | 'POST' | 'DELETE';
	url: string;
	headers: Record<string, string>;
	body?: string;
	/** Read the body as text (initialize, metadata); otherwise it is dropped unread. */
	readBody?: boolean;
	/** Stop reading the body after this long (a stream that may never send anything). */
	readMs?: number;
}

export type ProbeOutcome =
	| {
			kind: 'answered';
			status: number;
			/** The response headers this page may read (lower-case names): CORS hides the others. */
			headers: Record<string, string>;
			body?: string;
	  }
	/** fetch rejected: a CORS refusal, or a network failure (reachable tells them apart). */
	| { kind: 'blocked'; error: string }
	| { kind: 'timeout' };

/** A legacy HTTP+SSE stream's first event: where to POST messages. */
export const ENDPOINT_EVENT = /^event:[ \t]*endpoint\r?\ndata:[ \t]?([^\r\n]*)\r?\n/m;

/** Largest body a probe reads. */
const BODY_LIMIT = 64 * 1024;

export async function runProbe(
	fetcher: Fetcher,
	request: ProbeRequest,
	timeoutMs = 5000
): Promise<ProbeOutcome> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), timeoutMs);
	try {
		let response: Response;
		try {
			response = await fetcher(request.url, {
				method: request.method,
				headers: request.headers,
				body: request.body,
				mode: 'cors',
				credentials: 'omit',
				cache: 'no-store',
				signal: controller.signal
			});
		} catch (error) {
			if (controller.signal.aborted) return { kind: 'timeout' };
			return {
				kind: 'blocked',
				error: error instanceof Error ? `${error.name}: ${error.message}` : String(error)
			};
		}
		const headers: Record<string, string> = {};
		response.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
		let body: string | undefined;
		if (request.readBody && response.body) {
			const enough = request.readMs
				? setTimeout(() => controller.abort(), request.readMs)
				: undefined;
			body = await readText(response.body, controller.signal);
			clearTimeout(enough);
		} else void response.body?.cancel().catch(() => {});
		return { kind: 'answered', status: response.status, headers, body };
	} finally {
		clearTimeout(timer);
		controller.abort();
	}
}

/** The body's text up to the limit, or what arrived before the probe's time ran out. */
async function readText(stream: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<string> {
	const reader = stream.getReader();
	const decoder = new TextDecoder();
	let text = '';
	const stop = () => void reader.cancel().catch(() => {});
	signal.addEventListener('abort', stop, { once: true });
	try {
		while (text.length < BODY_LIMIT) {
			const { value, done } = await reader.read();
			if (done) break;
			text += decoder.decode(value, { stream: true });
			// An event stream answering initialize: the first complete message is enough.
			if (/^data:.*\n\n/m.test(text) && /"(result|error)"/.test(text)) break;
			// A legacy HTTP+SSE stream: the event naming the messages endpoint is enough.
			if (ENDPOINT_EVENT.test(text)) break;
		}
	} catch {
		// Cut short: what arrived is what there is.
	} finally {
		signal.removeEventListener('abort', stop);
		stop();
	}
	return text.slice(0, BODY_LIMIT);
}

export function answered(
	outcome: ProbeOutcome | undefined
): outcome is Extract<ProbeOutcome, { kind: 'answered' }> {
	return outcome?.kind === 'answered';
}

export function blocked(outcome: ProbeOutcome | undefined): boolean {
	return outcome !== undefined && outcome.kind !== 'answered';
}
