/**
 * Writes the workspace as an mcp.json in the shape a person picks. Only what identifies a server
 * is written (name, URL, transport): never tokens, header values or client secrets.
 */
import type { TransportChoice } from '../connect.js';
import { maskUrl } from '../secrets.js';

export type ExportShape = 'claude' | 'vscode' | 'cursor';

export interface ExportableServer {
	name: string;
	url: string;
	transport: TransportChoice;
}

/** The JSON text of an mcp.json holding `servers` in `shape`; equal names get a suffix (" 2", …). */
export function writeMcpConfig(servers: ExportableServer[], shape: ExportShape): string {
	const entries: Record<string, Record<string, string>> = {};
	for (const server of servers) {
		const url = shareableUrl(server.url);
		const entry: Record<string, string> =
			shape === 'cursor' ? { url } : { type: server.transport === 'sse' ? 'sse' : 'http', url };
		entries[uniqueName(server.name.trim() || hostOf(server.url), entries)] = entry;
	}
	return (
		JSON.stringify(shape === 'vscode' ? { servers: entries } : { mcpServers: entries }, null, 2) +
		'\n'
	);
}

function uniqueName(name: string, taken: Record<string, unknown>): string {
	if (!(name in taken)) return name;
	for (let n = 2; ; n++) if (!(`${name} ${n}` in taken)) return `${name} ${n}`;
}

/** The URL without user info or fragment, secret-looking query values masked. */
export function shareableUrl(raw: string): string {
	try {
		const url = new URL(raw);
		url.username = '';
		url.password = '';
		url.hash = '';
		return maskUrl(url.href);
	} catch {
		return maskUrl(raw);
	}
}

function hostOf(raw: string): string {
	try {
		return new URL(raw).host;
	} catch {
		return 'server';
	}
}
