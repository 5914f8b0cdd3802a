/**
 * The slow parts of showing a result, done without freezing the page and at most once per value:
 * big values pretty-printed in time slices (core/json-text.ts), and big structuredContent checked
 * against its outputSchema in a module worker (core/validation-runner.ts). Small values are
 * formatted at once, as before.
 */
import { isSmallJson } from '../core/json-size.js';
import type { ValidationRunner } from '../core/validation-runner.js';
import type { OutputVerdict, ToolResultView } from '../core/tool-result.js';
import { noteFailedStart } from './code-load.svelte.js';

// The machinery for big values loads with the first big value, not with the first screen.
const slicedJson = () => import('../core/json-text.js');
const runnerModule = () => import('../core/validation-runner.js');

const texts = new WeakMap<object, Promise<string>>();

/** `JSON.stringify(value, null, 2)`: a string when it is quick, else a promise of it (shared by every caller). */
export function prettyJsonOf(value: unknown): string | Promise<string> {
	if (typeof value !== 'object' || value === null || isSmallJson(value))
		return JSON.stringify(value, null, 2) ?? String(value);
	let text = texts.get(value);
	if (!text) texts.set(value, (text = slicedJson().then((m) => m.prettyJsonSliced(value))));
	return text;
}

let runner: Promise<ValidationRunner> | undefined;
function validationRunner(): Promise<ValidationRunner> {
	const inline = () => import('../core/validation-request.js').then((m) => m.inlineValidation);
	runner ??= runnerModule().then((m) =>
		m.workerValidation(
			// Vite bundles the worker as a file of its own; the CSP allows worker-src 'self'.
			// A script that does not load (gone after a redeploy) is said like any part of Loupe.
			() =>
				noteFailedStart(
					new Worker(new URL('./validation.worker.ts', import.meta.url), {
						type: 'module',
						name: 'Loupe validation'
					})
				),
			inline
		)
	);
	return runner;
}

const verdicts = new WeakMap<ToolResultView, Promise<OutputVerdict>>();

/** The final verdict of a result whose check is pending (see readToolResult). */
export function verdictOf(view: ToolResultView): Promise<OutputVerdict> {
	let verdict = verdicts.get(view);
	if (!verdict) {
		verdict = Promise.all([runnerModule(), validationRunner()]).then(([m, r]) =>
			m.settleVerdict(view.verdict, () => prettyJsonOf(view.structuredContent), r)
		);
		verdicts.set(view, verdict);
	}
	return verdict;
}
