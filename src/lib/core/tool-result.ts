/**
 * Reading a tools/call result as the server sent it: content blocks checked one by one
 * (content-view.ts), and structuredContent checked
 * against the tool's outputSchema with the cfworker validator (no eval). Big structuredContent
 * is left "pending": its check runs later, off the main thread (validation-runner.ts).
 */
import { isObject } from './json-value.js';
import { describePath, validateArguments } from './schema-validation.js';
import { toContentView, type ContentView } from './content-view.js';
import { isSmallJson } from './json-size.js';

export type OutputVerdict =
	| { status: 'valid' }
	| { status: 'invalid'; errors: string[] }
	| { status: 'missing' }
	| { status: 'no-schema' }
	| { status: 'schema-error'; errors: string[] }
	| { status: 'none' }
	/** Too big to check at once: settleVerdict (validation-runner.ts) gives the verdict. */
	| { status: 'pending'; schema: Record<string, unknown> };

export interface ToolResultView {
	isError: boolean;
	content: ContentView[];
	structuredContent?: unknown;
	verdict: OutputVerdict;
	/** Problems with the result's shape. */
	problems: string[];
}

/**
 * Validates a value against a JSON Schema; each message names the place in the value.
 * `parsed`: the value came straight from JSON.parse, so it needs no defensive copy.
 */
export function validateAgainstSchema(
	schema: Record<string, unknown>,
	value: unknown,
	options?: { parsed?: boolean }
): { valid: boolean; errors: string[] } {
	const { valid, errors } = validateArguments(schema, value, options);
	return { valid, errors: errors.map((e) => `${describePath(e.path) || 'value'}: ${e.message}`) };
}

export function checkStructuredContent(
	outputSchema: Record<string, unknown> | undefined,
	result: Record<string, unknown>
): OutputVerdict {
	const has = 'structuredContent' in result && result.structuredContent !== undefined;
	if (!outputSchema) return has ? { status: 'no-schema' } : { status: 'none' };
	if (!has) return result.isError === true ? { status: 'none' } : { status: 'missing' };
	if (!isSmallJson(result.structuredContent)) return { status: 'pending', schema: outputSchema };
	try {
		const { valid, errors } = validateAgainstSchema(outputSchema, result.structuredContent);
		return valid ? { status: 'valid' } : { status: 'invalid', errors };
	} catch (error) {
		return {
			status: 'schema-error',
			errors: [error instanceof Error ? error.message : String(error)]
		};
	}
}

export function readToolResult(
	result: unknown,
	outputSchema?: Record<string, unknown>
): ToolResultView {
	if (!isObject(result)) {
		return {
			isError: true,
			content: [],
			verdict: { status: 'none' },
			problems: ['The result is not an object.']
		};
	}
	const problems: string[] = [];
	let content: ContentView[] = [];
	if (Array.isArray(result.content)) content = result.content.map(toContentView);
	else if (result.content !== undefined) problems.push('"content" is not an array.');
	else if (result.structuredContent === undefined) problems.push('The result has no "content".');
	return {
		isError: result.isError === true,
		content,
		structuredContent: result.structuredContent,
		verdict: checkStructuredContent(outputSchema, result),
		problems
	};
}
