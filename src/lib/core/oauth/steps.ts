/**
 * Recording the flow: each step gets a fetch that keeps its HTTP exchanges, masked (tokens,
 * codes, verifiers and client secrets never appear), and ends with a verdict.
 */
import { maskBody, maskHeaders, maskJsonBody, maskUrl } from '../secrets.js';
import { OAuthFlowError, type AuthExchange, type AuthStep, type AuthStepKind } from './types.js';

const BODY_LIMIT = 64 * 1024;

export interface StepDraft {
	readonly kind: AuthStepKind;
	readonly exchanges: AuthExchange[];
	/** A fetch whose exchanges are recorded into this step. */
	readonly fetch: typeof fetch;
	ok(verdict: string): AuthStep;
	fail(verdict: string): AuthStep;
	skip(verdict: string): AuthStep;
	/** Fails the step and throws the same sentence as an OAuthFlowError of this step (`cors`: a CORS refusal caused it). */
	fatal(verdict: string, cors?: boolean): never;
	/** Adds an exchange that did not go through `fetch` (the authorization redirect, the callback). */
	note(exchange: AuthExchange): void;
}

export class StepLog {
	#steps: AuthStep[] = [];
	#nextId = 1;

	constructor(
		private readonly baseFetch: () => typeof fetch,
		private readonly onStep?: (step: AuthStep) => void
	) {}

	get steps(): readonly AuthStep[] {
		return this.#steps;
	}

	begin(kind: AuthStepKind, title: string): StepDraft {
		const exchanges: AuthExchange[] = [];
		const at = Date.now();
		const finish = (status: AuthStep['status'], verdict: string): AuthStep => {
			const step: AuthStep = { id: this.#nextId++, kind, title, status, verdict, exchanges, at };
			this.#steps = [...this.#steps, step];
			this.onStep?.(step);
			return step;
		};
		return {
			kind,
			exchanges,
			fetch: recordingFetch(this.baseFetch(), exchanges),
			ok: (v) => finish('ok', v),
			fail: (v) => finish('failed', v),
			skip: (v) => finish('skipped', v),
			fatal: (v, cors = false) => {
				finish('failed', v);
				throw new OAuthFlowError(kind, v, cors);
			},
			note: (e) => void exchanges.push(e)
		};
	}
}

function recordingFetch(base: typeof fetch, exchanges: AuthExchange[]): typeof fetch {
	return async (input, init) => {
		const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		const headers = new Headers(
			init?.headers ?? (input instanceof Request ? input.headers : undefined)
		);
		const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
		const exchange: AuthExchange = {
			method: method.toUpperCase(),
			url: maskUrl(url),
			requestHeaders: maskHeaders(headers),
			responseHeaders: {}
		};
		if (typeof init?.body === 'string')
			exchange.requestBody = maskBody(init.body, headers.get('content-type'));
		else if (init?.body instanceof URLSearchParams)
			exchange.requestBody = maskBody(init.body.toString(), 'application/x-www-form-urlencoded');
		exchanges.push(exchange);
		try {
			const response = await base(input, init);
			exchange.status = response.status;
			exchange.responseHeaders = maskHeaders(response.headers);
			try {
				const text = await response.clone().text();
				const masked = maskResponseBody(text, response.headers.get('content-type'));
				exchange.responseBody =
					masked.length > BODY_LIMIT ? `${masked.slice(0, BODY_LIMIT)}…` : masked;
			} catch {
				// A body that cannot be read is left out.
			}
			return response;
		} catch (error) {
			exchange.error = error instanceof Error ? error.message : String(error);
			throw error;
		}
	};
}

function maskResponseBody(text: string, contentType: string | null): string {
	if (contentType?.includes('application/x-www-form-urlencoded'))
		return maskBody(text, contentType);
	return maskJsonBody(text);
}
