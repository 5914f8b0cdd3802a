/**
 * One rule for "this machine" and "the local network", used wherever Loupe decides whether a URL
 * from a server may be called or opened (OAuth endpoints, the sign-in window, elicitation links)
 * and whenever it explains why a request failed (mixed content, Local Network Access).
 *
 * Loopback (`isLoopbackHost`): the hosts a browser itself treats as this machine, and the only
 * ones where Loupe calls or opens plain http.
 * - The MCP authorization spec ("Communication Security", 2025-06-18 onwards) follows OAuth 2.1
 *   §1.5: authorization server endpoints over https, redirect URIs https or localhost. OAuth 2.1
 *   §8.4.2 and RFC 8252 §7.3 / §8.3 make loopback (127.0.0.1, [::1], localhost) the one place http
 *   is fine: the traffic never leaves the machine. Loupe applies that same exception, and no other,
 *   to every URL it calls or opens, so local test servers work and nothing else travels unencrypted.
 * - RFC 6761 §6.3: `localhost.` and every name under `.localhost.` are loopback names, resolved to
 *   loopback by the resolver itself; 127.0.0.0/8 is IPv4 loopback (RFC 1122 §3.2.1.3) and ::1 the
 *   IPv6 one (RFC 4291 §2.5.3).
 * - Browsers (W3C Secure Contexts §3.1, "potentially trustworthy origin"): 127.0.0.0/8, ::1, and
 *   `localhost` / `*.localhost` (with or without the trailing dot; Chromium and Firefox resolve
 *   those to loopback themselves) are potentially trustworthy, so an https page may call http on
 *   them without a mixed-content block. Not 0.0.0.0, not [::], not [::ffff:127.0.0.1] (an
 *   IPv4-mapped address is not ::1), not private ranges such as 10.x or 192.168.x.
 *
 * Address spaces (`addressSpace`): the Local Network Access spec's classification
 * (https://wicg.github.io/local-network-access/#ip-address-space-section, "Non-public IP address
 * blocks"), by which Chromium asks for permission when a page reaches a less public space:
 * `loopback` (127/8, ::1, and 0.0.0.0, ::, 198.18/15 per that table; localhost names), `local`
 * (10/8, 172.16/12, 192.168/16, 100.64/10, 169.254/16, 0/8, fc00::/7, fe80::/10, fec0::/10,
 * documentation prefixes; `.local` names), else `public`. IPv4-mapped IPv6 addresses take the space
 * of their IPv4 address. Host names other than these have no known space until DNS answers.
 *
 * Hosts are always read the way browsers read them, with WHATWG URL parsing (`new URL`): so
 * `http://localhost@evil.com` is evil.com, `127.1` and `0x7f.1` are 127.0.0.1, case is folded,
 * IDNs become punycode, and IPv6 comes back compressed in brackets. Nothing here parses URLs by hand.
 */

export type AddressSpace = 'loopback' | 'local' | 'public';

/**
 * A host as `URL.hostname` spells it (lower case, IPv6 in brackets), or undefined when it is not
 * a valid host. Accepts a bare IPv6 address too; anything with a port, user or path is refused
 * rather than read loosely.
 */
