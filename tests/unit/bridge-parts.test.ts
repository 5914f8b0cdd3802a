/**
 * The bridge's small parts: its command line, its link as Loupe reads it (the token goes to the
 * bridge's origin only), the command the doctor prints, and the checks' rules.
 */
import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../../scripts/bridge/options.mjs';
import { loupeLink } from '../../scripts/bridge/link.mjs';
import { isLoopbackHost, newToken, tokenMatches } from '../../scripts/bridge/guard.mjs';
import {
	bridgeHeadersFor,
	bridgeTokenRefusal,
	readBridgeLink,
	withBridgeHeaders
} from '../../src/lib/core/bridge-link';
import { bridgeCommandFor, bridgeStdioCommandFor } from '../../src/lib/core/bridge-command';

describe('the command line', () => {
	it('takes options first; everything from the command on is the server’s', () => {
		const o = parseOptions([
			'--port',
			'9000',
			'--env',
			'A=1=2',
			'--allow-origin',
			'https://loupe.example/app',
			'npx',
			'-y',
			'server',
			'--port',
			'3'
		]);
		expect(o).toMatchObject({
			mode: 'stdio',
			command: 'npx',
			args: ['-y', 'server', '--port', '3'],
			port: 9000,
			env: { A: '1=2' },
			allowOrigins: ['https://loupe.example']
		});
		expect(parseOptions(['--', '--weird-name', 'x'])).toMatchObject({
			command: '--weird-name',
			args: ['x']
		});
	});

	it('opens the Loupe npm start serves by default (APP_PORT, BASE_PATH), or --loupe', () => {
		expect(parseOptions(['srv'], {}).loupe.href).toBe('http://127.0.0.1:4173/');
		expect(parseOptions(['srv'], { APP_PORT: '5000', BASE_PATH: '/loupe' }).loupe.href).toBe(
			'http://127.0.0.1:5000/loupe/'
		);
		expect(parseOptions(['--loupe', 'https://me.github.io/loupe/', 'srv'], {}).loupe.origin).toBe(
			'https://me.github.io'
		);
	});

	it('refuses what cannot work, in a sentence', () => {
		const refused = (argv: string[]) => {
			try {
				parseOptions(argv, {});
			} catch (error) {
				expect(error).toBeInstanceOf(UsageError);
				return (error as Error).message;
			}
			throw new Error(`accepted ${argv.join(' ')}`);
		};
		expect(refused([])).toMatch(/Name the stdio server/);
		expect(refused(['--to', 'https://x.example/mcp', 'node', 'server.js'])).toMatch(
			/no command to run/
		);
		expect(refused(['--to', 'file:///etc/passwd'])).toMatch(/http or https URL/);
		expect(refused(['--to', 'https://user:pw@x.example/mcp'])).toMatch(/no user name or password/);
		expect(refused(['--env', 'NOVALUE', 'srv'])).toMatch(/KEY=VALUE/);
		expect(refused(['--port', 'x', 'srv'])).toMatch(/port number/);
		expect(refused(['--bogus', 'srv'])).toMatch(/Unknown option --bogus/);
	});
});

describe('the link, as Loupe reads it', () => {
	const token = newToken();
	const stdioLink = loupeLink(
		new URL('http://127.0.0.1:4173/'),
		'http://127.0.0.1:5123/mcp',
		token,
		'stdio'
	);

	it('carries a 256-bit token in the fragment, for the bridge’s origin only', () => {
		expect(Buffer.from(token, 'base64url')).toHaveLength(32);
		const link = new URL(stdioLink);
		expect(link.search).toBe('?server=http%3A%2F%2F127.0.0.1%3A5123%2Fmcp&connect=1');
		expect(link.search).not.toContain(token);
		expect(readBridgeLink(link)).toEqual({
			origin: 'http://127.0.0.1:5123',
			token,
			header: 'authorization'
		});
		const headers = { 'X-Api-Key': 'k', authorization: 'Bearer typed-in-settings' };
		expect(withBridgeHeaders(headers, new URL('http://127.0.0.1:5123/mcp'), stdioLink)).toEqual({
			'X-Api-Key': 'k',
			Authorization: `Bearer ${token}`
		});
		expect(withBridgeHeaders(headers, new URL('http://127.0.0.1:5124/mcp'), stdioLink)).toBe(
			headers
		);
		expect(withBridgeHeaders(headers, new URL('http://localhost:5123/mcp'), stdioLink)).toBe(
			headers
		);
	});

	it('in front of an HTTP server, puts the token in its own header and leaves Authorization alone', () => {
		const link = loupeLink(
			new URL('https://me.github.io/loupe/'),
			'http://127.0.0.1:5123/api/mcp',
			token,
			'http'
		);
		expect(new URL(link).pathname).toBe('/loupe/');
		const headers = { Authorization: 'Bearer for-the-server' };
		expect(withBridgeHeaders(headers, new URL('http://127.0.0.1:5123/api/mcp'), link)).toEqual({
			Authorization: 'Bearer for-the-server',
			'X-Loupe-Bridge-Token': token
		});
		expect(
			bridgeHeadersFor(readBridgeLink(new URL(link)), new URL('https://elsewhere.example/mcp'))
		).toEqual({});
	});

	it('uses nothing that is not a bridge token bound to a server', () => {
		const server = '?server=http%3A%2F%2F127.0.0.1%3A5123%2Fmcp';
		expect(
			readBridgeLink(
				new URL(`http://127.0.0.1:4173/${server}#bridge-token=short&bridge-header=authorization`)
			)
		).toBeUndefined();
		expect(
			readBridgeLink(
				new URL(`http://127.0.0.1:4173/#bridge-token=${token}&bridge-header=authorization`)
			)
		).toBeUndefined();
		expect(
			readBridgeLink(
				new URL(`http://127.0.0.1:4173/${server}#bridge-token=${token}&bridge-header=cookie`)
			)
		).toBeUndefined();
		expect(
			readBridgeLink(
				new URL(
					`http://127.0.0.1:4173/?server=javascript%3Aalert(1)#bridge-token=${token}&bridge-header=authorization`
				)
			)
		).toBeUndefined();
	});
});

