/**
 * What the MCP SDK will refuse in a received JSON-RPC message's envelope, found ahead of it by
 * the traffic log (which reads every message itself), worded as the issues the SDK reports
 * (sdk-refusals.ts; both with issueLine): "error.code: expected an integer, received …".
 * Plain data work, part of the first screen: no SDK import.
 */
import { briefValue, isObject, issueLine } from './json-value.js';

/**
 * What the SDK refuses in a JSON-RPC error object (the schema wants an object with an integer
 * `code` and a string `message`), as issue lines; none when it is fine.
 */
export function errorObjectIssues(error: unknown): string[] {
	const wrong = (value: unknown, expected: string) =>
		value === undefined ? 'missing' : `expected ${expected}, received ${briefValue(value)}`;
	if (!isObject(error)) return [issueLine(['error'], wrong(error, 'an object'))];
	const lines: string[] = [];
	if (!Number.isInteger(error.code))
		lines.push(issueLine(['error', 'code'], wrong(error.code, 'an integer')));
	if (typeof error.message !== 'string')
		lines.push(issueLine(['error', 'message'], wrong(error.message, 'a string')));
	return lines;
}
