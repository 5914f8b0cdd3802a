/**
 * Keeping secrets out of the traffic log, exports and messages: one set of rules for headers,
 * form bodies and URLs. Values are replaced, names are kept, so the log still says what was sent.
 */

/** What a secret is replaced with wherever Loupe shows or writes it. */
export const MASK = '••••••';

const SECRET_HEADER =
	/^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|dpop)$|token|secret|password|api[-_]?key/i;
const SECRET_FORM_FIELD = new Set([
	'code',
	'code_verifier',
	'client_secret',
	'refresh_token',
	'access_token',
	'id_token',
	'password',
	'assertion',
	'client_assertion',
	'subject_token',
	'token'
]);

/** Query parameters that often carry credentials (`?api_key=`, `?sig=`, `?access_token=`…). */
const SECRET_QUERY_KEY = /token|secret|passw|key|sig|auth|credential/i;

/** An auth scheme before a credential ("Bearer "), kept when the credential is masked. */
const AUTH_SCHEME = /^(Bearer|Basic|DPoP|Digest|Token)\s+/i;

/** Masks a secret value, keeping an auth scheme ("Bearer") so the log still says what kind it was. */
export function maskSecret(value: string): string {
	const scheme = AUTH_SCHEME.exec(value);
	return (scheme ? scheme[0] : '') + MASK;
}

export function isSecretHeader(name: string): boolean {
	return SECRET_HEADER.test(name);
}

/** A secret header by its name, or one the person marked secret (`extraSecret`, lower case). */
const isSecretHeaderOf = (name: string, extraSecret: ReadonlySet<string>) =>
	isSecretHeader(name) || extraSecret.has(name.toLowerCase());

/**
 * The secret values among request headers (without an auth scheme such as "Bearer "), so that
 * the log can mask them wherever else they show up (a server echoing them). Not DPoP proofs:
 * each is new, and good for one request only.
 */
export function secretHeaderValues(
	headers: Headers,
	extraSecret: ReadonlySet<string> = new Set()
): string[] {
	const out: string[] = [];
	headers.forEach((value, name) => {
		if (name === 'dpop' || !isSecretHeaderOf(name, extraSecret)) return;
		const scheme = AUTH_SCHEME.exec(value);
		out.push(scheme ? value.slice(scheme[0].length) : value);
	});
	return out;
}

export function maskHeaders(
	headers: Headers,
	extraSecret: ReadonlySet<string> = new Set()
): Record<string, string> {
	const out: Record<string, string> = {};
	headers.forEach((value, name) => {
		out[name] = isSecretHeaderOf(name, extraSecret) ? maskSecret(value) : value;
	});
	return out;
}

/** Masks secret fields of an application/x-www-form-urlencoded body; other text is returned as is. */
export function maskBody(body: string, contentType: string | null): string {
	if (!contentType?.includes('application/x-www-form-urlencoded')) return body;
	const params = new URLSearchParams(body);
	for (const key of [...params.keys()]) {
		if (SECRET_FORM_FIELD.has(key)) params.set(key, MASK);
	}
	return params.toString();
}

/** The URL with the values of secret-looking query parameters replaced (kept readable, not %-encoded). */
export function maskUrl(url: string): string {
	const q = url.indexOf('?');
	if (q === -1) return url;
	const hash = url.indexOf('#', q);
	const query = url.slice(q + 1, hash === -1 ? undefined : hash);
	let changed = false;
	const parts = query.split('&').map((part) => {
		const eq = part.indexOf('=');
		if (eq === -1) return part;
		let key = part.slice(0, eq);
		try {
			key = decodeURIComponent(key.replace(/\+/g, ' '));
		} catch {
			// Keep the raw key.
		}
		if (!SECRET_FORM_FIELD.has(key) && !SECRET_QUERY_KEY.test(key)) return part;
		changed = true;
		return `${part.slice(0, eq)}=${MASK}`;
	});
	return changed
		? `${url.slice(0, q + 1)}${parts.join('&')}${hash === -1 ? '' : url.slice(hash)}`
		: url;
}

/** JSON fields that carry credentials in OAuth responses (tokens, client secrets, codes). */
const SECRET_JSON_FIELD = new Set([
	...SECRET_FORM_FIELD,
	'registration_access_token',
	'device_code'
]);

/**
 * Masks credential fields (access/refresh/id tokens, client_secret, codes…) anywhere in a JSON
 * text; other text is returned as is. Form bodies go through `maskBody`.
 */
export function maskJsonBody(body: string): string {
	let value: unknown;
	try {
		value = JSON.parse(body);
	} catch {
		return body;
	}
	let changed = false;
	const walk = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.map(walk);
		if (v && typeof v === 'object') {
			const out: Record<string, unknown> = {};
			for (const [k, inner] of Object.entries(v)) {
				if (SECRET_JSON_FIELD.has(k) && inner !== null && inner !== undefined) {
					out[k] = MASK;
					changed = true;
				} else out[k] = walk(inner);
			}
			return out;
		}
		return v;
	};
	const masked = walk(value);
	return changed ? JSON.stringify(masked) : body;
}