describe('a refusal for want of the token', () => {
	const answer = (headers: Record<string, string>, status = 401) => ({
		status,
		responseHeaders: headers
	});
	const url = new URL('http://127.0.0.1:5123/mcp');

	it('is told apart from a server asking for sign-in, and says to open the link again', () => {
		const problem = bridgeTokenRefusal(answer({ 'x-loupe-bridge': 'token-required' }), url);
		expect(problem?.message).toBe(
			'The Loupe bridge at http://127.0.0.1:5123 needs its token, and this tab does not have it.'
		);
		expect(problem?.hints[0]).toMatch(/^Open Loupe with the link the bridge printed/);
		expect(bridgeTokenRefusal(answer({ 'www-authenticate': 'Bearer' }), url)).toBeUndefined();
		expect(
			bridgeTokenRefusal(answer({ 'x-loupe-bridge': 'token-required' }, 403), url)
		).toBeUndefined();
	});
});

describe('the bridge command for a server', () => {
	it('is ready to paste, quoted where a shell would read the URL otherwise', () => {
		expect(bridgeCommandFor('https://api.example.com/mcp')).toBe(
			'npm run bridge -- --to https://api.example.com/mcp'
		);
		expect(bridgeCommandFor('https://api.example.com/mcp?a=1&b=2')).toBe(
			`npm run bridge -- --to 'https://api.example.com/mcp?a=1&b=2'`
		);
		expect(bridgeCommandFor("https://x.example/it's")).toBe(
			`npm run bridge -- --to 'https://x.example/it'\\''s'`
		);
	});

	it('names a hosted Loupe with --loupe, and leaves out the local one', () => {
		expect(bridgeCommandFor('https://x.example/mcp', 'https://me.github.io/loupe/')).toBe(
			'npm run bridge -- --loupe https://me.github.io/loupe/ --to https://x.example/mcp'
		);
		expect(bridgeCommandFor('https://x.example/mcp', 'http://127.0.0.1:4173/')).toBe(
			'npm run bridge -- --to https://x.example/mcp'
		);
	});
});

describe('the checks', () => {
	it('compare tokens exactly', () => {
		const token = newToken();
		expect(tokenMatches(token, token)).toBe(true);
		expect(tokenMatches(`${token}x`, token)).toBe(false);
		expect(tokenMatches(token.slice(1), token)).toBe(false);
		expect(tokenMatches('', token)).toBe(false);
		expect(tokenMatches(undefined, token)).toBe(false);
	});

	it('take only loopback names with the bridge’s port as Host', () => {
		for (const host of ['127.0.0.1:5123', 'localhost:5123', 'LOCALHOST:5123', '[::1]:5123'])
			expect(isLoopbackHost(host, 5123), host).toBe(true);
		for (const host of [
			'127.0.0.1',
			'127.0.0.1:5124',
			'localhost.evil.example:5123',
			'evil.example:5123',
			'127.0.0.2:5123',
			'0.0.0.0:5123',
			'',
			undefined
		]) {
			expect(isLoopbackHost(host, 5123), String(host)).toBe(false);
		}
	});
});

describe('bridgeStdioCommandFor', () => {
	it('serves a stdio entry of an mcp.json: the command and its words quoted, env values left as placeholders', () => {
		expect(
			bridgeStdioCommandFor('npx', ['-y', '@modelcontextprotocol/server-everything', 'stdio'])
		).toBe('npm run bridge -- npx -y @modelcontextprotocol/server-everything stdio');
		expect(
			bridgeStdioCommandFor(
				'uvx',
				['mcp-server-time', '--local-timezone=Europe/Zürich'],
				['API_KEY']
			)
		).toBe(
			"npm run bridge -- --env 'API_KEY=<API_KEY>' uvx mcp-server-time '--local-timezone=Europe/Zürich'"
		);
		expect(bridgeStdioCommandFor('node', ['server.js'], [], 'https://me.github.io/loupe/')).toBe(
			'npm run bridge -- --loupe https://me.github.io/loupe/ node server.js'
		);
	});
});
