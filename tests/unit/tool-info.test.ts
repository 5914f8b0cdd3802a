import { describe, expect, it } from 'vitest';
import { isSafeIconUrl, readToolsPage } from '../../src/lib/core/tool-info';
import { readToolResult } from '../../src/lib/core/tool-result';
import { toContentView } from '../../src/lib/core/content-view';

describe('readToolsPage', () => {
	it('keeps good tools and reports bad entries instead of failing the whole list', () => {
		const { tools, problems, nextCursor } = readToolsPage({
			tools: [
				{ name: 'ok', inputSchema: { type: 'object' }, annotations: { readOnlyHint: true } },
				{ description: 'no name' },
				'garbage',
				{ name: 'no-schema' },
				{ name: 'ok', inputSchema: { type: 'object' } }
			],
			nextCursor: 'c2'
		});
		expect(tools.map((t) => t.name)).toEqual(['ok', 'no-schema', 'ok']);
		expect(problems).toHaveLength(2);
		expect(tools[1].problems[0]).toMatch(/no inputSchema/);
		expect(tools[2].problems[0]).toMatch(/also named "ok"/);
		expect(tools[0].annotations.readOnlyHint).toBe(true);
		expect(nextCursor).toBe('c2');
	});

	it('says what a name that is not a string is, and keeps the other tools', () => {
		const { tools, problems } = readToolsPage({
			tools: [
				{ name: 42, inputSchema: { type: 'object' } },
				{ name: 'ok', inputSchema: { type: 'object' } },
				{ name: ['a', 'b'], inputSchema: { type: 'object' } },
				{ name: '', inputSchema: { type: 'object' } },
				{ inputSchema: { type: 'object' } },
				7
			]
		});
		expect(tools.map((t) => t.name)).toEqual(['ok']);
		expect(problems).toEqual([
			'A tools/list entry has a name that is not a string (42) and was left out.',
			'A tools/list entry has a name that is not a string (["a","b"]) and was left out.',
			'A tools/list entry has an empty name and was left out.',
			'A tools/list entry has no name and was left out.',
			'A tools/list entry is not an object: 7'
		]);
	});

	it('drops icons that are not https: or data:image', () => {
		const { tools } = readToolsPage({
			tools: [
				{
					name: 't',
					inputSchema: { type: 'object' },
					icons: [
						{ src: 'javascript:alert(1)' },
						{ src: 'http://tracker.test/p.png' },
						{ src: 'https://cdn.test/i.png' },
						{ src: 'data:image/png;base64,AAAA' }
					]
				}
			]
		});
		expect(tools[0].icons.map((i) => i.src)).toEqual([
			'https://cdn.test/i.png',
			'data:image/png;base64,AAAA'
		]);
		expect(isSafeIconUrl('data:text/html;base64,AAAA')).toBe(false);
	});
});

describe('tool results', () => {
	it('refuses media with unchecked mime types (no SVG, no HTML)', () => {
		expect(toContentView({ type: 'image', mimeType: 'image/png', data: 'iVBORw0KGgo=' }).type).toBe(
			'image'
		);
		expect(toContentView({ type: 'image', mimeType: 'image/svg+xml', data: 'PHN2Zz4=' }).type).toBe(
			'unknown'
		);
		expect(toContentView({ type: 'image', mimeType: 'text/html', data: 'PGI+' }).type).toBe(
			'unknown'
		);
		expect(toContentView({ type: 'audio', mimeType: 'image/png', data: 'AAAA' }).type).toBe(
			'unknown'
		);
		expect(toContentView({ type: 'image', mimeType: 'image/png', data: 'not base64!' }).type).toBe(
			'unknown'
		);
	});

	it('validates structuredContent against outputSchema without failing the call', () => {
		const schema = {
			type: 'object',
			properties: { count: { type: 'integer' } },
			required: ['count']
		};
		expect(
			readToolResult({ content: [], structuredContent: { count: 3 } }, schema).verdict.status
		).toBe('valid');
		const bad = readToolResult(
			{ content: [{ type: 'text', text: 'x' }], structuredContent: { count: 'three' } },
			schema
		);
		expect(bad.verdict.status).toBe('invalid');
		expect(bad.verdict.status === 'invalid' && bad.verdict.errors.join(' ')).toMatch(/count/);
		expect(bad.content[0]).toEqual({ type: 'text', text: 'x' });
		expect(readToolResult({ content: [] }, schema).verdict.status).toBe('missing');
		expect(readToolResult({ content: [], isError: true }, schema).verdict.status).toBe('none');
		expect(readToolResult({ content: [], structuredContent: {} }).verdict.status).toBe('no-schema');
	});

	it('reports unknown content blocks and a broken result shape as data', () => {
		const view = readToolResult({ content: [{ type: 'hologram' }] });
		expect(view.content[0].type).toBe('unknown');
		expect(readToolResult('nope').problems[0]).toMatch(/not an object/);
	});
});

describe('Mcp-Param-* headers (x-mcp-header)', () => {
	it('finds declarations along properties only, and reports the ones that break the rules', async () => {
		const { findParamHeaders, paramHeaders } = await import('../../src/lib/core/param-headers');
		const { declarations, problems } = findParamHeaders({
			type: 'object',
			properties: {
				region: { type: 'string', 'x-mcp-header': 'Region' },
				nested: { type: 'object', properties: { id: { type: 'integer', 'x-mcp-header': 'Id' } } },
				ratio: { type: 'number', 'x-mcp-header': 'Ratio' },
				bad: { type: 'string', 'x-mcp-header': 'has space' },
				dup: { type: 'string', 'x-mcp-header': 'region' },
				list: { type: 'array', items: { type: 'string', 'x-mcp-header': 'Item' } }
			}
		});
		expect(declarations.map((d) => d.header)).toEqual(['Region', 'Id']);
		expect(problems).toHaveLength(3);
		expect(paramHeaders(declarations, { region: 'us', nested: { id: 7 } })).toEqual({
			'Mcp-Param-Region': 'us',
			'Mcp-Param-Id': '7'
		});
		expect(paramHeaders(declarations, { region: null })).toEqual({});
	});

	it('base64-encodes values that are not plain printable ASCII', async () => {
		const { encodeParamValue } = await import('../../src/lib/core/param-headers');
		expect(encodeParamValue('plain value')).toBe('plain value');
		expect(encodeParamValue('')).toBe('=?base64??=');
		expect(encodeParamValue(' padded')).toBe(`=?base64?${btoa(' padded')}?=`);
		expect(encodeParamValue('line\nbreak')).toBe(`=?base64?${btoa('line\nbreak')}?=`);
		expect(encodeParamValue('=?base64?abc?=')).toMatch(/^=\?base64\?.+\?=$/);
		expect(encodeParamValue('Zürich')).toBe('=?base64?WsO8cmljaA==?=');
	});
});

describe('content annotations', () => {
	it('are kept as plain notes, with junk left out', () => {
		const view = toContentView({
			type: 'text',
			text: 'x',
			annotations: {
				audience: ['user', 7],
				priority: 0.9,
				lastModified: '2026-01-01T00:00:00Z',
				extra: '<b>'
			}
		});
		expect(view.notes).toEqual({
			audience: ['user'],
			priority: 0.9,
			lastModified: '2026-01-01T00:00:00Z'
		});
		expect(toContentView({ type: 'text', text: 'x', annotations: 'nope' }).notes).toBeUndefined();
	});
});
