/**
 * Big received messages are read for the traffic log in a module worker (core/received-text.ts,
 * core/worker-calls.ts); the machinery loads with the first big message, not with the first
 * screen. Where the worker cannot run, the promise rejects and the message is read on the page,
 * as small ones always are (core/wire-messages.ts).
 */
import type { ReceivedText } from '../core/received-text.js';
import { noteFailedStart } from './code-load.svelte.js';

let call: Promise<(text: string) => Promise<ReceivedText>> | undefined;

/** Reads a big received text in the worker (a BigTextReader, see core/wire-messages.ts). */
export function readBigReceivedText(text: string): Promise<ReceivedText> {
	call ??= import('../core/worker-calls.js').then(({ workerCalls }) => {
		const calls = workerCalls<null, ReceivedText>(
			// Vite bundles the worker as a file of its own; the CSP allows worker-src 'self'.
			// A script that does not load (gone after a redeploy) is said like any part of Loupe.
			() =>
				noteFailedStart(
					new Worker(new URL('./received-text.worker.ts', import.meta.url), {
						type: 'module',
						name: 'Loupe message reader'
					})
				),
			() => Promise.reject(new Error('The message reader worker is not available.'))
		);
		return (raw: string) => calls(null, raw);
	});
	return call.then((read) => read(text));
}
