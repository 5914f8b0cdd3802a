/**
 * Keeping secrets out of the traffic log, exports and messages: one set of rules for headers,
 * form bodies and URLs. Values are replaced, names are kept, so the log still says what was sent.
 */

const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|dpop)$|token|secret|password|api[-_]?key/i;
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

/** Masks a secret value, keeping an auth scheme ("Bearer") so the log still says what kind it was. */
export function maskSecret(value: string): string {
	const scheme = /^(Bearer|Basic|DPoP|Digest|Token)\s+/i.exec(value);
	return (scheme ? scheme[0] : '') + '••••••';
}

export function isSecretHeader(name: string): boolean {
	return SECRET_HEADER.test(name);
}

export function maskHeaders(headers: Headers, extraSecret: ReadonlySet<string> = new Set()): Record<string, string> {
	const out: Record<string, string> = {};
	headers.forEach((value, name) => {
		out[name] = isSecretHeader(name) || extraSecret.has(name.toLowerCase()) ? maskSecret(value) : value;
	});
	return out;
}

/** Masks secret fields of an application/x-www-form-urlencoded body; other text is returned as is. */
export function maskBody(body: string, contentType: string | null): string {
	if (!contentType?.includes('application/x-www-form-urlencoded')) return body;
	const params = new URLSearchParams(body);
	for (const key of [...params.keys()]) {
		if (SECRET_FORM_FIELD.has(key)) params.set(key, '••••••');
	}
	return params.toString();
}

/** The URL without its query values for secret-looking keys (tokens in query strings do happen). */
export function maskUrl(url: string): string {
	try {
		const parsed = new URL(url);
		let changed = false;
		for (const key of [...parsed.searchParams.keys()]) {
			if (SECRET_FORM_FIELD.has(key) || SECRET_QUERY_KEY.test(key)) {
				parsed.searchParams.set(key, '••••••');
				changed = true;
			}
		}
		return changed ? parsed.toString() : url;
	} catch {
		return url;
	}
}
