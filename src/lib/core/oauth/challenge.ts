/** Reading a `WWW-Authenticate: Bearer ...` challenge (RFC 6750, RFC 9728's resource_metadata). */

export interface BearerChallenge {
	/** resource_metadata (RFC 9728), as sent. */
	resourceMetadata?: string;
	scope?: string;
	error?: string;
	errorDescription?: string;
	realm?: string;
}

/**
 * Parses a WWW-Authenticate header value and returns the Bearer challenge's parameters, or
 * undefined when there is no Bearer challenge. Handles several challenges in one header,
 * quoted strings with escapes, and any case of the scheme and parameter names.
 */
export function parseWwwAuthenticate(
	header: string | null | undefined
): BearerChallenge | undefined {
	if (!header) return undefined;
	for (const challenge of splitChallenges(header)) {
		if (challenge.scheme.toLowerCase() !== 'bearer') continue;
		const p = challenge.params;
		return {
			resourceMetadata: p.resource_metadata,
			scope: p.scope,
			error: p.error,
			errorDescription: p.error_description,
			realm: p.realm
		};
	}
	return undefined;
}

interface Challenge {
	scheme: string;
	params: Record<string, string>;
}

function splitChallenges(header: string): Challenge[] {
	const challenges: Challenge[] = [];
	let i = 0;
	const n = header.length;
	const skipSpace = () => {
		while (i < n && /[\s,]/.test(header[i])) i++;
	};
	let current: Challenge | undefined;
	while (i < n) {
		skipSpace();
		const tokenStart = i;
		while (i < n && /[^\s,=]/.test(header[i])) i++;
		const token = header.slice(tokenStart, i);
		if (!token) {
			i++;
			continue;
		}
		let j = i;
		while (j < n && header[j] === ' ') j++;
		if (header[j] === '=' && current) {
			// auth-param: name=value (a token68 with trailing '=' is treated as a value-less param)
			i = j + 1;
			while (i < n && header[i] === ' ') i++;
			let value = '';
			if (header[i] === '"') {
				i++;
				while (i < n && header[i] !== '"') {
					if (header[i] === '\\' && i + 1 < n) i++;
					value += header[i];
					i++;
				}
				i++;
			} else {
				const valueStart = i;
				while (i < n && header[i] !== ',') i++;
				value = header.slice(valueStart, i).trim();
			}
			const name = token.toLowerCase();
			if (!(name in current.params)) current.params[name] = value;
		} else {
			current = { scheme: token, params: {} };
			challenges.push(current);
			i = j;
		}
	}
	return challenges;
}
