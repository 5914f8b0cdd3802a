/**
 * Local Network Access (LNA): when Loupe is served from a public site and the server is on this
 * computer or the local network, Chromium (142 and later) asks the person for permission first.
 *
 * Facts this module relies on (WICG Local Network Access, https://wicg.github.io/local-network-access/,
 * and MDN "Local network access" / Request.targetAddressSpace, checked 2026):
 * - Address spaces are "public", "local" and "loopback" (the IDL enum IPAddressSpace). Private
 *   Network Access, its predecessor, called them public, private and local; Chromium still takes
 *   'private' for 'local'. url-safety.ts classifies hosts into them.
 * - Permissions: "local-network" (public → local) and "loopback-network" (public or local →
 *   loopback); Chromium before 145 had one, "local-network-access", still accepted as an alias.
 *   The site settings call it "Local network access". Non-secure pages are always refused.
 * - A refused request fails like any network error (fetch rejects with a TypeError), so the
 *   explanation comes from the context: who asked, for what (explain-error.ts, kind 'local-network').
 * - `fetch(url, { targetAddressSpace: 'local' })` lets an https page call a plain-http server on
 *   the local network (the mixed-content check is relaxed once permission is granted); if the
 *   server turns out not to be local, the request fails. Loopback needs no such option (http to
 *   loopback is never mixed content), and https targets need none either.
 *
 * `browserFetch` is the one fetch Loupe reaches servers with (MCP traffic through the recorder,
 * OAuth, the reachability probe): it adds the option where it helps and the browser knows it.
 */
import { addressSpace, isLoopbackHost } from './url-safety.js';

export type LocalNetworkPermission = PermissionState | 'unsupported';

let privateSpaceName: string | null | undefined;

/**
 * What this browser's fetch calls the local-network address space: 'local' where it knows the
 * current names ('loopback' among them), 'private' under the old ones, null without the option.
 */
function localSpaceValue(): string | null {
	if (privateSpaceName !== undefined) return privateSpaceName;
	const reads = (value: string) => {
		try {
			return (
				(
					new Request('http://192.0.2.1/', { targetAddressSpace: value } as RequestInit) as {
						targetAddressSpace?: string;
					}
				).targetAddressSpace === value
			);
		} catch {
			return false;
		}
	};
	const known = typeof Request === 'function' && 'targetAddressSpace' in Request.prototype;
	privateSpaceName = !known
		? null
		: reads('loopback')
			? 'local'
			: reads('private')
				? 'private'
				: null;
	return privateSpaceName;
}

/**
 * Whether a request should declare the local address space: from an https page, to a plain-http
 * server that is not loopback and not a public IP address. Without the option such a request is
 * blocked as mixed content anyway; with it, it goes through if the server is local and allowed.
 */
export function declaresLocalSpace(url: URL, pageProtocol: string | undefined): boolean {
	return (
		pageProtocol === 'https:' &&
		url.protocol === 'http:' &&
		!isLoopbackHost(url.hostname) &&
		addressSpace(url.hostname) !== 'public'
	);
}

/** The init with `targetAddressSpace` added where `declaresLocalSpace` and the browser knows the option. */
export function withTargetAddressSpace(
	input: RequestInfo | URL,
	init: RequestInit | undefined,
	pageProtocol = globalThis.location?.protocol
): RequestInit | undefined {
	if (init && 'targetAddressSpace' in init) return init;
	let url: URL;
	try {
		url = new URL(
			typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
		);
	} catch {
		return init;
	}
	const value = declaresLocalSpace(url, pageProtocol) ? localSpaceValue() : null;
	return value ? ({ ...init, targetAddressSpace: value } as RequestInit) : init;
}

/** The fetch Loupe reaches servers with: the page's fetch, with the LNA option where it helps. */
export const browserFetch: typeof fetch = (input, init) =>
	globalThis.fetch(input, withTargetAddressSpace(input, init));

/**
 * Whether this page may reach `target`'s address space, as the browser's Permissions API says
 * ('unsupported': the browser has no LNA permission); undefined when the target's space is
 * public or unknown, or there is no Permissions API (Node).
 */
export async function localNetworkPermission(
	target: URL
): Promise<LocalNetworkPermission | undefined> {
	const space = addressSpace(target.hostname);
	const permissions = globalThis.navigator?.permissions;
	if (!permissions || (space !== 'loopback' && space !== 'local')) return undefined;
	for (const name of [
		space === 'loopback' ? 'loopback-network' : 'local-network',
		'local-network-access'
	]) {
		try {
			return (await permissions.query({ name } as unknown as PermissionDescriptor)).state;
		} catch {
			// Not a permission this browser knows: try the older name.
		}
	}
	return 'unsupported';
}
