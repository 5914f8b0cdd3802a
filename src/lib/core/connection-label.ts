/**
 * The line that marks where a connection starts, in Traffic and in Logs: "Connected to <url> ·
 * demo 1.0 · 2026-07-28 · Streamable HTTP", so rows that follow read as that server's.
 */
import type { ConnectionOutcome, ConnectionReason } from './traffic.js';

export interface ConnectionLabelParts extends ConnectionOutcome {
	url: string;
	reason: ConnectionReason;
	state: 'connecting' | 'connected' | 'failed';
}

/** A name that long is cut here: labels are one line (the initialize answer in Traffic has it whole). */
const NAME_MAX = 120;

/** "loupe-demo 1.0.0": the name and version a server introduced itself with. */
export function serverName({
	name,
	version
}: {
	name?: string;
	version?: string;
}): string | undefined {
	const full = name && version ? `${name} ${version}` : name;
	return full && full.length > NAME_MAX ? `${full.slice(0, NAME_MAX)}…` : full;
}

const TRANSPORTS: Record<string, string> = {
	auto: 'Auto',
	'streamable-http': 'Streamable HTTP',
	sse: 'legacy SSE'
};

export function transportName(transport: string): string {
	return TRANSPORTS[transport] ?? transport;
}

export function connectionLabel({
	url,
	reason,
	state,
	transport,
	server,
	protocolVersion
}: ConnectionLabelParts): string {
	const renewed = reason === 'new-session';
	const head =
		state === 'connected'
			? `${renewed ? 'New session with' : 'Connected to'} ${url}`
			: state === 'failed'
				? `${renewed ? 'Could not start a new session with' : 'Could not connect to'} ${url}`
				: `${renewed ? 'Starting a new session with' : 'Connecting to'} ${url}`;
	const details =
		state === 'connected'
			? [server, protocolVersion, transport && transportName(transport)]
			: [transport && transportName(transport)];
	const tail = details.filter(Boolean).join(' · ');
	return tail ? `${head} · ${tail}` : head;
}
