/**
 * Loupe's own code that failed to load: a part fetched when first needed (a view, the session
 * code, a dialog) that the server no longer has. The usual cause is a page left open across a
 * redeploy: the new build's files have new names, the old ones are gone. Browsers word this in
 * their own way, and Chromium's wording ("Failed to fetch …") would otherwise pass for a server
 * that did not answer. A module worker whose script is gone says nothing but a bare `error` event.
 */
import type { Problem } from './errors.js';

export const APP_UPDATED =
	'Loupe was updated on the server since this page was opened. Reload the page to continue.';
export const CODE_NOT_LOADED =
	'Part of Loupe could not be loaded from the server it was opened from. Reload the page to continue.';

/** Chromium, Firefox, Safari, and Vite's own failure to preload a chunk's styles or imports. */
const CODE_LOAD_FAILURE =
	/failed to fetch dynamically imported module|error loading dynamically imported module|importing a module script failed|unable to preload css/i;

/** A dynamic import of Loupe's own code failed (not a request to an MCP server). */
export function isCodeLoadError(error: unknown): boolean {
	if (!error || typeof error !== 'object') return false;
	return CODE_LOAD_FAILURE.test(String((error as { message?: unknown }).message ?? ''));
}

/** The part of a Worker that tells whether it started. */
export interface StartingWorker {
	addEventListener(type: 'error', listener: (event: unknown) => void): void;
}

/**
 * A module worker whose script did not load (gone after a redeploy, say) or could not run: the
 * browser fires a plain `error` event at the Worker. An error the running worker threw comes as an
 * ErrorEvent, with its message: a failure of the work, not missing code.
 */
export function isWorkerLoadFailure(event: unknown): boolean {
	if (!event || typeof event !== 'object') return false;
	return (event as { type?: unknown }).type === 'error' && !('message' in event);
}

/** Calls `onLoadFailure` (once) when `worker` fails to load its script; returns the worker. */
export function watchWorkerStart<W extends StartingWorker>(
	worker: W,
	onLoadFailure: () => void
): W {
	let noted = false;
	worker.addEventListener('error', (event) => {
		if (noted || !isWorkerLoadFailure(event)) return;
		noted = true;
		onLoadFailure();
	});
	return worker;
}

/** The Problem for such a failure, where an action failed by it (connecting, a call). */
export function codeLoadProblem(action?: string): Problem {
	return {
		kind: 'unknown',
		message: `${action ? `Loupe could not finish ${action}: part` : 'Part'} of its code did not load. It was probably updated on the server since this page was opened. Reload the page to continue.`,
		hints: [],
		corsMayExplain: false
	};
}
