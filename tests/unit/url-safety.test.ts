/**
 * The one rule for "this machine" and "the local network" (url-safety.ts), and the helpers that
 * call or open URLs by it: elicitation links, the sign-in window, OAuth endpoints.
 */
import { describe, expect, it } from 'vitest';
import {
	addressSpace,
	canonicalHost,
	isHttpsOrLoopbackHttp,
	isLessPublic,
	isLoopbackHost
} from '../../src/lib/core/url-safety';
import { checkElicitationUrl } from '../../src/lib/core/elicitation';
import { checkOpenableUrl, SignInWindowError } from '../../src/lib/features/auth/oauth-window';
import { endpointProblem, needsInsecureRequests } from '../../src/lib/core/oauth/endpoint-safety';

/** The host as a browser reads it from a URL. */
const host = (url: string) => new URL(url).hostname;

describe('isLoopbackHost', () => {
	it('IPv4: all of 127.0.0.0/8, in any spelling URL parsing accepts', () => {
		for (const url of [
			'http://127.0.0.1/',
			'http://127.0.0.2/',
			'http://127.255.255.254/',
			'http://127.1/',
			'http://0x7f.1/',
			'http://2130706433/',
			'http://１２７.０.０.１/'
		]) {
			expect(isLoopbackHost(host(url)), url).toBe(true);
		}
	});

	it('IPv4: 0.0.0.0, private ranges and look-alikes are not loopback', () => {
		for (const url of [
			'http://0.0.0.0/',
			'http://10.0.0.2/',
			'http://192.168.1.5/',
			'http://172.16.0.1/',
			'http://128.0.0.1/',
			'http://127.0.0.1.evil.example/',
			'http://1.27.0.0/'
		]) {
			expect(isLoopbackHost(host(url)), url).toBe(false);
		}
	});

	it('IPv6: only ::1 (not the unspecified address, not IPv4-mapped loopback)', () => {
		expect(isLoopbackHost(host('http://[::1]/'))).toBe(true);
		expect(isLoopbackHost(host('http://[0:0:0:0:0:0:0:1]/'))).toBe(true);
		expect(isLoopbackHost(host('http://[::ffff:127.0.0.1]/'))).toBe(false);
		expect(isLoopbackHost(host('http://[::]/'))).toBe(false);
		expect(isLoopbackHost(host('http://[::2]/'))).toBe(false);
		expect(isLoopbackHost(host('http://[fe80::1]/'))).toBe(false);
	});

	it('names: localhost and *.localhost, with or without the trailing dot, in any case', () => {
		for (const url of [
			'http://localhost/',
			'http://LOCALHOST:3000/',
			'http://localhost./',
			'http://app.localhost/',
			'http://a.b.localhost./',
			'http://localhost%2e/'
		]) {
			expect(isLoopbackHost(host(url)), url).toBe(true);
		}
		for (const url of [
			'http://localhost.example.com/',
			'http://notlocalhost/',
			'http://localhostx/',
			'http://localhost.evil/',
			'http://xlocalhost/'
		]) {
			expect(isLoopbackHost(host(url)), url).toBe(false);
		}
	});

	it('IDN look-alikes are punycode, not localhost', () => {
		// A Cyrillic o (U+043E) in place of the Latin one.
		expect(host('http://l\u043ecalhost/')).toBe('xn--lcalhost-nbh');
		expect(isLoopbackHost(host('http://l\u043ecalhost/'))).toBe(false);
		expect(isLoopbackHost('xn--lcalhost-nbh')).toBe(false);
		expect(isLoopbackHost(host('http://\u0430pp.localhost/'))).toBe(true); // a Cyrillic label is still under .localhost
	});

	it('userinfo and fragment tricks: the host is what URL parsing says', () => {
		expect(host('http://localhost@evil.com/')).toBe('evil.com');
		expect(isLoopbackHost(host('http://localhost@evil.com/'))).toBe(false);
		expect(isLoopbackHost(host('http://127.0.0.1:80@evil.com/'))).toBe(false);
		expect(host('http://evil.com#@localhost')).toBe('evil.com');
		expect(isLoopbackHost(host('http://evil.com#@localhost'))).toBe(false);
		expect(isLoopbackHost(host('http://evil.com\\@localhost/'))).toBe(false);
	});

	it('refuses a "host" that smuggles a user, port or path rather than reading it loosely', () => {
		for (const text of [
			'localhost@evil.com',
			'evil.com#@localhost',
			'localhost:80',
			'localhost/x',
			'',
			' localhost',
			'evil.com\\localhost'
		]) {
			expect(isLoopbackHost(text), text).toBe(false);
		}
		expect(canonicalHost('::1')).toBe('[::1]');
		expect(isLoopbackHost('::1')).toBe(true);
		expect(canonicalHost('LocalHost')).toBe('localhost');
	});
});

