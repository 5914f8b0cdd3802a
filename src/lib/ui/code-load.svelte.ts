/**
 * Loupe's own code that failed to load, said once for the whole page with a Reload button.
 * Every lazy import in the build goes through Vite's preload helper, which reports a failure as a
 * `vite:preloadError` event on window (and still rejects the import); an import outside it that
 * nobody caught ends as an unhandled rejection; a module worker whose script did not load, as a
 * bare `error` event at the worker (noteFailedStart; the work then runs on the page). The usual cause is a page left open across a
 * redeploy: SvelteKit's `updated.check()` (its _app/version.json) tells that apart from a network
 * or server failure, and the sentence says which.
 */
import { updated } from '$app/state';
import {
	APP_UPDATED,
	CODE_NOT_LOADED,
	isCodeLoadError,
	watchWorkerStart
} from '../core/code-load.js';

class CodeLoadState {
	/** The sentence to show, once a load failed and the version check answered. */
	message = $state<string | undefined>(undefined);
	#noted = false;

	/** A load failed: asks whether a new version is deployed, then says so (once per page). */
	async note(checkVersion: () => Promise<boolean> = () => updated.check()): Promise<void> {
		if (this.#noted) return;
		this.#noted = true;
		const newer = await checkVersion().catch(() => false);
		this.message = newer ? APP_UPDATED : CODE_NOT_LOADED;
	}
}

export const codeLoad = new CodeLoadState();

/** Listens for failed loads of Loupe's code for as long as the page lives. */
export function watchCodeLoads(target: Window = window): void {
	target.addEventListener('vite:preloadError', () => void codeLoad.note());
	target.addEventListener('unhandledrejection', (event) => {
		if (isCodeLoadError(event.reason)) void codeLoad.note();
	});
}

/** A module worker, watched: if its script does not load, the page says so like any of its code. */
export function noteFailedStart(worker: Worker): Worker {
	return watchWorkerStart(worker, () => void codeLoad.note());
}
