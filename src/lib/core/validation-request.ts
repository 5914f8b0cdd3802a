/**
 * One validation as a message: JSON text and a schema in, a verdict's valid flag and readable
 * errors out. What the validation worker does with each message, and what runs inline where
 * there is no worker (Node, tests, a worker that failed to start).
 */
import { validateAgainstSchema } from './tool-result.js';
import type {
	SchemaCheck,
	ValidationReply,
	ValidationRequest,
	ValidationRunner
} from './validation-runner.js';

export function answerValidationRequest(request: ValidationRequest): ValidationReply {
	try {
		const value: unknown = JSON.parse(request.json);
		return { id: request.id, ...validateAgainstSchema(request.schema, value, { parsed: true }) };
	} catch (error) {
		return { id: request.id, failure: error instanceof Error ? error.message : String(error) };
	}
}

/** Validation on the calling thread (one task of however long it takes). */
export const inlineValidation: ValidationRunner = {
	async validate(schema, json): Promise<SchemaCheck> {
		const reply = answerValidationRequest({ id: 0, schema, json });
		if ('failure' in reply) throw new Error(reply.failure);
		return { valid: reply.valid, errors: reply.errors };
	}
};
