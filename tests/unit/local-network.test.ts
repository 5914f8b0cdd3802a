/**
 * Local Network Access: which requests declare the local address space, and what a person is
 * told when a public page could not reach a server on this computer or the local network.
 */
import { describe, expect, it } from 'vitest';
import { explainError } from '../../src/lib/core/explain-error';
import {
	declaresLocalSpace,
	localNetworkPermission,
	withTargetAddressSpace
} from '../../src/lib/core/local-network';

const failed = new TypeError('Failed to fetch');
const publicPage = {
	origin: 'https://loupe.example.org',
	pageProtocol: 'https:',
	reachable: false
} as const;

describe('explainError: Local Network Access', () => {
	it.each([
		['http://127.0.0.1:3001/mcp', 'on this computer'],
		['http://localhost:3001/mcp', 'on this computer'],
		['http://[::1]:3001/mcp', 'on this computer'],
		['http://192.168.1.5:3001/mcp', 'on your local network'],
		['http://10.0.0.2/mcp', 'on your local network'],
		['https://10.0.0.2/mcp', 'on your local network']
	])(
		'a public https page that cannot reach %s is told about the permission, not "unreachable"',
		(server, place) => {
			const p = explainError(failed, { url: new URL(server), ...publicPage });
			expect(p.kind).toBe('local-network');
			expect(p.message).toBe(
				`The browser did not let this page reach ${server}: the server is ${place}, and a site on the internet needs your permission for that (Local Network Access). The permission was refused, or this browser does not offer it here.`
			);
			expect(p.hints[0]).toMatch(/site settings .* "Local network access" to Allow/);
			expect(p.hints[1]).toMatch(/npm start.*http:\/\/localhost/);
			expect(p.message).not.toMatch(/Could not reach/);
		}
	);

	it('says so when the browser reports the permission denied or still to be asked', () => {
		for (const localNetworkAccess of ['denied', 'prompt'] as const) {
			const p = explainError(failed, {
				url: new URL('http://127.0.0.1:3001/mcp'),
				...publicPage,
				localNetworkAccess
			});
			expect(p.kind).toBe('local-network');
		}
	});

	it('a public page served over plain http: LNA needs an https page', () => {
		const p = explainError(failed, {
			url: new URL('http://192.168.1.5:3001/mcp'),
			origin: 'http://loupe.example.org',
			pageProtocol: 'http:',
			reachable: false
		});
		expect(p.kind).toBe('local-network');
		expect(p.message).toContain(
			'served over plain http from another address, may not reach it (Local Network Access)'
		);
	});

	it('a page on this computer is not told that: nothing is less public than loopback', () => {
		for (const origin of [
			'http://localhost:4173',
			'http://127.0.0.1:4173',
			'http://[::1]:4173',
			'http://app.localhost'
		]) {
			for (const server of [
				'http://127.0.0.1:3001/mcp',
				'http://192.168.1.5:3001/mcp',
				'http://10.0.0.2/mcp'
			]) {
				const p = explainError(failed, {
					url: new URL(server),
					origin,
					pageProtocol: 'http:',
					reachable: false
				});
				expect(p.kind, `${origin} → ${server}`).toBe('unreachable');
			}
		}
	});

	it('a page on the local network is told only about this computer', () => {
		const page = { origin: 'https://192.168.1.10', pageProtocol: 'https:', reachable: false };
		expect(explainError(failed, { url: new URL('https://192.168.1.5/mcp'), ...page }).kind).toBe(
			'unreachable'
		);
		expect(explainError(failed, { url: new URL('http://127.0.0.1:3001/mcp'), ...page }).kind).toBe(
			'local-network'
		);
	});

	it('public servers, servers known only by name, and no page origin: the usual explanations', () => {
		expect(explainError(failed, { url: new URL('https://8.8.8.8/mcp'), ...publicPage }).kind).toBe(
			'unreachable'
		);
		expect(
			explainError(failed, { url: new URL('https://mcp.example.com/mcp'), ...publicPage }).kind
		).toBe('unreachable');
		expect(
			explainError(failed, { url: new URL('http://mcp.example.com/mcp'), ...publicPage }).kind
		).toBe('mixed-content');
		expect(
			explainError(failed, { url: new URL('http://127.0.0.1:3001/mcp'), reachable: false }).kind
		).toBe('unreachable');
	});

	it('a granted permission, or a browser without LNA, leaves the usual explanations', () => {
		const granted = { ...publicPage, localNetworkAccess: 'granted' } as const;
		expect(
			explainError(failed, { url: new URL('http://127.0.0.1:3001/mcp'), ...granted }).kind
		).toBe('unreachable');
		// Granted LNA relaxes mixed content for plain http on the local network.
		expect(explainError(failed, { url: new URL('http://192.168.1.5/mcp'), ...granted }).kind).toBe(
			'unreachable'
		);
		const none = { ...publicPage, localNetworkAccess: 'unsupported' } as const;
		expect(explainError(failed, { url: new URL('http://192.168.1.5/mcp'), ...none }).kind).toBe(
			'mixed-content'
		);
		expect(explainError(failed, { url: new URL('https://192.168.1.5/mcp'), ...none }).kind).toBe(
			'unreachable'
		);
	});

	it('a server that answered the probe is a CORS matter, not LNA', () => {
		expect(
			explainError(failed, {
				url: new URL('http://127.0.0.1:3001/mcp'),
				...publicPage,
				reachable: true
			}).kind
		).toBe('cors');
	});
});

describe('declaresLocalSpace (targetAddressSpace)', () => {
	it('only for plain http, from an https page, to a host that is not loopback or a public address', () => {
		const yes = [
			'http://192.168.1.5/mcp',
			'http://10.0.0.2:8080/mcp',
			'http://[fd00::1]/mcp',
			'http://printer.local/mcp',
			'http://mcp.corp.example/mcp'
		];
		for (const url of yes) expect(declaresLocalSpace(new URL(url), 'https:'), url).toBe(true);
		const no: Array<[string, string]> = [
			['http://192.168.1.5/mcp', 'http:'],
			['https://192.168.1.5/mcp', 'https:'],
			['http://127.0.0.1:3001/mcp', 'https:'],
			['http://localhost:3001/mcp', 'https:'],
			['http://8.8.8.8/mcp', 'https:']
		];
		for (const [url, page] of no)
			expect(declaresLocalSpace(new URL(url), page), `${page} → ${url}`).toBe(false);
	});

	it('leaves the request alone where the browser has no such option (Node) or the caller set one', () => {
		const init = { method: 'POST' };
		expect(withTargetAddressSpace('http://192.168.1.5/mcp', init, 'https:')).toBe(init);
		const own = { targetAddressSpace: 'public' } as RequestInit;
		expect(withTargetAddressSpace('http://192.168.1.5/mcp', own, 'https:')).toBe(own);
		expect(withTargetAddressSpace('not a url', undefined, 'https:')).toBeUndefined();
	});

	it('asks no permission question outside a browser', async () => {
		expect(await localNetworkPermission(new URL('http://127.0.0.1:3001/mcp'))).toBeUndefined();
		expect(await localNetworkPermission(new URL('https://example.com/mcp'))).toBeUndefined();
	});
});
