import { describe, expect, it } from 'vitest';
import {
	lineAndColumn,
	reindentJson,
	reindentJsonSliced,
	reindentJsonSteps
} from '../../src/lib/core/json-reindent';

const layout = (text: string) => {
	const outcome = reindentJson(text);
	if (!outcome.ok) throw new Error(`not JSON: ${outcome.reason} at ${outcome.offset}`);
	return outcome.text;
};

/** A small deterministic random source, so a failure can be replayed. */
function random(seed: number) {
	return () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
}

function randomValue(rnd: () => number, depth = 0): unknown {
	const r = rnd();
	if (depth > 4 || r < 0.35) {
		const s = rnd();
		if (s < 0.2) return Math.round(rnd() * 1e6) / 100 - 5000;
		if (s < 0.3) return rnd() < 0.5;
		if (s < 0.35) return null;
		if (s < 0.4) return '';
		return [
			'plain',
			'quote " and \\ back',
			'line\nbreak\ttab',
			'é ünïcode 😀',
			'\u0001 control',
			'\u2028'
		][Math.floor(rnd() * 6)];
	}
	if (r < 0.65)
		return Array.from({ length: Math.floor(rnd() * 5) }, () => randomValue(rnd, depth + 1));
	return Object.fromEntries(
		Array.from({ length: Math.floor(rnd() * 5) }, (_, i) => [
			`k${i}${rnd() < 0.2 ? ' "odd"' : ''}`,
			randomValue(rnd, depth + 1)
		])
	);
}

describe('json-reindent: JSON text laid out token for token', () => {
	it('lays out what JSON.stringify wrote exactly as JSON.stringify(value, null, 2) would', () => {
		const rnd = random(7);
		for (let n = 0; n < 500; n++) {
			const value = randomValue(rnd);
			expect(layout(JSON.stringify(value))).toBe(JSON.stringify(value, null, 2));
		}
	});

	it('ignores the whitespace it was given', () => {
		const value = { a: [1, { b: [] }, {}], c: 'x y' };
		expect(layout(' {\n\t"a" :[ 1 ,{"b":[ ]},{ } ] ,\r\n"c":"x y"}  ')).toBe(
			JSON.stringify(value, null, 2)
		);
		expect(layout(JSON.stringify(value, null, 4))).toBe(JSON.stringify(value, null, 2));
	});

	it('keeps every token as sent: big integers, number spellings, escapes, duplicate keys', () => {
		expect(
			layout('{"id":12345678901234567890,"x":1.50,"y":1E+2,"s":"\\u00e9\\/","k":1,"k":2}')
		).toBe(
			'{\n  "id": 12345678901234567890,\n  "x": 1.50,\n  "y": 1E+2,\n  "s": "\\u00e9\\/",\n  "k": 1,\n  "k": 2\n}'
		);
		expect(layout('"just a string"')).toBe('"just a string"');
		expect(layout(' -0 ')).toBe('-0');
	});

	it('says where text stops being JSON, and why', () => {
		const cases: [string, number, RegExp][] = [
			['', 0, /expected a value but found the text ends/],
			['this is not JSON {', 0, /expected a value but found “t”/],
			['{"a":1,}', 7, /expected a key in double quotes but found “}”/],
			['[1,]', 3, /expected a value but found “]”/],
			['{"a" 1}', 5, /expected “:”/],
			['[1 2]', 3, /expected “,” or a closing bracket/],
			['[1}', 2, /expected “,” or a closing bracket/],
			['{"a":1} x', 8, /expected the end of the text/],
			['{"a":01}', 5, /not a valid number/],
			['[1.]', 1, /not a valid number/],
			['["a\tb"]', 1, /control character U\+0009/],
			['["a\\x"]', 1, /invalid escape “\\x”/],
			['["abc', 1, /not closed/],
			['{a:1}', 1, /expected a key in double quotes or “}” but found “a”/],
			['[tru]', 1, /expected a value/],
			['[1', 2, /the text ends/]
		];
		for (const [text, offset, reason] of cases) {
			const outcome = reindentJson(text);
			expect(outcome.ok, text).toBe(false);
			if (outcome.ok) continue;
			expect(outcome.problem, text).toBe('invalid');
			expect(outcome.offset, text).toBe(offset);
			expect(outcome.reason, text).toMatch(reason);
		}
	});

	it('accepts exactly what JSON.parse accepts (mutated JSON)', () => {
		const rnd = random(11);
		const alphabet = [
			'{',
			'}',
			'[',
			']',
			',',
			':',
			'"',
			'\\',
			'0',
			'1',
			'-',
			'.',
			'e',
			'E',
			'+',
			' ',
			'\n',
			'a',
			't',
			'n',
			'u',
			'\u0001'
		];
		for (let n = 0; n < 3000; n++) {
			const chars = [...JSON.stringify(randomValue(rnd))];
			for (let m = Math.floor(rnd() * 3); m >= 0; m--) {
				const at = Math.floor(rnd() * (chars.length + 1));
				const op = rnd();
				const c = alphabet[Math.floor(rnd() * alphabet.length)];
				if (op < 0.4) chars.splice(at, 0, c);
				else if (op < 0.7) chars.splice(at, 1);
				else chars.splice(at, 1, c);
			}
			const text = chars.join('');
			let parses = true;
			try {
				JSON.parse(text);
			} catch {
				parses = false;
			}
			expect(reindentJson(text).ok, JSON.stringify(text)).toBe(parses);
		}
	});

	it('works in many small steps on big text, and the sliced run gives the same text', async () => {
		const value = {
			items: Array.from({ length: 20_000 }, (_, i) => ({
				sku: `SKU-${i}`,
				price: i / 4,
				tags: ['a', 'b']
			}))
		};
		const text = JSON.stringify(value);
		const steps = reindentJsonSteps(text);
		let count = 0;
		while (!steps.next().done) count++;
		expect(count).toBeGreaterThan(50);
		const outcome = await reindentJsonSliced(text, { pause: () => Promise.resolve() });
		expect(outcome).toEqual({ ok: true, text: JSON.stringify(value, null, 2) });
	});

	it('handles nesting deeper than the call stack would, and gives up on a layout that would explode', () => {
		const deep = (n: number) => '['.repeat(n) + '0' + ']'.repeat(n);
		const nested = (n: number): unknown => (n ? [nested(n - 1)] : 0);
		expect(layout(deep(1000))).toBe(JSON.stringify(nested(1000), null, 2));
		const outcome = reindentJson(deep(100_000));
		expect(outcome).toMatchObject({ ok: false, problem: 'too-big' });
		if (!outcome.ok)
			expect(outcome.reason).toMatch(
				/more than 8 times its size \(it nests \d+ levels deep here\)/
			);
	});

	it('names lines and columns from 1', () => {
		expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
		expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
		expect(lineAndColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
	});
});
