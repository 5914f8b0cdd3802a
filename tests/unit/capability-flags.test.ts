import { describe, expect, it } from 'vitest';
import { capabilityFlags } from '../../src/lib/core/capability-flags';

describe('capabilityFlags', () => {
	it('lists true flags and nested objects as dotted paths, not raw JSON', () => {
		// What the reference "everything" server declares for tasks (2025-11-25).
		expect(capabilityFlags({ list: {}, cancel: {}, requests: { tools: { call: {} } } })).toEqual([
			'list',
			'cancel',
			'requests.tools.call'
		]);
		expect(capabilityFlags({ subscribe: true, listChanged: true })).toEqual([
			'subscribe',
			'listChanged'
		]);
		expect(capabilityFlags({ listChanged: false })).toEqual([]);
		expect(capabilityFlags({})).toEqual([]);
	});

	it('shows other values as JSON and never recurses without end', () => {
		expect(capabilityFlags({ max: 3, modes: ['a'], name: '<b>x</b>' })).toEqual([
			'max: 3',
			'modes: ["a"]',
			'name: "<b>x</b>"'
		]);
		expect(capabilityFlags(null)).toEqual([]);
		expect(capabilityFlags('x')).toEqual([]);
		const deep = { a: { b: { c: { d: { e: { f: true } } } } } };
		expect(capabilityFlags(deep)).toEqual(['a.b.c.d.e: {"f":true}']);
	});
});
