/**
 * Resources as Loupe shows them: what resources/list, resources/templates/list and
 * resources/read returned, checked field by field (one odd entry never hides the others), and
 * blobs classified so only safe image and audio types are ever displayed; everything else is
 * text or a download. Requests go through `session.request`, so off-spec replies still arrive.
 */
import type { RequestOptions } from '@modelcontextprotocol/client';
import type { McpSession, ServerDetails } from './session.js';
import { briefValue, isObject, str, stringFieldProblem } from './json-value.js';
import { readAllPages, readCursor, type AllPages, type ListPage } from './pages.js';
import { base64Bytes, looksBase64, SAFE_MEDIA, textFromBlob } from './media.js';

export interface ResourceInfo {
	uri: string;
	name: string;
	title?: string;
	description?: string;
	mimeType?: string;
	size?: number;
	/** What was wrong with this entry, in plain words. */
	problems: string[];
	raw: unknown;
}

export interface ResourceTemplateInfo {
	uriTemplate: string;
	name: string;
	title?: string;
	description?: string;
	mimeType?: string;
	problems: string[];
	raw: unknown;
}

/** One item of a resources/read result, as Loupe displays it. */
export type ResourceContentView =
	| { kind: 'text'; uri: string; mimeType?: string; text: string }
	| { kind: 'image' | 'audio'; uri: string; mimeType: string; data: string; bytes: number }
	/** A blob Loupe does not display: offered as a download only. */
	| {
			kind: 'binary';
			uri: string;
			mimeType?: string;
			data: string;
			bytes: number;
			/** A text-typed blob's UTF-8 text. */ text?: string;
	  }
	| { kind: 'invalid'; uri?: string; reason: string; raw: unknown };

export interface ResourceReadView {
	contents: ResourceContentView[];
	problems: string[];
}

export interface ResourceReadOutcome {
	view: ResourceReadView;
	/** The result object as received. */
	result: unknown;
	durationMs: number;
}

export function toResourceInfo(raw: unknown): ResourceInfo | { problem: string } {
	if (!isObject(raw))
		return { problem: `A resources/list entry is not an object: ${briefValue(raw)}` };
	const uriProblem = stringFieldProblem(raw.uri, 'uri');
	if (uriProblem) return { problem: `A resources/list entry ${uriProblem} and was left out.` };
	const uri = raw.uri as string;
	const problems: string[] = [];
	const nameProblem = stringFieldProblem(raw.name, 'name');
	if (nameProblem) problems.push(`The resource ${nameProblem}; the spec requires one.`);
	const name = nameProblem ? uri : (raw.name as string);
	let size: number | undefined;
	if (raw.size !== undefined) {
		if (typeof raw.size === 'number' && Number.isFinite(raw.size) && raw.size >= 0) size = raw.size;
		else problems.push('size is not a non-negative number and is ignored.');
	}
	return {
		uri,
		name,
		title: str(raw.title),
		description: str(raw.description),
		mimeType: str(raw.mimeType),
		size,
		problems,
		raw
	};
}

export function toResourceTemplateInfo(raw: unknown): ResourceTemplateInfo | { problem: string } {
	if (!isObject(raw))
		return {
			problem: `A resources/templates/list entry is not an object: ${briefValue(raw)}`
		};
	const templateProblem = stringFieldProblem(raw.uriTemplate, 'uriTemplate');
	if (templateProblem)
		return { problem: `A resource template ${templateProblem} and was left out.` };
	const uriTemplate = raw.uriTemplate as string;
	const problems: string[] = [];
	const nameProblem = stringFieldProblem(raw.name, 'name');
	if (nameProblem) problems.push(`The template ${nameProblem}; the spec requires one.`);
	const name = nameProblem ? uriTemplate : (raw.name as string);
	return {
		uriTemplate,
		name,
		title: str(raw.title),
		description: str(raw.description),
		mimeType: str(raw.mimeType),
		problems,
		raw
	};
}

function readPage<T>(
	result: unknown,
	key: string,
	method: string,
	convert: (raw: unknown) => T | { problem: string },
	id: (item: T) => string,
	noun: string
): ListPage<T> {
	if (!isObject(result) || !Array.isArray(result[key]))
		return { items: [], problems: [`The ${method} result has no "${key}" array.`] };
	const items: T[] = [];
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const entry of result[key] as unknown[]) {
		const item = convert(entry);
		if ('problem' in (item as object)) {
			problems.push((item as { problem: string }).problem);
			continue;
		}
		const itemId = id(item as T);
		if (seen.has(itemId)) problems.push(`The ${method} result lists ${noun} ${itemId} twice.`);
		seen.add(itemId);
		items.push(item as T);
	}
	return { items, problems, nextCursor: readCursor(result) };
}

