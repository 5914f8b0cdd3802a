/**
 * One content block as the server sent it (tool results, prompt messages, sampling messages),
 * checked on its own so an odd block is shown as JSON rather than breaking the view. No schema
 * validator here: this loads with the first screen's request views.
 */
import { isObject } from './json-value.js';
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
	| {
			type: 'resource_link';
			uri: string;
			name?: string;
			title?: string;
			description?: string;
			mimeType?: string;
	  }
	| { type: 'resource'; uri: string; mimeType?: string; text?: string; blob?: string }
	| { type: 'unknown'; reason: string; raw: unknown }
) & { notes?: ContentNotes };

function readNotes(block: Record<string, unknown>): ContentNotes | undefined {
	const a = isObject(block.annotations) ? block.annotations : undefined;
	if (!a) return undefined;
	const notes: ContentNotes = {};
	if (Array.isArray(a.audience))
		notes.audience = a.audience.filter((x): x is string => typeof x === 'string');
	if (typeof a.priority === 'number' && Number.isFinite(a.priority)) notes.priority = a.priority;
	if (typeof a.lastModified === 'string') notes.lastModified = a.lastModified;
	return Object.keys(notes).length ? notes : undefined;
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
			return typeof block.text === 'string'
				? { type: 'text', text: block.text }
				: { type: 'unknown', reason: 'Text block without text.', raw: block };
		case 'image':
		case 'audio': {
			const mimeType = typeof block.mimeType === 'string' ? block.mimeType.trim() : '';
			const data = typeof block.data === 'string' ? block.data : '';
			if (!SAFE_MEDIA.test(mimeType) || !mimeType.startsWith(block.type)) {
				return {
					type: 'unknown',
					reason: `The ${block.type} has a mimeType Loupe does not display: ${JSON.stringify(block.mimeType)}.`,
					raw: block
				};
			}
			if (!data || !looksBase64(data)) {
				return { type: 'unknown', reason: `The ${block.type} data is not base64.`, raw: block };
			}
			// Testing first spares copying megabytes of base64 that has no whitespace (the usual case).
			return {
				type: block.type,
				mimeType,
				data: /\s/.test(data) ? data.replace(/\s+/g, '') : data
			};
		}
		case 'resource_link':
			if (typeof block.uri !== 'string')
				return { type: 'unknown', reason: 'Resource link without a uri.', raw: block };
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
			if (!isObject(r) || typeof r.uri !== 'string')
				return { type: 'unknown', reason: 'Embedded resource without a uri.', raw: block };
			return {
				type: 'resource',
				uri: r.uri,
				mimeType: typeof r.mimeType === 'string' ? r.mimeType : undefined,
				text: typeof r.text === 'string' ? r.text : undefined,
				blob: typeof r.blob === 'string' ? r.blob : undefined
			};
		}
		default:
			return {
				type: 'unknown',
				reason: `Unknown content type ${JSON.stringify(block.type)}.`,
				raw: block
			};
	}
}
