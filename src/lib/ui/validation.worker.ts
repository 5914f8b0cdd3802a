/**
 * The module worker that checks big structuredContent against its outputSchema, so the page's
 * main thread never waits for it (see core/validation-runner.ts for the messages).
 */
import { answerValidationRequest } from '../core/validation-request.js';
import type { ValidationRequest } from '../core/validation-runner.js';

self.addEventListener('message', (event: MessageEvent<ValidationRequest>) => {
	self.postMessage(answerValidationRequest(event.data));
});
