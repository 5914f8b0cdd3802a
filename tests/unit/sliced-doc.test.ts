import { describe, expect, it } from 'vitest';
import { Text } from '@codemirror/state';
import { docOf, docSteps } from '../../src/lib/ui/viewer/sliced-doc';

function build(text: string, partChars: number) {
	const steps = docSteps(text, partChars);
	let count = 0;
	for (;;) {
		const step = steps.next();
		if (step.done) return { doc: step.value, count };
		count++;
	}
}

describe('sliced-doc: a CodeMirror document built a part at a time', () => {
	it('is the document Text.of(split lines) would give, for every kind of line break', () => {
		const texts = [
			'',
			'one line',
			'a\nb',
			'a\n',
			'\n\n\n',
			'x\r\ny\rz\n',
			'ab\r\ncd\r\nef',
			Array.from({ length: 500 }, (_, i) => `line ${i}${i % 7 ? '' : '\r'}`).join('\n') + '\n'
		];
		for (const text of texts) {
			const expected = Text.of(text.split(/\r\n?|\n/));
			for (const partChars of [1, 3, 10, 1000]) {
				const { doc } = build(text, partChars);
				expect(doc.toString(), JSON.stringify(text)).toBe(expected.toString());
				expect(doc.lines).toBe(expected.lines);
				expect(doc.length).toBe(expected.length);
			}
		}
	});

	it('takes many steps for a long text, none for a short one, and a single long line in one', async () => {
		const text = Array.from({ length: 40_000 }, (_, i) => `  "key${i}": ${i},`).join('\n');
		const { doc, count } = build(text, 64 * 1024);
		expect(count).toBeGreaterThan(5);
		expect(doc.lines).toBe(40_000);
		expect(build('short\ntext', 64 * 1024).count).toBe(0);
		expect(build('x'.repeat(300_000), 64 * 1024).count).toBe(1);
		expect((await docOf(text, { pause: () => Promise.resolve() })).toString()).toBe(text);
	});
});
