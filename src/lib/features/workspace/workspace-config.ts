/**
 * mcp.json in and out of the workspace (loaded when first used, not with the first screen):
 * import adds each remote entry as a server, export writes names, URLs and transports only.
 */
import type { ServerEntry, Workspace } from './workspace.svelte.js';
import {
	readMcpConfig,
	type StdioServerEntry,
	type UnusableEntry
} from '../../core/mcp-config/parse.js';
import { writeMcpConfig, type ExportShape } from '../../core/mcp-config/write.js';

/** What an import did: an error (nothing imported), or what was added and what could not be. */
export type ImportOutcome =
	| { ok: false; error: string }
	| {
			ok: true;
			added: { name: string; notes: string[] }[];
			stdio: StdioServerEntry[];
			unusable: UnusableEntry[];
	  };

/**
 * Imports an mcp.json (Claude Desktop/Code, VS Code, Cursor): each remote entry becomes a server
 * (its headers held in memory only, not connected yet); stdio and unusable entries come back to
 * be listed. Bad JSON or an unknown shape imports nothing.
 */
export function importConfig(workspace: Workspace, text: string): ImportOutcome {
	const read = readMcpConfig(text);
	if (!read.ok) return read;
	const added: { name: string; notes: string[] }[] = [];
	let first: ServerEntry | undefined;
	for (const entry of read.entries) {
		if (entry.kind !== 'remote') continue;
		// An entry for the same URL is reused; an empty selected entry is filled; else one is added.
		const server = workspace.open({ url: entry.url, transport: entry.transport, name: entry.name });
		server.stores.connection.transport = entry.transport;
		if (entry.headers.length)
			server.stores.connection.headers = entry.headers.map((h) => ({ ...h }));
		server.given = entry.name;
		first ??= server;
		added.push({ name: entry.name, notes: entry.notes });
	}
	if (first) workspace.select(first.id);
	workspace.save();
	return {
		ok: true,
		added,
		stdio: read.entries.filter((e): e is StdioServerEntry => e.kind === 'stdio'),
		unusable: read.entries.filter((e): e is UnusableEntry => e.kind === 'unusable')
	};
}

/** The workspace as an mcp.json in `shape`: names, URLs and transports only. */
export function exportConfig(workspace: Workspace, shape: ExportShape): string {
	return writeMcpConfig(
		workspace.entries
			.filter((e) => e.stores.connection.url.trim())
			.map((e) => ({
				name: workspace.nameOf(e),
				url: e.stores.connection.url.trim(),
				transport: e.stores.connection.transport
			})),
		shape
	);
}
