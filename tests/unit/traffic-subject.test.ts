/** What a message is about, as its Traffic row shows it. */
import { describe, expect, it } from 'vitest';
import { MAX_SUBJECT, messageSubject } from '../../src/lib/core/traffic-subject';

const subject = (method: string, params: unknown) =>
	messageSubject(method, { jsonrpc: '2.0', id: 1, method, params });

describe('messageSubject', () => {
	it('names the tool, resource, prompt or completion a request is about', () => {
		expect(subject('tools/call', { name: 'create_order', arguments: { item: 'x' } })).toBe(
			'create_order'
		);
		expect(subject('resources/read', { uri: 'demo://items/42' })).toBe('demo://items/42');
		expect(subject('resources/subscribe', { uri: 'demo://counter' })).toBe('demo://counter');
		expect(subject('resources/unsubscribe', { uri: 'demo://counter' })).toBe('demo://counter');
		expect(subject('prompts/get', { name: 'greet', arguments: {} })).toBe('greet');
		expect(
			subject('completion/complete', {
				ref: { type: 'ref/prompt', name: 'greet' },
				argument: { name: 'language', value: 'en' }
			})
		).toBe('greet · language');
		expect(
			subject('completion/complete', {
				ref: { type: 'ref/resource', uri: 'demo://items/{id}' },
				argument: { name: 'id', value: '' }
			})
		).toBe('demo://items/{id} · id');
		expect(subject('logging/setLevel', { level: 'debug' })).toBe('debug');
		expect(subject('tasks/get', { taskId: 't-1' })).toBe('t-1');
	});

	it('says what a notification is about', () => {
		expect(subject('notifications/resources/updated', { uri: 'demo://counter' })).toBe(
			'demo://counter'
		);
		expect(subject('notifications/message', { level: 'info', logger: 'demo', data: 'hi' })).toBe(
			'info · demo'
		);
		expect(subject('notifications/message', { level: 'error', data: 'hi' })).toBe('error');
		expect(subject('notifications/progress', { progressToken: 1, progress: 3, total: 10 })).toBe(
			'3/10'
		);
		expect(subject('notifications/cancelled', { requestId: 7 })).toBe('request 7');
		expect(subject('notifications/tasks/status', { taskId: 't-1', status: 'working' })).toBe(
			't-1 · working'
		);
	});

	it('has none for methods without one, or params that are not what they should be', () => {
		expect(subject('tools/list', {})).toBeUndefined();
		expect(subject('tools/call', { name: 42 })).toBe('42');
		expect(subject('tools/call', { name: { evil: true } })).toBeUndefined();
		expect(subject('tools/call', ['create_order'])).toBeUndefined();
		expect(subject('tools/call', undefined)).toBeUndefined();
		expect(subject('resources/read', { uri: '' })).toBeUndefined();
		expect(
			messageSubject('tools/call', { jsonrpc: '2.0', id: 1, method: 'tools/call', params: null })
		).toBeUndefined();
	});

	it('cuts a very long subject (the message keeps all of it)', () => {
		const uri = 'demo://files/' + 'a'.repeat(5000);
		const cut = subject('resources/read', { uri })!;
		expect(cut).toHaveLength(MAX_SUBJECT + 1);
		expect(cut.endsWith('…')).toBe(true);
		expect(uri.startsWith(cut.slice(0, -1))).toBe(true);
	});
});