describe('isHttpsOrLoopbackHttp', () => {
	it('https anywhere, http only on this machine', () => {
		for (const ok of [
			'https://example.com/',
			'https://10.0.0.2/',
			'http://localhost:3000/',
			'http://127.0.0.2/',
			'http://[::1]:8080/',
			'http://app.localhost/',
			'HTTPS://EXAMPLE.COM/'
		]) {
			expect(isHttpsOrLoopbackHttp(new URL(ok)), ok).toBe(true);
		}
		for (const bad of [
			'http://example.com/',
			'http://192.168.1.5/',
			'http://0.0.0.0/',
			'http://[::ffff:127.0.0.1]/',
			'http://localhost@evil.com/',
			'http://localhost.example.com/'
		]) {
			expect(isHttpsOrLoopbackHttp(new URL(bad)), bad).toBe(false);
		}
	});

	it('no other scheme, whatever its host', () => {
		for (const bad of [
			'javascript:alert(1)',
			'data:text/html,hi',
			'file:///etc/passwd',
			'file://localhost/etc/passwd',
			'blob:https://example.com/0f1e',
			'ftp://localhost/x',
			'chrome://settings',
			'ws://localhost/',
			'wss://example.com/'
		]) {
			expect(isHttpsOrLoopbackHttp(new URL(bad)), bad).toBe(false);
		}
	});
});

describe('addressSpace (Local Network Access)', () => {
	const space = (url: string) => addressSpace(host(url));

	it('IPv4 loopback, private and public addresses', () => {
		expect(space('http://127.0.0.1/')).toBe('loopback');
		expect(space('http://127.1/')).toBe('loopback');
		expect(space('http://0.0.0.0/')).toBe('loopback');
		for (const url of [
			'http://10.0.0.2/',
			'http://192.168.1.5/',
			'http://172.16.0.1/',
			'http://172.31.255.255/',
			'http://169.254.1.1/',
			'http://100.64.0.1/',
			'http://0.1.2.3/'
		]) {
			expect(space(url), url).toBe('local');
		}
		for (const url of [
			'http://8.8.8.8/',
			'http://172.32.0.1/',
			'http://192.169.0.1/',
			'http://100.128.0.1/',
			'http://11.0.0.1/'
		]) {
			expect(space(url), url).toBe('public');
		}
	});

	it('IPv6, with IPv4-mapped addresses classified by their IPv4 address', () => {
		expect(space('http://[::1]/')).toBe('loopback');
		expect(space('http://[::]/')).toBe('loopback');
		expect(space('http://[::ffff:127.0.0.1]/')).toBe('loopback');
		expect(space('http://[::ffff:192.168.1.1]/')).toBe('local');
		expect(space('http://[::ffff:8.8.8.8]/')).toBe('public');
		expect(space('http://[fd00::1]/')).toBe('local');
		expect(space('http://[fe80::1]/')).toBe('local');
		expect(space('http://[2606:4700::1111]/')).toBe('public');
	});

	it('names: localhost names are loopback, .local is local, anything else is up to DNS', () => {
		expect(space('http://localhost/')).toBe('loopback');
		expect(space('http://app.localhost/')).toBe('loopback');
		expect(space('http://printer.local/')).toBe('local');
		expect(space('http://example.com/')).toBeUndefined();
		expect(space('http://localhost.example.com/')).toBeUndefined();
		expect(space('http://localhost@evil.com/')).toBeUndefined();
	});

	it('orders the spaces loopback < local < public', () => {
		expect(isLessPublic('loopback', 'public')).toBe(true);
		expect(isLessPublic('local', 'public')).toBe(true);
		expect(isLessPublic('loopback', 'local')).toBe(true);
		expect(isLessPublic('local', 'loopback')).toBe(false);
		expect(isLessPublic('public', 'public')).toBe(false);
	});
});

describe('the helpers that open or call URLs follow the same rule', () => {
	const cases: Array<[string, boolean]> = [
		['https://example.com/a', true],
		['http://localhost:3000/a', true],
		['http://127.0.0.2/a', true],
		['http://[::1]:8080/a', true],
		['http://app.localhost/a', true],
		['http://example.com/a', false],
		['http://192.168.1.5/a', false],
		['http://0.0.0.0/a', false],
		['http://[::ffff:127.0.0.1]/a', false],
		['http://localhost@evil.com/a', false],
		['http://localhost.example.com/a', false],
		['javascript:alert(1)', false],
		['data:text/html,<b>x</b>', false],
		['file:///etc/passwd', false],
		['blob:https://example.com/0f1e', false],
		['ftp://localhost/a', false],
		['chrome://settings', false]
	];

	it('elicitation links', () => {
		for (const [url, ok] of cases) expect(checkElicitationUrl(url).ok, url).toBe(ok);
		expect(checkElicitationUrl('http://localhost@evil.com/a')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('evil.com')
		});
		expect(checkElicitationUrl('http://127.0.0.2/a')).toMatchObject({
			ok: true,
			domain: '127.0.0.2'
		});
	});

	it('the sign-in window', () => {
		for (const [url, ok] of cases) {
			if (ok) expect(checkOpenableUrl(new URL(url)).href, url).toBe(new URL(url).href);
			else expect(() => checkOpenableUrl(new URL(url)), url).toThrow(SignInWindowError);
		}
	});

	it('OAuth endpoints (and only loopback http tells oauth4webapi to allow http)', () => {
		for (const [url, ok] of cases) expect(endpointProblem(url) === undefined, url).toBe(ok);
		expect(endpointProblem('http://192.168.1.5/token')).toMatch(/not localhost/);
		expect(endpointProblem('chrome://settings')).toMatch(/chrome: scheme/);
		expect(needsInsecureRequests('http://127.0.0.2/token')).toBe(true);
		expect(needsInsecureRequests('http://app.localhost/token')).toBe(true);
		expect(needsInsecureRequests('http://192.168.1.5/token')).toBe(false);
		expect(needsInsecureRequests('https://localhost/token')).toBe(false);
	});
});
