/** Where metadata is looked for, in the order the MCP authorization spec gives (pure). */

/**
 * Protected Resource Metadata (RFC 9728) candidates: the challenge's resource_metadata URL,
 * else the path-aware well-known URI, else the root one.
 */
export function resourceMetadataUrls(serverUrl: URL, resourceMetadata?: string): string[] {
	const urls: string[] = [];
	if (resourceMetadata) {
		try {
			urls.push(new URL(resourceMetadata, serverUrl).href);
		} catch {
			// An unparseable hint is skipped; the well-known locations follow.
		}
	}
	const path = serverUrl.pathname.replace(/\/+$/, '');
	if (path) urls.push(`${serverUrl.origin}/.well-known/oauth-protected-resource${path}`);
	urls.push(`${serverUrl.origin}/.well-known/oauth-protected-resource`);
	return [...new Set(urls)];
}

/**
 * Authorization server metadata candidates for an issuer: RFC 8414 and OpenID Connect
 * Discovery, with path insertion first, as the MCP spec orders them.
 */
export function serverMetadataUrls(issuer: string): string[] {
	const url = new URL(issuer);
	const path = url.pathname.replace(/\/+$/, '');
	if (!path) {
		return [
			`${url.origin}/.well-known/oauth-authorization-server`,
			`${url.origin}/.well-known/openid-configuration`
		];
	}
	return [
		`${url.origin}/.well-known/oauth-authorization-server${path}`,
		`${url.origin}/.well-known/openid-configuration${path}`,
		`${url.origin}${path}/.well-known/openid-configuration`
	];
}

/**
 * Whether the resource named in Protected Resource Metadata covers the server URL: same origin,
 * and its path is the server's path or a parent of it (segment-wise).
 */
export function resourceMatches(resource: string, serverUrl: URL): boolean {
	let r: URL;
	try {
		r = new URL(resource);
	} catch {
		return false;
	}
	if (r.origin !== serverUrl.origin) return false;
	const rp = r.pathname.replace(/\/+$/, '');
	const sp = serverUrl.pathname.replace(/\/+$/, '');
	return sp === rp || sp.startsWith(`${rp}/`);
}

/** The server URL as a resource indicator (RFC 8707): no fragment. */
export function canonicalResource(serverUrl: URL): string {
	const u = new URL(serverUrl.href);
	u.hash = '';
	return u.href;
}
