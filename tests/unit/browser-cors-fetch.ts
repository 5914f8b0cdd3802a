/**
 * For unit tests in Node, where fetch ignores CORS: a fetch that applies the browser's CORS
 * rules (the Fetch standard's CORS protocol) to a real server, as a page at `origin` would see
 * it. A request that is not "simple" is preceded by an OPTIONS preflight asking for its method
 * and non-safelisted headers; a refused preflight, or an answer without a matching
 * Access-Control-Allow-Origin, rejects with TypeError("Failed to fetch"); the response shows
 * only the safelisted and exposed headers. (The doctor's real probing is tested in Chromium.)
 */
import { SAFELISTED_RESPONSE_HEADERS } from '../../src/lib/core/exposed-headers';
import { isSafelisted, isSimpleContentType } from '../../src/lib/core/cors-doctor/probe-plan';

function needsAllowance(name: string, value: string): boolean {
	if (name === 'content-type') return !isSimpleContentType(value);
	return !isSafelisted(name);
}

const list = (value: string | null) =>
	(value ?? '')
		.split(',')
		.map((v) => v.trim().toLowerCase())
		.filter(Boolean);

function allowsOrigin(response: Response, origin: string): boolean {
	const allowed = response.headers.get('access-control-allow-origin');
	return allowed === '*' || allowed === origin;
}

const refused = () => new TypeError('Failed to fetch');

export function browserCorsFetch(origin: string): typeof fetch {
	return async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
		const url = new URL(input instanceof Request ? input.url : String(input));
		const method = (init.method ?? 'GET').toUpperCase();
		const headers = new Headers(init.headers);
		if (init.mode === 'no-cors') {
			await fetch(url, { method, signal: init.signal });
			return new Response(null, { status: 200 });
		}
		const unsafe = [...headers.entries()]
			.filter(([name, value]) => needsAllowance(name, value))
			.map(([name]) => name)
			.sort();
		if (!['GET', 'HEAD', 'POST'].includes(method) || unsafe.length) {
			const preflight = await fetch(url, {
				method: 'OPTIONS',
				headers: {
					origin,
					'access-control-request-method': method,
					...(unsafe.length ? { 'access-control-request-headers': unsafe.join(',') } : {})
				},
				signal: init.signal
			});
			await preflight.arrayBuffer();
			if (preflight.status < 200 || preflight.status > 299 || !allowsOrigin(preflight, origin))
				throw refused();
			const methods = list(preflight.headers.get('access-control-allow-methods'));
			if (
				!['GET', 'HEAD', 'POST'].includes(method) &&
				!methods.includes(method.toLowerCase()) &&
				!methods.includes('*')
			)
				throw refused();
			const allowed = list(preflight.headers.get('access-control-allow-headers'));
			if (
				unsafe.some(
					(name) => !allowed.includes(name) && !(allowed.includes('*') && name !== 'authorization')
				)
			)
				throw refused();
		}
		headers.set('origin', origin);
		const response = await fetch(url, { method, headers, body: init.body, signal: init.signal });
		if (!allowsOrigin(response, origin)) {
			await response.body?.cancel();
			throw refused();
		}
		const exposed = list(response.headers.get('access-control-expose-headers'));
		const visible = new Headers();
		response.headers.forEach((value, name) => {
			if (SAFELISTED_RESPONSE_HEADERS.has(name) || exposed.includes(name) || exposed.includes('*'))
				visible.set(name, value);
		});
		const nullBody = [101, 204, 205, 304].includes(response.status);
		return new Response(nullBody ? null : response.body, {
			status: response.status,
			statusText: response.statusText,
			headers: visible
		});
	};
}
