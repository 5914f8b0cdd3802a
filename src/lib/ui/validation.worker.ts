/**
 * The module worker that checks big structuredContent against its outputSchema, so the page's
 * main thread never waits for it (see core/validation-runner.ts for the calls).
 */
import { answerValidation } from '../core/validation-request.js';
import type { ValidationReply, ValidationRequest } from '../core/validation-runner.js';
import { serveCalls, type WorkerScope } from '../core/worker-calls.js';

serveCalls(self as unknown as WorkerScope<ValidationRequest, ValidationReply>, (request, json) =>
	answerValidation(request.schema, json)
);
