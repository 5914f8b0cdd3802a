import { describe, expect, it } from 'vitest';
import { readMcpConfig, type ConfigEntry } from '../../src/lib/core/mcp-config/parse';
import { writeMcpConfig } from '../../src/lib/core/mcp-config/write';

const read = (value: unknown) =>
	readMcpConfig(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
const entries = (value: unknown): ConfigEntry[] => {
	const result = read(value);
	if (!result.ok) throw new Error(result.error);
	return result.entries;
};

describe('readMcpConfig: the shapes people have', () => {
	it('Claude Desktop: stdio entries keep command and args, and only the names of env variables', () => {
		const result = read({
			mcpServers: {
				files: {
					command: 'npx',
					args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
					env: { API_KEY: 'sk-secret' }
				}
			}
		});
		expect(result).toEqual({
			ok: true,
			shape: 'mcpServers',
			entries: [
				{
					kind: 'stdio',
					name: 'files',
					command: 'npx',
					args: ['-y', '@modelcontextprotocol/server-filesystem', '/tmp'],
					envNames: ['API_KEY']
				}
			]
		});
		expect(JSON.stringify(result)).not.toContain('sk-secret');
	});

	it('Claude Code / Cursor: url entries with type and headers', () => {
		expect(
			entries({
				mcpServers: {
					a: { type: 'http', url: 'https://a.example/mcp', headers: { 'X-Api-Key': 'k1' } },
					b: { type: 'sse', url: 'http://127.0.0.1:3000/sse' },
					c: { url: 'https://c.example/mcp' }
				}
			})
		).toEqual([
			{
				kind: 'remote',
				name: 'a',
				url: 'https://a.example/mcp',
				transport: 'streamable-http',
				headers: [{ name: 'X-Api-Key', value: 'k1' }],
				notes: []
			},
			{
				kind: 'remote',
				name: 'b',
				url: 'http://127.0.0.1:3000/sse',
				transport: 'sse',
				headers: [],
				notes: []
			},
			{
				kind: 'remote',
				name: 'c',
				url: 'https://c.example/mcp',
				transport: 'auto',
				headers: [],
				notes: []
			}
		]);
	});

	it("Windsurf's serverUrl is a url", () => {
		expect(entries({ mcpServers: { w: { serverUrl: 'https://w.example/mcp' } } })[0]).toMatchObject(
			{ kind: 'remote', url: 'https://w.example/mcp', transport: 'auto' }
		);
	});

	it('VS Code: servers with type http|sse|stdio, and mcp.servers in settings.json', () => {
		const result = read({
			inputs: [{ id: 'token', type: 'promptString', password: true }],
			servers: {
				remote: {
					type: 'http',
					url: 'https://r.example/mcp',
					headers: { Authorization: 'Bearer ${input:token}' }
				},
				legacy: { type: 'sse', url: 'https://l.example/sse' },
				local: { type: 'stdio', command: 'uvx', args: ['mcp-server-time'] }
			}
		});
		expect(result.ok && result.shape).toBe('vscode');
		const [remote, legacy, local] = result.ok ? result.entries : [];
		expect(remote).toMatchObject({
			kind: 'remote',
			transport: 'streamable-http',
			headers: [{ name: 'Authorization', value: 'Bearer ${input:token}' }]
		});
		expect((remote as { notes: string[] }).notes).toEqual([
			'The header Authorization holds a placeholder (${input:token}): put its real value in Settings.'
		]);
		expect(legacy).toMatchObject({ kind: 'remote', transport: 'sse' });
		expect(local).toEqual({
			kind: 'stdio',
			name: 'local',
			command: 'uvx',
			args: ['mcp-server-time'],
			envNames: []
		});
		expect(
			entries({ mcp: { servers: { s: { type: 'http', url: 'https://s.example/mcp' } } } })[0]
		).toMatchObject({ kind: 'remote', name: 's' });
	});
});

describe('readMcpConfig: bad input is a sentence naming the place, and nothing half-imported', () => {
	it('bad JSON names the line and column', () => {
		const result = readMcpConfig(
			'{\n  "mcpServers": {\n    "a": { "url": "https://a.example" },\n  }\n}'
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error).toMatch(
			/^The config is not valid JSON at line 4, column 3 \(at `}`\)\. Nothing was imported\.$/
		);
	});

	it('JSON cut short says so', () => {
		for (const text of ['{"mcpServers": {', '{"mcpServers": {"a": ', '{"mcpServers": {\n'])
			expect(readMcpConfig(text)).toEqual({
				ok: false,
				error:
					'The config is not valid JSON: it ends before the JSON is complete. Nothing was imported.'
			});
	});

	it('an unknown shape names what it has', () => {
		expect(read({ clients: {}, version: 1 })).toEqual({
			ok: false,
			error:
				'This is not an mcp.json shape Loupe knows: it has no "mcpServers" (Claude Desktop, Cursor) or "servers" (VS Code) at its top level (it has "clients", "version"). Nothing was imported.'
		});
		expect(read([1, 2]).ok).toBe(false);
		expect(read('').ok).toBe(false);
		expect(read({ mcpServers: [] })).toEqual({
			ok: false,
			error:
				'"mcpServers" must be an object mapping each server\'s name to its settings. Nothing was imported.'
		});
	});

	it('entries that cannot be used are listed with the reason; the others are read', () => {
		const list = entries({
			mcpServers: {
				ok: { url: 'https://ok.example/mcp' },
				js: { url: 'javascript:alert(1)' },
				notUrl: { url: 'not a url' },
				nothing: { env: {} },
				weird: { type: 'websocket', url: 'https://w.example' },
				badArgs: { command: 'node', args: 'server.js' },
				scalar: 42
			}
		});
		expect(list.map((e) => [e.name, e.kind === 'unusable' ? e.reason : e.kind])).toEqual([
			['ok', 'remote'],
			['js', 'mcpServers.js.url must start with http:// or https:// (it is javascript:).'],
			['notUrl', 'mcpServers.notUrl.url is not a URL.'],
			['nothing', 'mcpServers.nothing has neither "url" nor "command".'],
			[
				'weird',
				'mcpServers.weird.type "websocket" is not a transport Loupe knows (http, sse, streamable-http, stdio).'
			],
			['badArgs', 'mcpServers.badArgs.args must be a list of strings.'],
			['scalar', 'mcpServers.scalar is not an object of settings.']
		]);
	});

	it('bad header names and values are left out with a note', () => {
		const [entry] = entries({
			mcpServers: {
				a: { url: 'https://a.example', headers: { 'Bad Name': 'x', 'X-N': 5, 'X-Ok': 'y' } }
			}
		});
		expect(entry).toMatchObject({ headers: [{ name: 'X-Ok', value: 'y' }] });
		expect((entry as { notes: string[] }).notes).toEqual([
			'mcpServers.a.headers: "Bad Name" is not a valid header name and was left out.',
			'mcpServers.a.headers.X-N is not a string and was left out.'
		]);
	});
});

describe('writeMcpConfig', () => {
	const servers = [
		{
			name: 'Weather',
			url: 'https://user:pw@w.example/mcp?api_key=s3cret&region=eu#frag',
			transport: 'streamable-http' as const
		},
		{ name: 'Weather', url: 'http://127.0.0.1:3000/sse', transport: 'sse' as const },
		{ name: '', url: 'https://x.example/mcp', transport: 'auto' as const }
	];

	it('writes each shape, without user info or secret query values, equal names made unique', () => {
		expect(JSON.parse(writeMcpConfig(servers, 'vscode'))).toEqual({
			servers: {
				Weather: { type: 'http', url: 'https://w.example/mcp?api_key=••••••&region=eu' },
				'Weather 2': { type: 'sse', url: 'http://127.0.0.1:3000/sse' },
				'x.example': { type: 'http', url: 'https://x.example/mcp' }
			}
		});
		expect(JSON.parse(writeMcpConfig(servers, 'claude')).mcpServers['Weather 2']).toEqual({
			type: 'sse',
			url: 'http://127.0.0.1:3000/sse'
		});
		expect(JSON.parse(writeMcpConfig(servers, 'cursor')).mcpServers['x.example']).toEqual({
			url: 'https://x.example/mcp'
		});
		const text = writeMcpConfig(servers, 'claude');
		expect(text).not.toContain('s3cret');
		expect(text).not.toContain('pw@');
	});

	it('what it writes reads back', () => {
		for (const shape of ['claude', 'vscode', 'cursor'] as const) {
			const back = entries(JSON.parse(writeMcpConfig(servers.slice(1), shape)));
			expect(back.map((e) => e.kind === 'remote' && e.url)).toEqual([
				'http://127.0.0.1:3000/sse',
				'https://x.example/mcp'
			]);
		}
	});
});
