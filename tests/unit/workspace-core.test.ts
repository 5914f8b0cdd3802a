import { describe, expect, it } from 'vitest';
import { baseName, hostAndPath, uniqueNames } from '../../src/lib/core/workspace/server-names';
import {
	isKeepable,
	readSavedWorkspace,
	saveWorkspace
} from '../../src/lib/core/workspace/saved-servers';

describe('server names', () => {
	it('serverInfo title, else name, else the given name, else host and path', () => {
		expect(
			baseName({
				url: 'https://a.example/mcp',
				serverInfo: { title: 'Weather', name: 'weather-server' }
			})
		).toBe('Weather');
		expect(baseName({ url: 'https://a.example/mcp', serverInfo: { name: 'weather-server' } })).toBe(
			'weather-server'
		);
		expect(baseName({ url: 'https://a.example/mcp', given: 'From config' })).toBe('From config');
		expect(baseName({ url: 'https://a.example/mcp/?k=1' })).toBe('a.example/mcp');
		expect(baseName({ url: 'http://127.0.0.1:3000/' })).toBe('127.0.0.1:3000');
		expect(baseName({ url: '' })).toBe('New server');
		expect(baseName({ url: 'javascript:alert(1)' })).toBe('New server');
	});

	it('a name from the server is plain text: control characters go, long names are cut', () => {
		expect(
			baseName({ url: 'https://a.example', serverInfo: { title: ' Evil\u0007\n  name ' } })
		).toBe('Evil name');
		expect(
			baseName({ url: 'https://a.example', serverInfo: { name: 'x'.repeat(200) } })
		).toHaveLength(80);
		expect(
			baseName({ url: 'https://a.example', serverInfo: { title: '   ', name: 'fallback' } })
		).toBe('fallback');
	});

	it('equal names get a suffix in list order, ignoring case', () => {
		expect(
			uniqueNames([
				{ url: 'http://a/mcp', serverInfo: { name: 'demo' } },
				{ url: 'http://b/mcp', serverInfo: { name: 'Demo' } },
				{ url: 'http://c/mcp' },
				{ url: 'http://d/mcp', serverInfo: { name: 'demo' } }
			])
		).toEqual(['demo', 'Demo (2)', 'c/mcp', 'demo (3)']);
		expect(hostAndPath('not a url')).toBe('');
	});
});

describe('the saved workspace', () => {
	it('keeps URL, transport and name, never a URL with a secret in it', () => {
		const text = saveWorkspace(
			[
				{ url: 'https://a.example/mcp', transport: 'auto', name: 'A' },
				{ url: 'https://b.example/mcp?api_key=s3cret', transport: 'auto' },
				{ url: 'https://user:pw@c.example/mcp', transport: 'sse' },
				{ url: 'http://127.0.0.1:3000/sse', transport: 'sse' },
				{ url: '', transport: 'auto' }
			],
			3
		)!;
		expect(text).not.toContain('s3cret');
		expect(text).not.toContain('pw');
		expect(readSavedWorkspace(text)).toEqual({
			servers: [
				{ url: 'https://a.example/mcp', transport: 'auto', name: 'A' },
				{ url: 'http://127.0.0.1:3000/sse', transport: 'sse' }
			],
			selected: 1
		});
		expect(
			saveWorkspace([{ url: 'https://x.example/?token=1', transport: 'auto' }], 0)
		).toBeUndefined();
		expect(isKeepable('ftp://x.example/')).toBe(false);
	});

	it('a damaged store gives what can be read, never an exception', () => {
		for (const bad of [null, '', '{', '[]', '{"servers":3}', '"x"'])
			expect(readSavedWorkspace(bad)).toEqual({ servers: [], selected: 0 });
		expect(
			readSavedWorkspace(
				JSON.stringify({
					servers: [
						null,
						5,
						{ url: 7 },
						{ url: 'javascript:alert(1)' },
						{ url: 'https://ok.example/', transport: 'carrier-pigeon', name: 9 }
					],
					selected: 40
				})
			)
		).toEqual({ servers: [{ url: 'https://ok.example/', transport: 'auto' }], selected: 0 });
	});
});
