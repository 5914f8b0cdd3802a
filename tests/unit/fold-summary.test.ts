import { describe, expect, it } from 'vitest';
import { EditorState } from '@codemirror/state';
import { ensureSyntaxTree, foldable } from '@codemirror/language';
import { json } from '@codemirror/lang-json';
import { foldSummary } from '../../src/lib/ui/viewer/fold-summary';

/** The summary of the fold that starts on the line holding `marker`. */
function summaryAt(text: string, marker: string): string | undefined {
	const created = EditorState.create({ doc: text, extensions: json() });
	// Parsed to the end (a view does this in the background), then taken into a state.
	if (!ensureSyntaxTree(created, created.doc.length, 10_000)) throw new Error('not parsed');
	const state = created.update({}).state;
	const line = state.doc.lineAt(text.indexOf(marker));
	const range = foldable(state, line.from, line.to);
	if (!range) throw new Error(`nothing to fold on line ${line.number}`);
	return foldSummary(state, range);
}

describe('fold-summary: what a folded object or array holds', () => {
	const text = JSON.stringify(
		{
			one: { a: 1 },
			three: { a: 1, b: [2], c: null },
			list: [1, 'two', { three: 3 }, [4], true, null],
			solo: ['x'],
			none: [],
			nested: { x: { y: {} } }
		},
		null,
		2
	);

	it("counts an object's keys and an array's items, not their insides", () => {
		expect(summaryAt(text, '"one"')).toBe('1 key');
		expect(summaryAt(text, '"three": {')).toBe('3 keys');
		expect(summaryAt(text, '"list"')).toBe('6 items');
		expect(summaryAt(text, '"solo"')).toBe('1 item');
		expect(summaryAt(text, '"nested"')).toBe('1 key');
		expect(summaryAt(text, '{')).toBe('6 keys');
	});

	it('writes big counts with separators', () => {
		const big = JSON.stringify({ items: Array.from({ length: 12_345 }, (_, i) => i) }, null, 2);
		expect(summaryAt(big, '"items"')).toBe('12,345 items');
	});
});
