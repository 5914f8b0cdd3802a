/**
 * What the MCP SDK refused, read from its error texts (explain-error.ts turns them into sentences).
 * Plain string work: no SDK import, so the first screen can use it.
 *
 * - schema issues: a message or an answer that breaks the MCP schema. The SDK says
 *   "Invalid result for tools/call: [ …issues… ]", or, when a received message is no JSON-RPC
 *   message at all, only the issues (zod's text: a JSON array).
 * - a redirect: the SDK follows none to another origin (its redirectPolicy).
 * - a legacy SSE `endpoint` event naming another origin: the SDK will not post there.
 *
 * Each issue is one issueLine, as envelope-issues.ts says what the traffic log finds first.
 */
import { issueLine } from './json-value.js';

export interface SchemaIssues {
	/** What broke the schema: "answer to tools/call", "message", "notification for …". */
	what: string;
	/** One line per issue: "path: what is wrong". */
	issues: string[];
}

interface Issue {
	code?: unknown;
	path?: unknown[];
	message?: unknown;
	errors?: unknown;
}

/** The issues in `text`; `strict`: only an array of zod issues (each with a code). */
function parseIssues(text: string, strict: boolean): Issue[] | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (!Array.isArray(parsed)) return undefined;
	if (strict && !(parsed.length && parsed.every((i) => i && typeof i === 'object' && 'code' in i)))
		return undefined;
	return parsed as Issue[];
}

/**
 * A union the value matched no branch of (a JSON-RPC message is a request, a notification, a
 * result or an error): the issues of the branch that came closest. That is the one whose shape
 * the value has, so whose issues are deepest (an error's `error.code`, rather than a request's
 * missing `method`), then the one with the fewest.
 */
function closestBranch(issue: Issue): Issue[] | undefined {
	if (issue.code !== 'invalid_union' || !Array.isArray(issue.errors)) return undefined;
	const branches = issue.errors.filter(
		(b): b is Issue[] =>
			Array.isArray(b) && b.length > 0 && b.every((i) => i && typeof i === 'object')
	);
	if (!branches.length) return undefined;
	const shallow = (b: Issue[]) =>
		b.filter((i) => !Array.isArray(i.path) || i.path.length <= 1).length;
	const score = (b: Issue[]) => shallow(b) * 1000 + b.length;
	return branches.reduce((best, b) => (score(b) < score(best) ? b : best));
}

function issueLines(issues: Issue[], depth = 0): string[] {
	return issues.flatMap((issue) => {
		const nested = depth < 3 ? closestBranch(issue) : undefined;
		if (nested) return issueLines(nested, depth + 1);
		const text =
			typeof issue.message === 'string' ? issue.message.replace(/^Invalid input: /, '') : 'invalid';
		return [issueLine(issue.path, text)];
	});
}

/** The schema issues in an SDK error text, if that is what it is. */
export function readSchemaIssues(message: string): SchemaIssues | undefined {
	const match =
		/^Invalid (result|params|request|notification|message)( for ([\w/.-]+))?:\s*(\[[\s\S]*\])\s*$/.exec(
			message
		);
	if (!match) {
		// Only the issues: a received message the SDK could not read as any JSON-RPC message.
		const bare = /^\s*\[[\s\S]*\]\s*$/.test(message) ? parseIssues(message, true) : undefined;
		return bare && { what: 'message', issues: issueLines(bare) };
	}
	const issues = parseIssues(match[4], false);
	if (!issues) return undefined;
	const what =
		match[1] === 'result'
			? `answer${match[3] ? ` to ${match[3]}` : ''}`
			: `${match[1]}${match[3] ? ` for ${match[3]}` : ''}`;
	return { what, issues: issueLines(issues) };
}

/** The SDK did not follow a redirect (to another origin, or one the browser does not show). */
export function isRedirectRefusal(message: string): boolean {
	return /redirect not followed/i.test(message);
}

/** A legacy SSE server named a messages endpoint on another origin; returns that origin. */
export function crossOriginEndpoint(message: string): string | undefined {
	return (
		/endpoint origin does not match connection origin:?\s*(\S*)/i.exec(message)?.[1] ?? undefined
	);
}
