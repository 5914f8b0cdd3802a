/**
 * Checking big structuredContent against its outputSchema away from the page's main thread: the
 * JSON text goes to a worker (any Worker-like object; the UI supplies a module worker running
 * validation-request.ts), which parses and validates it and answers with readable errors. If
 * the worker cannot start or fails, the check runs inline instead, so a verdict always comes.
 * This module loads no validator itself.
 */
import type { OutputVerdict } from './tool-result.js';

export interface SchemaCheck {
	valid: boolean;
	errors: string[];
}

export interface ValidationRequest {
	id: number;
	schema: Record<string, unknown>;
	/** The value to check, as JSON text (text crosses to a worker far faster than objects). */
	json: string;
}

export type ValidationReply = ({ id: number } & SchemaCheck) | { id: number; failure: string };

export interface ValidationRunner {
	/** Rejects when the schema cannot be used or the text is not JSON. */
	validate(schema: Record<string, unknown>, json: string): Promise<SchemaCheck>;
}

/** The part of a Worker this module uses. */
export interface WorkerLike {
	postMessage(message: ValidationRequest): void;
	addEventListener(type: 'message', listener: (event: { data: ValidationReply }) => void): void;
	addEventListener(type: 'error' | 'messageerror', listener: (event: unknown) => void): void;
	terminate(): void;
}

interface Pending {
	request: ValidationRequest;
	resolve: (check: SchemaCheck) => void;
	reject: (error: Error) => void;
}

/**
 * A runner that validates in a worker, started on first use. `fallback` is loaded only if the
 * worker fails: every request in flight then, and every later one, runs there.
 */
export function workerValidation(
	start: () => WorkerLike,
	fallback: () => Promise<ValidationRunner>
): ValidationRunner {
	let worker: WorkerLike | undefined;
	let failed = false;
	let nextId = 1;
	const pending = new Map<number, Pending>();

	const viaFallback = (p: Pending) =>
		fallback()
			.then((runner) => runner.validate(p.request.schema, p.request.json))
			.then(p.resolve, p.reject);

	const fail = () => {
		if (failed) return;
		failed = true;
		worker?.terminate();
		worker = undefined;
		const stranded = [...pending.values()];
		pending.clear();
		stranded.forEach(viaFallback);
	};

	const ensureWorker = (): WorkerLike | undefined => {
		if (worker || failed) return worker;
		try {
			worker = start();
		} catch {
			failed = true;
			return undefined;
		}
		worker.addEventListener('message', ({ data }) => {
			const p = pending.get(data.id);
			if (!p) return;
			pending.delete(data.id);
			if ('failure' in data) p.reject(new Error(data.failure));
			else p.resolve({ valid: data.valid, errors: data.errors });
		});
		worker.addEventListener('error', fail);
		worker.addEventListener('messageerror', fail);
		return worker;
	};

	return {
		validate(schema, json) {
			return new Promise<SchemaCheck>((resolve, reject) => {
				const p: Pending = { request: { id: nextId++, schema, json }, resolve, reject };
				const w = ensureWorker();
				if (!w) return void viaFallback(p);
				pending.set(p.request.id, p);
				try {
					w.postMessage(p.request);
				} catch {
					// e.g. a schema that cannot be cloned: this one runs inline
					pending.delete(p.request.id);
					void viaFallback(p);
				}
			});
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
