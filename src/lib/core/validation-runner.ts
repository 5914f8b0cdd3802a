/**
 * Checking big structuredContent against its outputSchema away from the page's main thread: the
 * JSON text goes to a worker (any Worker-like object; the UI supplies a module worker running
 * validation-request.ts), in parts (worker-calls.ts), and the worker parses and validates it and
 * answers with readable errors. If the worker cannot start or fails, the check runs inline
 * instead, so a verdict always comes. This module loads no validator itself.
 */
import type { OutputVerdict } from './tool-result.js';
import { workerCalls, type WorkerLike } from './worker-calls.js';

export interface SchemaCheck {
	valid: boolean;
	errors: string[];
}

/** A check as it crosses to the worker, beside the JSON text (text crosses far faster than objects). */
export interface ValidationRequest {
	schema: Record<string, unknown>;
}

export type ValidationReply = SchemaCheck | { failure: string };

export type ValidationWorker = WorkerLike<ValidationRequest, ValidationReply>;

export interface ValidationRunner {
	/** Rejects when the schema cannot be used or the text is not JSON. */
	validate(schema: Record<string, unknown>, json: string): Promise<SchemaCheck>;
}

/**
 * A runner that validates in a worker, started on first use. `fallback` is loaded only if the
 * worker fails: every request in flight then, and every later one, runs there.
 */
export function workerValidation(
	start: () => ValidationWorker,
	fallback: () => Promise<ValidationRunner>
): ValidationRunner {
	const call = workerCalls<ValidationRequest, ValidationReply>(start, (request, json) =>
		fallback().then((runner) => runner.validate(request.schema, json))
	);
	return {
		async validate(schema, json) {
			const reply = await call({ schema }, json);
			if ('failure' in reply) throw new Error(reply.failure);
			return { valid: reply.valid, errors: reply.errors };
		}
	};
}

/**
 * The verdict of a result whose check was left for later (status "pending"), from the JSON text
 * of its structuredContent; any other verdict is already final.
 */
export async function settleVerdict(
	verdict: OutputVerdict,
	json: () => Promise<string> | string,
	runner: ValidationRunner
): Promise<OutputVerdict> {
	if (verdict.status !== 'pending') return verdict;
	try {
		const { valid, errors } = await runner.validate(verdict.schema, await json());
		return valid ? { status: 'valid' } : { status: 'invalid', errors };
	} catch (error) {
		return {
			status: 'schema-error',
			errors: [error instanceof Error ? error.message : String(error)]
		};
	}
}
