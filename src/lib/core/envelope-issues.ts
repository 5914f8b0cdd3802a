/**
 * What the MCP SDK will refuse in a received JSON-RPC message's envelope, found ahead of it by
 * the traffic log (which reads every message itself). The SDK reads each message against its
 * JSON-RPC schemas (@modelcontextprotocol/core: JSONRPCMessageSchema), all strict: `jsonrpc`
 * exactly "2.0", an id that is a string or an integer, an object for `params` and `result`, an
 * error object with an integer code and a string message, and no other top-level member. A
 * message that breaks them never reaches the client: the SDK reports it through `onerror` and
 * drops it (on an event stream), or fails the request whose body carried it (a JSON body).
 * Error objects are worded as the issues the SDK reports (sdk-refusals.ts; both with issueLine):
 * "error.code: expected an integer, received …"; the rest as sentences that say what the
 * specifications want. Plain data work, part of the first screen: no SDK import.
 */
import { briefValue, isObject, issueLine, type JsonObject } from './json-value.js';

/** What a message means to be, read from the members it has. */
export type EnvelopeShape = 'request' | 'notification' | 'response' | 'error';

/** The top-level members each shape may have (JSON-RPC 2.0; the SDK's schemas are strict). */
const MEMBERS: Record<EnvelopeShape, readonly string[]> = {
	request: ['jsonrpc', 'id', 'method', 'params'],
	notification: ['jsonrpc', 'method', 'params'],
	response: ['jsonrpc', 'id', 'result'],
	error: ['jsonrpc', 'id', 'error']
};

/** How many unknown member names a sentence lists before "and N more". */
const LISTED_MEMBERS = 5;

/**
 * What the SDK refuses in a JSON-RPC error object (the schema wants an object with an integer
 * `code` and a string `message`), as issue lines; none when it is fine.
 */
function errorObjectIssues(error: unknown): string[] {
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

/**
 * Whether `message` has member `key`, as its JSON text would: a member set to undefined (as the
 * SDK leaves `params` in a message it sends) is not written, so it is not there.
 */
const has = (message: JsonObject, key: string) => message[key] !== undefined;

/** The shape `message` means to have: a method makes it a request or notification; undefined when it has no method, result or error. */
export function envelopeShape(message: JsonObject): EnvelopeShape | undefined {
	if (has(message, 'method')) return has(message, 'id') ? 'request' : 'notification';
	if (has(message, 'error')) return 'error';
	if (has(message, 'result')) return 'response';
	return undefined;
}

const NO_FAULTS: readonly string[] = Object.freeze([]);

/**
 * Every fault the SDK refuses in the envelope of `message`, meant as `shape`, one sentence each
 * (ending with a period); none when the client will read it.
 */
export function envelopeFaults(message: JsonObject, shape: EnvelopeShape): readonly string[] {
	// Read once per message, floods included: no array unless there is a fault.
	let faults: string[] | undefined;
	const both = shape === 'error' && has(message, 'result');
	if (!has(message, 'jsonrpc'))
		(faults ??= []).push(
			'No "jsonrpc" member: JSON-RPC 2.0 wants "jsonrpc": "2.0" in every message.'
		);
	else if (message.jsonrpc !== '2.0')
		(faults ??= []).push(
			`"jsonrpc" is ${briefValue(message.jsonrpc)}: JSON-RPC 2.0 wants exactly the string "2.0".`
		);
	if (shape === 'request' || shape === 'notification') {
		if (typeof message.method !== 'string')
			(faults ??= []).push(
				`"method" is ${briefValue(message.method)}: JSON-RPC 2.0 wants the method's name as a string.`
			);
		if (has(message, 'params') && !isObject(message.params))
			(faults ??= []).push(
				`"params" is ${briefValue(message.params)}: MCP wants an object (named parameters, never JSON-RPC's by-position array).`
			);
	}
	const idFault = idFaultOf(message, shape);
	if (idFault) (faults ??= []).push(idFault);
	if (both)
		(faults ??= []).push(
			'Both "result" and "error": a JSON-RPC 2.0 response carries exactly one of them.'
		);
	else if (shape === 'response' && !isObject(message.result))
		(faults ??= []).push(
			`"result" is ${briefValue(message.result)}: MCP wants a result to be an object.`
		);
	if (shape === 'error' && !both) {
		const issues = errorObjectIssues(message.error);
		if (issues.length) (faults ??= []).push(`A malformed error: ${issues.join('; ')}.`);
	}
	let unknown: string[] | undefined;
	for (const key in message)
		if (!MEMBERS[shape].includes(key) && !(both && key === 'result') && has(message, key))
			(unknown ??= []).push(key);
	if (unknown) (faults ??= []).push(unknownMembers(unknown, shape));
	return faults ?? NO_FAULTS;
}

/** What is wrong with the id of `message` as `shape`, if anything. */
function idFaultOf(message: JsonObject, shape: EnvelopeShape): string | undefined {
	if (shape === 'notification') return undefined;
	const { id } = message;
	if (id === undefined)
		return shape === 'response'
			? 'No "id": a response must carry the id of the request it answers.'
			: undefined;
	if (typeof id === 'string' || Number.isInteger(id)) return undefined;
	if (id === null) {
		// JSON-RPC 2.0 answers a message whose id could not be read with an error whose id is null.
		if (shape === 'error') return undefined;
		return shape === 'request'
			? '"id" is null: MCP wants a request\'s id to be a string or an integer, never null.'
			: '"id" is null: a result must carry the id of the request it answers, a string or an integer (JSON-RPC allows null only on an error).';
	}
	return `"id" is ${briefValue(id)}: JSON-RPC 2.0 and MCP want an id to be a string or an integer.`;
}

function unknownMembers(keys: string[], shape: EnvelopeShape): string {
	const names = keys.slice(0, LISTED_MEMBERS).map((k) => briefValue(k));
	const more = keys.length - names.length;
	const list = `${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
	const allowed = MEMBERS[shape];
	const what = shape === 'error' ? 'an error response' : `a ${shape}`;
	return `${keys.length === 1 ? 'A member' : 'Members'} JSON-RPC does not define: ${list}. The client accepts nothing else at the top level of ${what}, which has only ${allowed.slice(0, -1).join(', ')} and ${allowed[allowed.length - 1]}.`;
}