export function canonicalHost(hostname: string): string | undefined {
	const text = hostname.includes(':') && !hostname.startsWith('[') ? `[${hostname}]` : hostname;
	if (!text || /[/?#@\\\s]/.test(text)) return undefined;
	let parsed: URL;
	try {
		parsed = new URL(`http://${text}/`);
	} catch {
		return undefined;
	}
	if (parsed.port !== '' || parsed.username !== '' || parsed.pathname !== '/') return undefined;
	return parsed.hostname;
}

/** localhost, localhost., *.localhost, *.localhost. (RFC 6761 §6.3). Takes a canonical host. */
function isLocalhostName(host: string): boolean {
	const name = host.endsWith('.') ? host.slice(0, -1) : host;
	return name === 'localhost' || name.endsWith('.localhost');
}

/** The four numbers of a canonical IPv4 host (URL parsing already turned 127.1 into 127.0.0.1). */
function ipv4Octets(host: string): number[] | undefined {
	const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
	return match ? match.slice(1).map(Number) : undefined;
}

/** The eight 16-bit groups of a canonical bracketed IPv6 host (URL parsing writes hex groups only). */
function ipv6Groups(host: string): number[] | undefined {
	if (!host.startsWith('[') || !host.endsWith(']')) return undefined;
	const [head, tail, extra] = host.slice(1, -1).split('::');
	if (extra !== undefined) return undefined;
	const part = (s: string | undefined) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
	const left = part(head);
	const right = part(tail);
	const groups =
		tail === undefined
			? left
			: [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
	return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
		? groups
		: undefined;
}

/** Whether a host is this machine, by name or address: where plain http is allowed (see above). */
export function isLoopbackHost(hostname: string): boolean {
	const host = canonicalHost(hostname);
	if (host === undefined) return false;
	if (isLocalhostName(host)) return true;
	const v4 = ipv4Octets(host);
	if (v4) return v4[0] === 127;
	const v6 = ipv6Groups(host);
	return !!v6 && v6.slice(0, 7).every((g) => g === 0) && v6[7] === 1;
}

/** The one rule for URLs Loupe calls or opens: https anywhere, http only on a loopback host; no other scheme. */
export function isHttpsOrLoopbackHttp(url: URL): boolean {
	return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

function inV4(octets: number[], prefix: number[], bits: number): boolean {
	const value = (o: number[]) => ((o[0] << 24) | (o[1] << 16) | (o[2] << 8) | o[3]) >>> 0;
	const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
	return (value(octets) & mask) === (value(prefix) & mask);
}

function v4Space(o: number[]): AddressSpace {
	if (inV4(o, [127, 0, 0, 0], 8) || inV4(o, [0, 0, 0, 0], 32) || inV4(o, [198, 18, 0, 0], 15))
		return 'loopback';
	const local: Array<[number[], number]> = [
		[[10, 0, 0, 0], 8],
		[[100, 64, 0, 0], 10],
		[[172, 16, 0, 0], 12],
		[[192, 168, 0, 0], 16],
		[[169, 254, 0, 0], 16],
		[[0, 0, 0, 0], 8]
	];
	return local.some(([prefix, bits]) => inV4(o, prefix, bits)) ? 'local' : 'public';
}

function v6Space(g: number[]): AddressSpace {
	if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff)
		return v4Space([g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff]);
	if (g.slice(0, 7).every((x) => x === 0) && (g[7] === 1 || g[7] === 0)) return 'loopback';
	const first = g[0];
	if ((first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xffc0) === 0xfec0)
		return 'local';
	if ((first === 0x2001 && g[1] === 0x0db8) || (first & 0xfff0) === 0x3ff0) return 'local';
	return 'public';
}

/**
 * The Local Network Access address space of a host: by its address for IP literals, `loopback`
 * for localhost names and `local` for `.local` (mDNS) names, undefined for other names (DNS decides).
 */
export function addressSpace(hostname: string): AddressSpace | undefined {
	const host = canonicalHost(hostname);
	if (host === undefined) return undefined;
	if (isLocalhostName(host)) return 'loopback';
	const v4 = ipv4Octets(host);
	if (v4) return v4Space(v4);
	const v6 = ipv6Groups(host);
	if (v6) return v6Space(v6);
	return /\.local\.?$/.test(host) ? 'local' : undefined;
}

/** Whether `target` is in a more private address space than `from` (LNA's "less public"). */
export function isLessPublic(target: AddressSpace, from: AddressSpace): boolean {
	const rank: Record<AddressSpace, number> = { loopback: 0, local: 1, public: 2 };
	return rank[target] < rank[from];
}