export function readResourcesPage(result: unknown): ListPage<ResourceInfo> {
	return readPage(
		result,
		'resources',
		'resources/list',
		toResourceInfo,
		(r) => r.uri,
		'the resource'
	);
}

export function readTemplatesPage(result: unknown): ListPage<ResourceTemplateInfo> {
	return readPage(
		result,
		'resourceTemplates',
		'resources/templates/list',
		toResourceTemplateInfo,
		(t) => t.uriTemplate,
		'the template'
	);
}

function toContentView(raw: unknown): ResourceContentView {
	if (!isObject(raw)) return { kind: 'invalid', reason: 'A contents item is not an object.', raw };
	const uri = str(raw.uri);
	if (!uri) return { kind: 'invalid', reason: 'A contents item has no uri.', raw };
	const mimeType = str(raw.mimeType)?.trim() || undefined;
	if (typeof raw.text === 'string') return { kind: 'text', uri, mimeType, text: raw.text };
	if (typeof raw.blob === 'string') {
		const data = raw.blob.replace(/\s+/g, '');
		if (!looksBase64(data)) return { kind: 'invalid', uri, reason: 'The blob is not base64.', raw };
		const bytes = base64Bytes(data);
		const family = mimeType?.split('/')[0];
		if (mimeType && SAFE_MEDIA.test(mimeType) && (family === 'image' || family === 'audio') && data)
			return { kind: family, uri, mimeType, data, bytes };
		const text = textFromBlob(mimeType, data);
		return text === undefined
			? { kind: 'binary', uri, mimeType, data, bytes }
			: { kind: 'binary', uri, mimeType, data, bytes, text };
	}
	return { kind: 'invalid', uri, reason: 'A contents item has neither "text" nor "blob".', raw };
}

export function readResourceResult(result: unknown): ResourceReadView {
	if (!isObject(result)) return { contents: [], problems: ['The result is not an object.'] };
	if (!Array.isArray(result.contents))
		return { contents: [], problems: ['The resources/read result has no "contents" array.'] };
	const problems = result.contents.length === 0 ? ['The server returned no contents.'] : [];
	return { contents: result.contents.map(toContentView), problems };
}

export async function listResources(
	session: McpSession,
	options?: RequestOptions
): Promise<AllPages<ResourceInfo>> {
	return readAllPages(
		(cursor) => session.request('resources/list', cursor ? { cursor } : undefined, options),
		readResourcesPage,
		'resource list'
	);
}

export async function listResourceTemplates(
	session: McpSession,
	options?: RequestOptions
): Promise<AllPages<ResourceTemplateInfo>> {
	return readAllPages(
		(cursor) =>
			session.request('resources/templates/list', cursor ? { cursor } : undefined, options),
		readTemplatesPage,
		'resource template list'
	);
}

export async function readResource(
	session: McpSession,
	uri: string,
	options?: RequestOptions
): Promise<ResourceReadOutcome> {
	const started = performance.now();
	const result = await session.request('resources/read', { uri }, options);
	return { result, view: readResourceResult(result), durationMs: performance.now() - started };
}

export async function subscribeResource(
	session: McpSession,
	uri: string,
	options?: RequestOptions
): Promise<void> {
	await session.request('resources/subscribe', { uri }, options);
}

export async function unsubscribeResource(
	session: McpSession,
	uri: string,
	options?: RequestOptions
): Promise<void> {
	await session.request('resources/unsubscribe', { uri }, options);
}

/**
 * Whether resources can be subscribed to on this server, and how: resources/subscribe in the
 * 2025 era, a subscriptions/listen stream naming the URIs (`via: 'listen'`) in the 2026-07-28
 * era. If not, why, in plain words.
 */
export function subscribeSupport(
	details: Pick<ServerDetails, 'capabilities' | 'era' | 'protocolVersion'>
): { ok: true; via?: 'listen' } | { ok: false; note: string } {
	const resources = isObject(details.capabilities.resources)
		? details.capabilities.resources
		: undefined;
	if (resources?.subscribe !== true)
		return {
			ok: false,
			note: 'The server does not offer resource subscriptions (capabilities.resources.subscribe).'
		};
	return details.era === 'modern' ? { ok: true, via: 'listen' } : { ok: true };
}

/** The uri of a notifications/resources/updated, if it has one. */
export function updatedUri(params: unknown): string | undefined {
	return isObject(params) ? str(params.uri) : undefined;
}
