/**
 * Deep links: `/?server=<url>&transport=auto|streamable-http|sse&connect=1&tool=<name>`.
 * `server=` may repeat: each opens (or selects) one workspace entry; the first is selected, and
 * `transport` and `tool` apply to it.
 */
import type { TransportChoice } from '../../core/connect.js';

export interface DeepLink {
	/** The first `server=`. */
	server?: string;
	/** Every `server=`, in order, without repeats. */
	servers: string[];
	transport?: TransportChoice;
	connect: boolean;
	tool?: string;
}

const TRANSPORTS: readonly TransportChoice[] = ['auto', 'streamable-http', 'sse'];

export function readDeepLink(url: URL): DeepLink {
	const p = url.searchParams;
	const transport = p.get('transport') as TransportChoice | null;
	return {
		server: p.get('server') ?? undefined,
		servers: [...new Set(p.getAll('server').filter((s) => s.trim()))],
		transport: transport && TRANSPORTS.includes(transport) ? transport : undefined,
		connect: p.get('connect') === '1' || p.get('connect') === 'true',
		tool: p.get('tool') ?? undefined
	};
}
