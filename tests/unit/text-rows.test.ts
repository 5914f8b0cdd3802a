import { describe, expect, it } from 'vitest';
import {
	allRowStarts,
	isContinuation,
	rowStarts,
	rowText,
	type RowLimits
} from '../../src/lib/core/text-rows';

const rows = (text: string, limits: RowLimits = { maxChars: 10, maxLines: 1 }) => {
	const starts = allRowStarts(text, limits);
	return starts.map(
		(_, i) => (isContinuation(text, starts, i) ? '↪' : '') + rowText(text, starts, i)
	);
};

describe('text rows', () => {
	it('cuts at line breaks, and long lines into continuation rows', () => {
		expect(rows('one\ntwo\n\nthree')).toEqual(['one', 'two', '', 'three']);
		expect(rows('0123456789abcdefghijKL\nx')).toEqual(['0123456789', '↪abcdefghij', '↪KL', 'x']);
		// A line of exactly the maximum is one row, with or without its break.
		expect(rows('0123456789\n0123456789')).toEqual(['0123456789', '0123456789']);
		expect(rows('a\n')).toEqual(['a']);
		expect(rows('')).toEqual(['']);
	});

	it('puts several lines in a row, up to its limits', () => {
		expect(rows('a\nb\nc\nd\ne', { maxChars: 100, maxLines: 2 })).toEqual(['a\nb', 'c\nd', 'e']);
		// The row ends before a line that would take it past maxChars.
		expect(rows('abc\ndef\nghi\n0123456789AB', { maxChars: 8, maxLines: 10 })).toEqual([
			'abc\ndef',
			'ghi',
			'01234567',
			'↪89AB'
		]);
	});

	it('joins back into the exact text', () => {
		const text = 'line 1\r\n' + 'x'.repeat(35) + '\n\n😀'.repeat(20) + '\nend\n';
		for (const limits of [
			{ maxChars: 7, maxLines: 1 },
			{ maxChars: 7, maxLines: 3 },
			{ maxChars: 50, maxLines: 4 }
		]) {
			const starts = allRowStarts(text, limits);
			const joined = starts
				.map(
					(_, i) => (i && !isContinuation(text, starts, i) ? '\n' : '') + rowText(text, starts, i)
				)
				.join('');
			expect(joined + (text.endsWith('\n') ? '\n' : '')).toBe(text);
		}
	});

	it('never splits a surrogate pair', () => {
		const text = 'ab' + '😀'.repeat(10);
		for (const line of rows(text, { maxChars: 5 }))
			expect(line).not.toMatch(
				/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
			);
	});

	it('yields every batch of rows', () => {
		const starts: number[] = [];
		const steps = [...rowStarts('a\n'.repeat(100), starts, { maxLines: 1 }, 30)].length;
		expect(starts).toHaveLength(100);
		expect(steps).toBe(3);
	});
});
