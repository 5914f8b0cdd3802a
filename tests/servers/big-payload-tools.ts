/**
 * Tools that return results of many megabytes, for Loupe's big-payload handling (the page must
 * not stall): `big_structured` (structuredContent with an outputSchema, valid or not),
 * `big_text` (one text block) and `big_resource` (an embedded text or blob resource, or an image).
 * Each payload is built once per size and kept.
 */
import {
	fromJsonSchema,
	type JsonSchemaType,
	type JsonSchemaValidator,
	type jsonSchemaValidator,
	type McpServer
} from '@modelcontextprotocol/server';
import { noisePng } from './png';

const MB = 1_000_000;

const megabytesInput = {
	type: 'number',
	exclusiveMinimum: 0,
	maximum: 50,
	default: 10,
	description: 'Size of the payload in megabytes (10^6 bytes)'
} as const;

export const bigStructuredOutput: JsonSchemaType = {
	type: 'object',
	properties: {
		count: { type: 'integer', minimum: 0 },
		items: {
			type: 'array',
			items: {
				type: 'object',
				properties: {
					id: { type: 'integer', minimum: 0 },
					sku: { type: 'string', pattern: '^SKU-[0-9]{6}$' },
					name: { type: 'string', minLength: 1 },
					price: { type: 'number', minimum: 0 },
					tags: {
						type: 'array',
						items: { type: 'string', enum: ['red', 'green', 'blue', 'small', 'large'] }
					},
					inStock: { type: 'boolean' },
					note: { type: 'string' }
				},
				required: ['id', 'sku', 'name', 'price', 'tags', 'inStock'],
				additionalProperties: false
			}
		}
	},
	required: ['count', 'items'],
	additionalProperties: false
};

const COLOURS = ['red', 'green', 'blue'];

function item(id: number) {
	return {
		id,
		sku: `SKU-${String(id).padStart(6, '0')}`,
		name: `Item ${id}`,
		price: Math.round(((id * 7919) % 100_000) / 10) / 100,
		tags: [COLOURS[id % 3], id % 2 ? 'large' : 'small'],
		inStock: id % 5 !== 0,
		note: 'The quick brown fox jumps over the lazy dog.'
	};
}

/** About `megabytes` of JSON: {count, items}; when invalid, the last item's price is a string. */
export function bigStructured(
	megabytes: number,
	valid: boolean
): { count: number; items: ReturnType<typeof item>[] } {
	const perItem = JSON.stringify(item(50_000)).length + 1;
	const count = Math.max(1, Math.round((megabytes * MB) / perItem));
	const items = Array.from({ length: count }, (_, i) => item(i));
	if (!valid) (items[count - 1] as Record<string, unknown>).price = 'free';
	return { count, items };
}

/** Numbered lines of ASCII text, exactly `megabytes` × 10^6 characters. */
export function bigText(megabytes: number): string {
	const length = Math.round(megabytes * MB);
	const lines: string[] = [];
	let total = 0;
	for (let n = 0; total < length; n++) {
		const line = `${String(n).padStart(7, '0')} The quick brown fox jumps over the lazy dog. 0123456789\n`;
		lines.push(line);
		total += line.length;
	}
	return lines.join('').slice(0, length);
}

const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
	if (!cache.has(key)) {
		if (cache.size > 8) cache.clear();
		cache.set(key, make());
	}
	return cache.get(key) as T;
}

/** The server-side output check is off: the invalid variant must reach the client, whose verdict is under test. */
const acceptAnything: jsonSchemaValidator = {
	getValidator<T>(): JsonSchemaValidator<T> {
		return (input) => ({ valid: true, data: input as T, errorMessage: undefined });
	}
};

export function registerBigPayloadTools(server: McpServer): void {
	server.registerTool(
		'big_structured',
		{
			title: 'Big structured content',
			description:
				'Returns about `megabytes` MB of structuredContent (a list of items) with an outputSchema; `valid: false` breaks the last item.',
			inputSchema: fromJsonSchema<{ megabytes?: number; valid?: boolean }>({
				type: 'object',
				properties: {
					megabytes: megabytesInput,
					valid: {
						type: 'boolean',
						default: true,
						description: 'Whether the result matches the outputSchema'
					}
				}
			}),
			outputSchema: fromJsonSchema(bigStructuredOutput, acceptAnything),
			annotations: { readOnlyHint: true }
		},
		async ({ megabytes = 10, valid = true }) => {
			const structured = cached(`structured:${megabytes}:${valid}`, () =>
				bigStructured(megabytes, valid)
			);
			return {
				content: [
					{
						type: 'text',
						text: `${structured.count} items (${valid ? 'valid' : 'the last one breaks the outputSchema'})`
					}
				],
				structuredContent: structured
			};
		}
	);

	server.registerTool(
		'big_text',
		{
			title: 'Big text',
			description:
				'Returns one text block of exactly `megabytes` × 1,000,000 characters (numbered lines).',
			inputSchema: fromJsonSchema<{ megabytes?: number }>({
				type: 'object',
				properties: { megabytes: megabytesInput }
			}),
			annotations: { readOnlyHint: true }
		},
		async ({ megabytes = 10 }) => ({
			content: [{ type: 'text', text: cached(`text:${megabytes}`, () => bigText(megabytes)) }]
		})
	);

	server.registerTool(
		'big_resource',
		{
			title: 'Big resource',
			description:
				'Returns an embedded text resource, an embedded binary blob or a PNG picture (kind) of about `megabytes` MB.',
			inputSchema: fromJsonSchema<{ megabytes?: number; kind?: 'text' | 'blob' | 'image' }>({
				type: 'object',
				properties: {
					megabytes: megabytesInput,
					kind: { type: 'string', enum: ['text', 'blob', 'image'], default: 'text' }
				}
			}),
			annotations: { readOnlyHint: true }
		},
		async ({ megabytes = 10, kind = 'text' }) => {
			if (kind === 'image') {
				// An RGBA PNG of noise barely compresses: about 4 bytes a pixel.
				const side = Math.max(1, Math.round(Math.sqrt((megabytes * MB) / 4)));
				const data = cached(`image:${side}`, () => noisePng(side, side).toString('base64'));
				return { content: [{ type: 'image', mimeType: 'image/png', data }] };
			}
			if (kind === 'blob') {
				const blob = cached(`blob:${megabytes}`, () =>
					Buffer.from(bigText(megabytes)).toString('base64')
				);
				return {
					content: [
						{
							type: 'resource',
							resource: { uri: 'demo://big/blob.bin', mimeType: 'application/octet-stream', blob }
						}
					]
				};
			}
			const text = cached(`text:${megabytes}`, () => bigText(megabytes));
			return {
				content: [
					{
						type: 'resource',
						resource: { uri: 'demo://big/text.txt', mimeType: 'text/plain', text }
					}
				]
			};
		}
	);
}
