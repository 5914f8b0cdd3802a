import { describe, expect, it } from 'vitest';
import { prettyJsonPieces, prettyJsonSliced } from '../../src/lib/core/json-text';
import { BIG_JSON_NODES, countJsonNodes, isSmallJson } from '../../src/lib/core/json-size';
import { runSliced } from '../../src/lib/core/sliced-run';

const record = (i: number) => ({
	id: i,
	name: `Item ${i}`,
	tags: ['a', 'b'],
	nested: { ok: i % 2 === 0, none: null },
	note: 'line\nbreak "quoted" \u2028 😀'
});

/** Values big enough to be walked, with every odd corner JSON.stringify has. */
const cases: Record<string, unknown> = {
	'a big array of objects': Array.from({ length: 3000 }, (_, i) => record(i)),
	'a big object of big arrays': {
		first: Array.from({ length: 7000 }, (_, i) => i),
		second: Array.from({ length: 2000 }, (_, i) => record(i)),
		empty: [],
		blank: {}
	},
	'nested big arrays': [
		Array.from({ length: 6000 }, (_, i) => [i, `s${i}`]),
		[],
		[[[Array.from({ length: 6000 }, () => 'x')]]]
	],
	'left-out members': {
		big: Array.from({ length: 6000 }, (_, i) => (i % 3 ? i : undefined)),
		gone: undefined,
		fn: () => 1,
		nan: NaN,
		inf: -Infinity,
		date: new Date(0)
	},
	'odd keys': Object.fromEntries([
		['__proto__', { polluted: true }],
		['10', 'ten'],
		['2', 'two'],
		['', 'empty'],
		['a"b', Array.from({ length: 6000 }, (_, i) => ({ k: i }))]
	]),
	'an object whose members are all left out': {
		big: Array.from({ length: 6000 }, () => ({ u: undefined })),
		all: Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`k${i}`, undefined]))
	},
	'a huge string among small members': [
		'a',
		'x'.repeat(6_000_000),
		{ b: 'c'.repeat(3_000_000) },
		1
	],
	scalars: 42
};

function pretty(value: unknown): string {
	const out: string[] = [];
	for (const _ of prettyJsonPieces(value, out));
	return out.join('');
}

describe('json-text: JSON.stringify(value, null, 2) in pieces', () => {
	for (const [name, value] of Object.entries(cases)) {
		it(`gives exactly the native text for ${name}`, () => {
			expect(pretty(value)).toBe(JSON.stringify(value, null, 2));
		});
	}

	it('walks big values in many small steps, small ones in one', () => {
		const out: string[] = [];
		const steps = [...prettyJsonPieces(cases['a big array of objects'], out)].length;
		expect(steps).toBeGreaterThan(3);
		expect([...prettyJsonPieces({ small: [1, 2, 3] }, [])].length).toBe(0);
	});

	it('counts nodes only up to its limit', () => {
		expect(countJsonNodes({ a: [1, 2, { b: 'c' }] }, 100)).toBe(6);
		expect(
			countJsonNodes(
				Array.from({ length: 1e6 }, () => 0),
				100
			)
		).toBeGreaterThan(100);
		expect(isSmallJson('x'.repeat(10_000_000))).toBe(false);
		expect(isSmallJson(Array.from({ length: BIG_JSON_NODES - 1 }, () => 0))).toBe(true);
	});

	it('pauses between slices and can be stopped', async () => {
		let clock = 0;
		let pauses = 0;
		const text = await prettyJsonSliced(cases['a big array of objects'], {
			now: () => (clock += 5),
			pause: async () => void pauses++
		});
		expect(text).toBe(JSON.stringify(cases['a big array of objects'], null, 2));
		expect(pauses).toBeGreaterThan(0);
		const stop = new AbortController();
		stop.abort(new Error('no longer shown'));
		await expect(
			prettyJsonSliced(cases['a big array of objects'], { signal: stop.signal })
		).rejects.toThrow('no longer shown');
		await expect(runSliced([1, 2, 3][Symbol.iterator]())).resolves.toBeUndefined();
	});
});
