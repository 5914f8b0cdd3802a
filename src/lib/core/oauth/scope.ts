/** Which scope to ask for (MCP scope selection strategy, SEP-2207 offline_access). */

export function splitScope(scope: string | undefined): string[] {
	return scope ? scope.split(/\s+/).filter(Boolean) : [];
}

/**
 * The challenge's `scope`, else the resource's `scopes_supported`, else none. `offline_access`
 * is added only when the authorization server lists it (and it is not there already).
 */
export function selectScope(input: {
	challengeScope?: string;
	resourceScopes?: readonly string[];
	serverScopes?: readonly string[];
}): string | undefined {
	let scopes = splitScope(input.challengeScope);
	if (scopes.length === 0 && input.resourceScopes?.length)
		scopes = input.resourceScopes.filter((s) => typeof s === 'string' && s);
	if (scopes.length === 0) return undefined;
	if (input.serverScopes?.includes('offline_access') && !scopes.includes('offline_access'))
		scopes = [...scopes, 'offline_access'];
	return [...new Set(scopes)].join(' ');
}

/** The union of scopes, in first-seen order; undefined when empty. */
export function unionScopes(...scopes: (string | undefined)[]): string | undefined {
	const all = [...new Set(scopes.flatMap(splitScope))];
	return all.length ? all.join(' ') : undefined;
}
