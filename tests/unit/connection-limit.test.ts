import { describe, expect, it } from 'vitest';
import { connectionLimitHint, hostKey } from '../../src/lib/core/workspace/connection-limit.js';

describe('the per-host connection limit', () => {
	const same = (n: number) => Array.from({ length: n }, (_, i) => `http://127.0.0.1:3000/mcp${i}`);

	it('a host is scheme, name and port', () => {
		expect(hostKey('http://127.0.0.1:3000/mcp')).toBe('http://127.0.0.1:3000');
		expect(hostKey(' https://Example.com/a ')).toBe('https://example.com');
		expect(hostKey('http://localhost:3000/mcp')).not.toBe(hostKey('http://127.0.0.1:3000/mcp'));
		expect(hostKey('ws://example.com/')).toBeUndefined();
		expect(hostKey('not a url')).toBeUndefined();
	});

	it('says nothing while the other servers on the host leave a connection free', () => {
		expect(connectionLimitHint('http://127.0.0.1:3000/x', same(4))).toBeUndefined();
		expect(connectionLimitHint('http://127.0.0.1:3000/x', [])).toBeUndefined();
	});

	it('names the host and the count once five others share it', () => {
		const hint = connectionLimitHint('http://127.0.0.1:3000/x', same(5));
		expect(hint).toContain('5 other connected servers in this tab use http://127.0.0.1:3000');
		expect(hint).toContain('at most 6 connections');
	});

	it('counts only servers on the same host and port', () => {
		const others = [...same(4), 'http://127.0.0.1:3001/mcp', 'http://localhost:3000/mcp'];
		expect(connectionLimitHint('http://127.0.0.1:3000/x', others)).toBeUndefined();
		expect(connectionLimitHint('stdio', same(9))).toBeUndefined();
	});
});
