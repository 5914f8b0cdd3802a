import { describe, expect, it } from 'vitest';
import { createRecordingFetch } from '../../src/lib/core/recording-fetch';
import { maskBody, maskHeaders, maskUrl } from '../../src/lib/core/secrets';
import { TrafficRecorder, type HttpEntry } from '../../src/lib/core/traffic';

describe('masking secrets', () => {
	it('masks Authorization, cookies and token-like headers, keeping the scheme', () => {
		const masked = maskHeaders(
			new Headers({
				Authorization: 'Bearer abc.def',
				Cookie: 'sid=1',
				'X-Api-Key': 'k',
				'Content-Type': 'application/json',
				'X-Custom': 'v'
			}),
			new Set(['x-custom'])
		);
		expect(masked['authorization']).toBe('Bearer ••••••');
		expect(masked['cookie']).toBe('••••••');
		expect(masked['x-api-key']).toBe('••••••');
		expect(masked['x-custom']).toBe('••••••');
		expect(masked['content-type']).toBe('application/json');
		expect(JSON.stringify(masked)).not.toContain('abc.def');
	});

	it('masks secret fields of form bodies and query strings', () => {
		const body = maskBody(
			'grant_type=authorization_code&code=SECRET&code_verifier=V&client_id=loupe',
			'application/x-www-form-urlencoded'
		);
		expect(body).not.toContain('SECRET');
		expect(body).not.toContain('=V');
		expect(body).toContain('client_id=loupe');
		expect(maskUrl('https://x.test/mcp?access_token=SECRET&a=1')).not.toContain('SECRET');
		expect(maskUrl('https://x.test/mcp?key=K1&sig=S1&apiKey=K2&region=eu#top')).toBe(
			'https://x.test/mcp?key=••••••&sig=••••••&apiKey=••••••&region=eu#top'
		);
		expect(maskUrl('https://x.test/mcp?region=eu')).toBe('https://x.test/mcp?region=eu');
		expect(maskBody('{"code":"x"}', 'application/json')).toBe('{"code":"x"}');
	});
});

describe('createRecordingFetch', () => {
	it('records status, masked headers and the exact response body, and hands the SDK an unread response', async () => {
		const recorder = new TrafficRecorder();
		const updates: HttpEntry[] = [];
		recorder.subscribe((e) => e.type === 'http' && updates.push(e));
		const fetch = createRecordingFetch({
			recorder,
			fetch: async () =>
				new Response('{"jsonrpc":"2.0","id":1,"result":{}}', {
					status: 200,
					headers: { 'Mcp-Session-Id': 's1' }
				})
		});
		const response = await fetch('http://127.0.0.1/mcp', {
			method: 'POST',
			headers: { Authorization: 'Bearer top-secret', 'Content-Type': 'application/json' },
			body: '{"jsonrpc":"2.0","id":1,"method":"ping"}'
		});
		expect(await response.text()).toBe('{"jsonrpc":"2.0","id":1,"result":{}}');
		await new Promise((r) => setTimeout(r, 10));
		const entry = updates.at(-1)!;
		expect(entry.status).toBe(200);
		expect(entry.method).toBe('POST');
		expect(entry.requestHeaders['authorization']).toBe('Bearer ••••••');
		expect(entry.responseHeaders['mcp-session-id']).toBe('s1');
		expect(entry.responseBody).toBe('{"jsonrpc":"2.0","id":1,"result":{}}');
		expect(JSON.stringify(updates)).not.toContain('top-secret');
	});

	it('records a failed request with its error and rethrows it', async () => {
		const recorder = new TrafficRecorder();
		const seen: HttpEntry[] = [];
		const fetch = createRecordingFetch({
			recorder,
			fetch: async () => {
				throw new TypeError('Failed to fetch');
			},
			onExchange: (e) => seen.push(e)
		});
		await expect(fetch('http://127.0.0.1:9/mcp')).rejects.toThrow('Failed to fetch');
		expect(seen[0].status).toBeUndefined();
		expect(seen[0].error).toContain('Failed to fetch');
	});

	it('makes the values of secret request headers known secrets, so that an echo of one is masked', async () => {
		const recorder = new TrafficRecorder();
		const fetch = createRecordingFetch({
			recorder,
			secretHeaders: new Set(['x-tenant']),
			fetch: async () => new Response('{"jsonrpc":"2.0","id":1,"result":{}}', { status: 200 })
		});
		await fetch('http://x.test/mcp', {
			method: 'POST',
			headers: {
				Authorization: 'Bearer tok-abcdef',
				'X-Tenant': 'tenant-secret',
				'Content-Type': 'application/json'
			},
			body: '{}'
		});
		expect([...recorder.secrets.texts()].sort()).toEqual(['tenant-secret', 'tok-abcdef']);
	});
});
