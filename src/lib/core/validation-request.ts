/**
 * One validation: JSON text and a schema in, a verdict's valid flag and readable errors out.
 * What the validation worker does with each call, and what runs inline where there is no worker
 * (Node, tests, a worker that failed to start).
 */
import { validateAgainstSchema } from './tool-result.js';
import type { SchemaCheck, ValidationReply, ValidationRunner } from './validation-runner.js';

/** The verdict on `json` (parsed here), or why there is none (not JSON, an unusable schema). */
export function answerValidation(schema: Record<string, unknown>, json: string): ValidationReply {
	try {
		const value: unknown = JSON.parse(json);
		return validateAgainstSchema(schema, value, { parsed: true });
	} catch (error) {
		return { failure: error instanceof Error ? error.message : String(error) };
	}
}

/** Validation on the calling thread (one task of however long it takes). */
export const inlineValidation: ValidationRunner = {
	async validate(schema, json): Promise<SchemaCheck> {
		const reply = answerValidation(schema, json);
		if ('failure' in reply) throw new Error(reply.failure);
		return { valid: reply.valid, errors: reply.errors };
	}
};
