/** The requests waiting for an answer, and the failures Loupe makes when the answer cannot come. */
import { describe, expect, it } from 'vitest';
import { describeRequest, OpenRequests } from '../../src/lib/core/open-requests';

describe('OpenRequests', () => {
	it('names a request by its method and what it is about', () => {
		expect(describeRequest('tools/call', { name: 'get_weather' })).toBe('tools/call get_weather');
		expect(describeRequest('resources/read', { uri: 'demo://x' })).toBe('resources/read demo://x');
		expect(describeRequest('ping', undefined)).toBe('ping');
	});

	it('tracks requests until answered; notifications are not tracked', () => {
		const open = new OpenRequests();
		expect(open.sent({ jsonrpc: '2.0', method: 'notifications/initialized' })).toBeUndefined();
		expect(open.sent({ jsonrpc: '2.0', id: 3, method: 'ping' })).toBe(3);
		expect(open.isOpen(3)).toBe(true);
		open.settled(3);
		expect(open.size).toBe(0);
		expect(open.failure(3, 'stream-ended')).toBeUndefined();
	});

	it('fails a waiting request once, with a failure only this object recognises', () => {
		const open = new OpenRequests();
		open.sent({ jsonrpc: '2.0', id: 7, method: 'tools/call', params: { name: 'slow' } });
		const failure = open.failure(7, 'server-gone')!;
		expect(failure.id).toBe(7);
		expect(open.failure(7, 'server-gone')).toBeUndefined();
		// What the SDK builds from the error response: code, message, data.
		const sdkError = Object.assign(new Error(failure.error.message), {
			code: failure.error.code,
			data: failure.error.data
		});
		expect(new OpenRequests().problemOf(sdkError)).toBeUndefined();
		const problem = open.problemOf(sdkError);
		expect(problem?.message).toBe(
			'The connection broke while waiting for the answer to tools/call slow.'
		);
		expect(problem?.hints[0]).toContain('Nothing answers at the server address any more');
		// A server error that imitates the shape is not taken for Loupe's own.
		expect(
			open.problemOf(Object.assign(new Error('x'), { data: { loupeFailure: 'loupe-x:1' } }))
		).toBeUndefined();
	});
});
