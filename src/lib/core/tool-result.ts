/**
 * Reading a tools/call result as the server sent it: content blocks checked one by one (so an
 * odd block is shown as JSON rather than breaking the view), and structuredContent checked
 * against the tool's outputSchema with the cfworker validator (no eval).
 */
import { isObject } from './json-value.js';
import { describePath, validateArguments } from './schema-validation.js';
import { looksBase64, SAFE_MEDIA } from './media.js';

/** Content annotations (who the block is for, how important it is), as plain words. */
export interface ContentNotes {
	audience?: string[];
	priority?: number;
	lastModified?: string;
}

export type ContentView = (
	| { type: 'text'; text: string }
	| { type: 'image' | 'audio'; mimeType: string; data: string }
	| { type: 'resource_link'; uri: string; name?: string; title?: string; description?: string; mimeType?: string }
	| { type: 'resource'; uri: string; mimeType?: string; text?: string; blob?: string }
	| { type: 'unknown'; reason: string; raw: unknown }
) & { notes?: ContentNotes };

function readNotes(block: Record<string, unknown>): ContentNotes | undefined {
	const a = isObject(block.annotations) ? block.annotations : undefined;
	if (!a) return undefined;
	const notes: ContentNotes = {};
	if (Array.isArray(a.audience)) notes.audience = a.audience.filter((x): x is string => typeof x === 'string');
	if (typeof a.priority === 'number' && Number.isFinite(a.priority)) notes.priority = a.priority;
	if (typeof a.lastModified === 'string') notes.lastModified = a.lastModified;
	return Object.keys(notes).length ? notes : undefined;
}

export type OutputVerdict =
	| { status: 'valid' }
	| { status: 'invalid'; errors: string[] }
	| { status: 'missing' }
	| { status: 'no-schema' }
	| { status: 'schema-error'; errors: string[] }
	| { status: 'none' };

export interface ToolResultView {
	isError: boolean;
	content: ContentView[];
	structuredContent?: unknown;
	verdict: OutputVerdict;
	/** Problems with the result's shape. */
	problems: string[];
}


export function toContentView(block: unknown): ContentView {
	if (!isObject(block)) return { type: 'unknown', reason: 'Not an object.', raw: block };
	const view = toContentViewOnly(block);
	const notes = readNotes(block);
	return notes ? { ...view, notes } : view;
}

function toContentViewOnly(block: Record<string, unknown>): ContentView {
	switch (block.type) {
		case 'text':
			return typeof block.text === 'string' ? { type: 'text', text: block.text } : { type: 'unknown', reason: 'Text block without text.', raw: block };
		case 'image':
		case 'audio': {
			const mimeType = typeof block.mimeType === 'string' ? block.mimeType.trim() : '';
			const data = typeof block.data === 'string' ? block.data : '';
			if (!SAFE_MEDIA.test(mimeType) || !mimeType.startsWith(block.type)) {
				return { type: 'unknown', reason: `The ${block.type} has a mimeType Loupe does not display: ${JSON.stringify(block.mimeType)}.`, raw: block };
			}
			if (!data || !looksBase64(data)) {
				return { type: 'unknown', reason: `The ${block.type} data is not base64.`, raw: block };
			}
			return { type: block.type, mimeType, data: data.replace(/\s+/g, '') };
		}
		case 'resource_link':
			if (typeof block.uri !== 'string') return { type: 'unknown', reason: 'Resource link without a uri.', raw: block };
			return {
				type: 'resource_link',
				uri: block.uri,
				name: typeof block.name === 'string' ? block.name : undefined,
				title: typeof block.title === 'string' ? block.title : undefined,
				description: typeof block.description === 'string' ? block.description : undefined,
				mimeType: typeof block.mimeType === 'string' ? block.mimeType : undefined
			};
		case 'resource': {
			const r = block.resource;
			if (!isObject(r) || typeof r.uri !== 'string') return { type: 'unknown', reason: 'Embedded resource without a uri.', raw: block };
			return {
				type: 'resource',
				uri: r.uri,
				mimeType: typeof r.mimeType === 'string' ? r.mimeType : undefined,
				text: typeof r.text === 'string' ? r.text : undefined,
				blob: typeof r.blob === 'string' ? r.blob : undefined
			};
		}
		default:
			return { type: 'unknown', reason: `Unknown content type ${JSON.stringify(block.type)}.`, raw: block };
	}
}

/** Validates a value against a JSON Schema; each message names the place in the value. */
export function validateAgainstSchema(schema: Record<string, unknown>, value: unknown): { valid: boolean; errors: string[] } {
	const { valid, errors } = validateArguments(schema, value);
	return { valid, errors: errors.map((e) => `${describePath(e.path) || 'value'}: ${e.message}`) };
}

export function checkStructuredContent(outputSchema: Record<string, unknown> | undefined, result: Record<string, unknown>): OutputVerdict {
	const has = 'structuredContent' in result && result.structuredContent !== undefined;
	if (!outputSchema) return has ? { status: 'no-schema' } : { status: 'none' };
	if (!has) return result.isError === true ? { status: 'none' } : { status: 'missing' };
	try {
		const { valid, errors } = validateAgainstSchema(outputSchema, result.structuredContent);
		return valid ? { status: 'valid' } : { status: 'invalid', errors };
	} catch (error) {
		return { status: 'schema-error', errors: [error instanceof Error ? error.message : String(error)] };
	}
}

export function readToolResult(result: unknown, outputSchema?: Record<string, unknown>): ToolResultView {
	if (!isObject(result)) {
		return { isError: true, content: [], verdict: { status: 'none' }, problems: ['The result is not an object.'] };
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
