/**
 * Reads the mcp.json shapes people already have into servers Loupe can hold:
 * - Claude Desktop / Claude Code (`mcpServers`: `command`/`args`/`env`, or `url` with an optional
 *   `type` of http, sse or streamable-http and `headers`),
 * - VS Code (`servers`, or `mcp.servers` in settings.json: `type: http|sse|stdio`),
 * - Cursor (`mcpServers` with `url` and `headers`; Windsurf's `serverUrl` too).
 *
 * The config is data from anywhere: every field is checked before use, and a problem is a sentence
 * naming its place (`mcpServers.weather.url`). Either the whole config is read, each entry usable or
 * listed with why not, or nothing is (bad JSON, an unknown shape).
 */
import type { TransportChoice } from '../connect.js';
import { jsonErrorPlace } from './json-place.js';

export type ConfigShape = 'mcpServers' | 'vscode';

/** A server reached over HTTP: it becomes a workspace entry. Header values stay in memory only. */
export interface RemoteServerEntry {
	kind: 'remote';
	name: string;
	url: string;
	transport: TransportChoice;
	headers: { name: string; value: string }[];
	/** Things the person should know, e.g. a VS Code `${input:…}` placeholder left in a header. */
	notes: string[];
}

/** A server started as a local command: no browser can start it; the bridge can serve it. */
export interface StdioServerEntry {
	kind: 'stdio';
	name: string;
	command: string;
	args: string[];
	/** The names of the environment variables it sets (their values are not kept). */
	envNames: string[];
}

/** An entry that cannot be used, with the reason in a sentence. */
export interface UnusableEntry {
	kind: 'unusable';
	name: string;
	reason: string;
}

export type ConfigEntry = RemoteServerEntry | StdioServerEntry | UnusableEntry;

export type ConfigReadResult =
	{ ok: true; shape: ConfigShape; entries: ConfigEntry[] } | { ok: false; error: string };

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads the text of an mcp.json file. */
export function readMcpConfig(text: string): ConfigReadResult {
	if (!text.trim())
		return { ok: false, error: 'The config is empty: paste the contents of an mcp.json file.' };
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		return {
			ok: false,
			error: `The config is not valid JSON${jsonErrorPlace(text, error)}. Nothing was imported.`
		};
	}
	if (!isRecord(data))
		return {
			ok: false,
			error:
				'The config must be a JSON object with "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) in it.'
		};

	const located = locateServers(data);
	if (!located.ok) return located;
	const entries = Object.entries(located.servers).map(([name, value]) =>
		readEntry(name, value, `${located.path}.${name}`)
	);
	return { ok: true, shape: located.shape, entries };
}

function locateServers(
	data: Record<string, unknown>
):
	| { ok: true; shape: ConfigShape; servers: Record<string, unknown>; path: string }
	| { ok: false; error: string } {
	const candidates: [ConfigShape, string, unknown][] = [
		['mcpServers', 'mcpServers', data.mcpServers],
		['vscode', 'servers', data.servers],
		['vscode', 'mcp.servers', isRecord(data.mcp) ? data.mcp.servers : undefined]
	];
	for (const [shape, path, value] of candidates) {
		if (value === undefined) continue;
		if (!isRecord(value))
			return {
				ok: false,
				error: `"${path}" must be an object mapping each server's name to its settings. Nothing was imported.`
			};
		return { ok: true, shape, servers: value, path };
	}
	const keys = Object.keys(data)
		.slice(0, 5)
		.map((k) => `"${k}"`);
	return {
		ok: false,
		error: `This is not an mcp.json shape Loupe knows: it has no "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) at its top level${keys.length ? ` (it has ${keys.join(', ')})` : ''}. Nothing was imported.`
	};
}

function readEntry(name: string, value: unknown, place: string): ConfigEntry {
	if (!name.trim())
		return { kind: 'unusable', name: '(no name)', reason: `${place}: a server needs a name.` };
	if (!isRecord(value))
		return { kind: 'unusable', name, reason: `${place} is not an object of settings.` };
	const type = typeof value.type === 'string' ? value.type.toLowerCase() : undefined;
	const url = value.url ?? value.serverUrl;
	if (type === 'stdio' || (url === undefined && value.command !== undefined))
		return readStdio(name, value, place);
	if (url === undefined)
		return { kind: 'unusable', name, reason: `${place} has neither "url" nor "command".` };
	return readRemote(name, value, url, type, place);
}

function readRemote(
	name: string,
	value: Record<string, unknown>,
	url: unknown,
	type: string | undefined,
	place: string
): ConfigEntry {
	const urlPlace = `${place}.${value.url !== undefined ? 'url' : 'serverUrl'}`;
	if (typeof url !== 'string')
		return { kind: 'unusable', name, reason: `${urlPlace} must be a string.` };
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		return { kind: 'unusable', name, reason: `${urlPlace} is not a URL.` };
	}
	if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
		return {
			kind: 'unusable',
			name,
			reason: `${urlPlace} must start with http:// or https:// (it is ${parsed.protocol}).`
		};
	const transport = transportFor(type);
	if (transport === undefined)
		return {
			kind: 'unusable',
			name,
			reason: `${place}.type "${String(value.type)}" is not a transport Loupe knows (http, sse, streamable-http, stdio).`
		};

	const notes: string[] = [];
	const headers: RemoteServerEntry['headers'] = [];
	if (value.headers !== undefined) {
		if (!isRecord(value.headers))
			notes.push(`${place}.headers is not an object: no headers were taken.`);
		else
			for (const [header, headerValue] of Object.entries(value.headers)) {
				if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header))
					notes.push(`${place}.headers: "${header}" is not a valid header name and was left out.`);
				else if (typeof headerValue !== 'string')
					notes.push(`${place}.headers.${header} is not a string and was left out.`);
				else {
					headers.push({ name: header, value: headerValue });
					if (/\$\{[^}]+\}/.test(headerValue))
						notes.push(
							`The header ${header} holds a placeholder (${headerValue.match(/\$\{[^}]+\}/)![0]}): put its real value in Settings.`
						);
				}
			}
	}
	return { kind: 'remote', name, url: parsed.href, transport, headers, notes };
}

function transportFor(type: string | undefined): TransportChoice | undefined {
	if (type === undefined) return 'auto';
	if (type === 'sse') return 'sse';
	if (
		type === 'http' ||
		type === 'streamable-http' ||
		type === 'streamablehttp' ||
		type === 'streamable_http'
	)
		return 'streamable-http';
	return undefined;
}

function readStdio(name: string, value: Record<string, unknown>, place: string): ConfigEntry {
	if (typeof value.command !== 'string' || !value.command.trim())
		return { kind: 'unusable', name, reason: `${place}.command must be a non-empty string.` };
	let args: string[] = [];
	if (value.args !== undefined) {
		if (
			!Array.isArray(value.args) ||
			value.args.some((a) => typeof a !== 'string' && typeof a !== 'number')
		)
			return { kind: 'unusable', name, reason: `${place}.args must be a list of strings.` };
		args = value.args.map(String);
	}
	const envNames = isRecord(value.env) ? Object.keys(value.env) : [];
	return { kind: 'stdio', name, command: value.command, args, envNames };
}
