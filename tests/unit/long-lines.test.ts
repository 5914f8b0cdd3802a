import { describe, expect, it } from 'vitest';
import { hasLineLongerThan } from '../../src/lib/ui/viewer/long-lines';

describe('long-lines: whether a text has a line too long to wrap', () => {
	it('finds a long line anywhere, and none where there is none', () => {
		expect(hasLineLongerThan('short', 10)).toBe(false);
		expect(hasLineLongerThan('x'.repeat(11), 10)).toBe(true);
		expect(hasLineLongerThan('x'.repeat(10), 10)).toBe(false);
		expect(hasLineLongerThan(`a\n${'x'.repeat(10)}\nb\n${'y'.repeat(10)}`, 10)).toBe(false);
		expect(hasLineLongerThan(`a\n${'x'.repeat(10)}\n${'y'.repeat(11)}\nb`, 10)).toBe(true);
		expect(hasLineLongerThan(`a\n${'x'.repeat(10)}\nb\n${'y'.repeat(11)}`, 10)).toBe(true);
	});
});
