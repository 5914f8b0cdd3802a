import { describe, expect, it } from 'vitest';
import { nextProgress, type Progress } from '../../src/lib/core/progress';

function run(reports: { progress: number; total?: number; message?: string }[]): Progress {
	let shown: Progress | undefined;
	for (const report of reports) shown = nextProgress(shown, report);
	return shown!;
}

describe('progress as the server reports it', () => {
	it('shows increasing progress as sent, without a note', () => {
		expect(
			run([
				{ progress: 1, total: 3 },
				{ progress: 2, total: 3, message: 'two' }
			])
		).toEqual({
			progress: 2,
			total: 3,
			message: 'two'
		});
		expect(run([{ progress: 0.5 }, { progress: 3, total: 3 }]).note).toBeUndefined();
	});

	it('progress that goes back is shown, with a note that the server is off-spec', () => {
		const shown = run([
			{ progress: 40, total: 100 },
			{ progress: 10, total: 100 }
		]);
		expect(shown.progress).toBe(10);
		expect(shown.note).toBe('progress went back from 40 to 10 (it must increase)');
	});

	it('progress past its total is shown, with a note', () => {
		const shown = run([{ progress: 60, total: 50 }]);
		expect(shown).toMatchObject({ progress: 60, total: 50 });
		expect(shown.note).toBe('progress 60 is past the total 50');
	});

	it('a note stays for the rest of the call; a later fault replaces it', () => {
		expect(run([{ progress: 5 }, { progress: 2 }, { progress: 3 }]).note).toBe(
			'progress went back from 5 to 2 (it must increase)'
		);
		expect(run([{ progress: 5 }, { progress: 2 }, { progress: 9, total: 8 }]).note).toBe(
			'progress 9 is past the total 8'
		);
	});

	it('progress that repeats a value is shown, with one note for the whole run of repeats', () => {
		const stayed = 'progress stayed at 40 (it must increase with each notification)';
		const shown = run([
			{ progress: 40, total: 100, message: 'a' },
			{ progress: 40, total: 100, message: 'b' }
		]);
		expect(shown).toMatchObject({ progress: 40, total: 100, message: 'b', note: stayed });
		// More repeats in the same run: the same note, not one per message (no count that grows).
		const notes = [40, 40, 40, 40].reduce<Progress[]>(
			(seen, progress) => [...seen, nextProgress(seen.at(-1), { progress })],
			[]
		);
		expect(notes.map((p) => p.note)).toEqual([undefined, stayed, stayed, stayed]);
		// Kept for the rest of the call; a new run of repeats is noted again.
		expect(run([{ progress: 40 }, { progress: 40 }, { progress: 50 }]).note).toBe(stayed);
		expect(run([{ progress: 40 }, { progress: 40 }, { progress: 50 }, { progress: 50 }]).note).toBe(
			'progress stayed at 50 (it must increase with each notification)'
		);
		expect(run([{ progress: 1 }, { progress: 2 }, { progress: 3 }]).note).toBeUndefined();
	});
});
