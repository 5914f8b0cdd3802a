/** Pure pieces: list diffs, log messages and levels, task objects, listen filters (timeouts: request-options.test.ts). */
import { describe, expect, it } from 'vitest';
import { describeDiff, diffByName, isEmptyDiff } from '../../src/lib/core/list-diff';
import {
	atLeast,
	readLogMessage,
	withLogLevel,
	LOG_LEVEL_META_KEY
} from '../../src/lib/core/logging';
import { isTerminal, pollDelay, readTask } from '../../src/lib/core/tasks';
import { describeFilter, listenFilter } from '../../src/lib/core/server-checks';

describe('diffByName', () => {
	it('names what came, went and changed', () => {
		const before = [{ name: 'a', d: 1 }, { name: 'b' }, { name: 'c', x: { p: 1, q: 2 } }];
		const after = [{ name: 'c', x: { q: 2, p: 1 } }, { name: 'a', d: 2 }, { name: 'new' }];
		const diff = diffByName(before, after);
		expect(diff).toEqual({ added: ['new'], removed: ['b'], changed: ['a'] });
		expect(describeDiff('Tools', diff)).toBe('Tools changed: +new −b ~a');
		expect(isEmptyDiff(diffByName(before, before))).toBe(true);
		expect(describeDiff('Tools', diffByName(before, before))).toBe(
			'Tools changed: nothing different'
		);
	});

	it('takes another key and caps a long description', () => {
		const diff = diffByName(
			[],
			Array.from({ length: 15 }, (_, i) => ({ uri: `u${i}` })),
			(r) => r.uri
		);
		expect(diff.added).toHaveLength(15);
		expect(describeDiff('Resources', diff, 3)).toBe('Resources changed: +u0 +u1 +u2 and 12 more');
	});
});

describe('log messages', () => {
	it('reads data as text or JSON and flags off-spec levels', () => {
		expect(readLogMessage({ level: 'info', logger: 'db', data: { a: 1 } }, 1, 5)).toEqual({
			seq: 1,
			time: 5,
			level: 'info',
			logger: 'db',
			text: '{"a":1}'
		});
		expect(readLogMessage({ level: 'loud', data: 'hi' }, 2, 5)).toMatchObject({
			level: 'loud',
			text: 'hi',
			problem: expect.stringContaining('loud')
		});
		expect(readLogMessage(null, 3, 5).problem).toBeTruthy();
		const cyclic: Record<string, unknown> = {};
		cyclic.self = cyclic;
		expect(readLogMessage({ level: 'info', data: cyclic }, 4, 5).text).toBe('[object Object]');
	});

	it('filters by minimum level', () => {
		expect(atLeast('warning', 'info')).toBe(true);
		expect(atLeast('debug', 'info')).toBe(false);
		expect(atLeast('weird', 'error')).toBe(true);
		expect(atLeast('debug', '')).toBe(true);
	});

	it('puts the level in _meta without overriding the caller', () => {
		expect(withLogLevel({ a: 1 }, 'info')).toEqual({
			a: 1,
			_meta: { [LOG_LEVEL_META_KEY]: 'info' }
		});
		expect(
			withLogLevel({ _meta: { [LOG_LEVEL_META_KEY]: 'error', progressToken: 1 } }, 'info')
		).toEqual({
			_meta: { [LOG_LEVEL_META_KEY]: 'error', progressToken: 1 }
		});
		expect(withLogLevel(undefined, undefined)).toBeUndefined();
	});
});

describe('tasks', () => {
	it('reads task objects defensively', () => {
		expect(
			readTask({ taskId: 't', status: 'working', pollInterval: 100, ttl: null, statusMessage: 'x' })
		).toEqual({
			taskId: 't',
			status: 'working',
			pollInterval: 100,
			ttl: null,
			statusMessage: 'x'
		});
		expect(readTask({ status: 'working' })).toBeUndefined();
		expect(readTask('nope')).toBeUndefined();
		expect(isTerminal('completed') && isTerminal('failed') && isTerminal('cancelled')).toBe(true);
		expect(isTerminal('working')).toBe(false);
		expect(pollDelay({ taskId: 't', status: 'working', pollInterval: 1 })).toBe(250);
		expect(pollDelay(undefined)).toBe(1000);
	});
});

describe('listen filter', () => {
	it('asks for what the server advertises', () => {
		expect(listenFilter({ tools: { listChanged: true }, resources: { subscribe: true } })).toEqual({
			toolsListChanged: true
		});
		expect(listenFilter({ tools: {} })).toBeUndefined();
		expect(describeFilter({ toolsListChanged: true, promptsListChanged: true })).toBe(
			'tools, prompts list changes'
		);
	});
});
