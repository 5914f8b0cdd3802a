/**
 * `Mcp-Param-{Name}` request headers (SEP-2243, 2026-07-28 era over Streamable HTTP): a tool's
 * inputSchema may mark primitive properties with `x-mcp-header: "<Name>"`, and a tools/call must
 * then mirror those argument values into headers, which servers check against the body.
 * Loupe sends tools/call raw (to show off-spec results), so it builds these headers itself.
 */

import { isObject } from './json-value.js';

export const PARAM_HEADER_PREFIX = 'Mcp-Param-';
const DECLARATION = 'x-mcp-header';
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PRIMITIVE = new Set(['string', 'integer', 'boolean']);
const SENTINEL_START = '=?base64?';
const SENTINEL_END = '?=';

export interface ParamHeaderDeclaration {
	/** Property names from the arguments object down to the value. */
	path: string[];
	header: string;
}

/**
 * Finds the declarations, following only chains of `properties` (the only places the spec allows
 * them). Declarations that break the rules are reported, not used.
 */
export function findParamHeaders(inputSchema: unknown): {
	declarations: ParamHeaderDeclaration[];
	problems: string[];
} {
	const declarations: ParamHeaderDeclaration[] = [];
	const problems: string[] = [];
	const seen = new Set<string>();
	const visit = (node: unknown, path: string[], depth: number) => {
		if (!isObject(node) || depth > 32) return;
		if (DECLARATION in node && path.length > 0) {
			const header = node[DECLARATION];
			const where = path.join('.');
			if (typeof header !== 'string' || !TOKEN.test(header))
				problems.push(`${where}: x-mcp-header must be a header-name token.`);
			else if (typeof node.type !== 'string' || !PRIMITIVE.has(node.type))
				problems.push(
					`${where}: x-mcp-header is allowed on string, integer and boolean properties only.`
				);
			else if (seen.has(header.toLowerCase()))
				problems.push(`${where}: x-mcp-header "${header}" is declared twice.`);
			else {
				seen.add(header.toLowerCase());
				declarations.push({ path, header });
			}
		}
		if (isObject(node.properties))
			for (const [key, child] of Object.entries(node.properties))
				visit(child, [...path, key], depth + 1);
	};
	visit(inputSchema, [], 0);
	return { declarations, problems };
}

function toBase64(text: string): string {
	let binary = '';
	for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
	return btoa(binary);
}

/** A header value as the spec encodes it: plain printable ASCII, else base64 inside a sentinel. */
export function encodeParamValue(value: string): string {
	const plain =
		value.length > 0 &&
		value === value.trim() &&
		/^[\t\x20-\x7e]*$/.test(value) &&
		!(value.startsWith(SENTINEL_START) && value.endsWith(SENTINEL_END));
	return plain ? value : `${SENTINEL_START}${toBase64(value)}${SENTINEL_END}`;
}

function primitiveText(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'boolean') return String(value);
	if (
		typeof value === 'number' &&
		Number.isFinite(value) &&
		(!Number.isInteger(value) || Number.isSafeInteger(value))
	)
		return String(value);
	return undefined;
}

/** The headers for one call: absent and null values send no header. */
export function paramHeaders(
	declarations: readonly ParamHeaderDeclaration[],
	args: Record<string, unknown>
): Record<string, string> {
	const headers: Record<string, string> = {};
	for (const { path, header } of declarations) {
		let value: unknown = args;
		for (const key of path) value = isObject(value) ? value[key] : undefined;
		const text = primitiveText(value);
		if (text !== undefined) headers[PARAM_HEADER_PREFIX + header] = encodeParamValue(text);
	}
	return headers;
}
