import { describe, expect, it } from 'vitest';
import {
	codeLoadProblem,
	isCodeLoadError,
	isWorkerLoadFailure,
	watchWorkerStart
} from '../../src/lib/core/code-load';
import { isNetworkError } from '../../src/lib/core/errors';
import { explainError } from '../../src/lib/core/explain-error';

const url = new URL('http://127.0.0.1:3001/mcp');
const chromium = new TypeError(
	'Failed to fetch dynamically imported module: http://127.0.0.1:4173/_app/immutable/chunks/B_gCG8W-.js'
);

describe("Loupe's own code that did not load", () => {
	it('is recognised in each browser\'s words, and is not "the server did not answer"', () => {
		for (const message of [
			chromium.message,
			'error loading dynamically imported module: http://x/_app/a.js',
			'Importing a module script failed.',
			'Unable to preload CSS for /_app/immutable/assets/x.css'
		])
			expect(isCodeLoadError(new TypeError(message)), message).toBe(true);
		expect(isCodeLoadError(new TypeError('Failed to fetch'))).toBe(false);
		expect(isNetworkError(new TypeError('Failed to fetch'))).toBe(true);
		expect(isNetworkError(chromium)).toBe(false);
	});

	it('an action it failed says to reload the page, never the raw text or a server at fault', () => {
		const p = explainError(chromium, { url, action: 'connecting', reachable: false });
		expect(p).toEqual(codeLoadProblem('connecting'));
		expect(p.message).toBe(
			'Loupe could not finish connecting: part of its code did not load. It was probably updated on the server since this page was opened. Reload the page to continue.'
		);
		expect(p.message).not.toContain('dynamically imported');
		expect(p.corsMayExplain).toBe(false);
	});
});

describe('a module worker whose script did not load', () => {
	/** What the browser fires at a Worker: a bare Event when its script did not load, an ErrorEvent when it threw. */
	const loadFailure = () => new Event('error');
	const thrown = () => Object.assign(new Event('error'), { message: 'Uncaught TypeError: x' });

	it('is told apart from an error the running worker threw', () => {
		expect(isWorkerLoadFailure(loadFailure())).toBe(true);
		expect(isWorkerLoadFailure(thrown())).toBe(false);
		expect(isWorkerLoadFailure(new Event('messageerror'))).toBe(false);
		expect(isWorkerLoadFailure(undefined)).toBe(false);
	});

	it('is noted once, like any part of Loupe that did not load; a thrown error is not', () => {
		const worker = new EventTarget();
		let noted = 0;
		expect(watchWorkerStart(worker, () => noted++)).toBe(worker);
		worker.dispatchEvent(thrown());
		expect(noted).toBe(0);
		worker.dispatchEvent(loadFailure());
		worker.dispatchEvent(loadFailure());
		expect(noted).toBe(1);
	});
});
