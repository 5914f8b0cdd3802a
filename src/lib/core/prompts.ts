/**
 * Prompts as Loupe shows them: prompts/list entries checked field by field, and the arguments
 * to send. (A prompts/get result is read in prompt-messages.ts, loaded with the first get.)
 */
import type { RequestOptions } from '@modelcontextprotocol/client';
import type { McpSession } from './session.js';
import { briefValue, isObject, str, stringFieldProblem } from './json-value.js';
import { readAllPages, readCursor, type AllPages, type ListPage } from './pages.js';

export interface PromptArgumentInfo {
	name: string;
	title?: string;
	description?: string;
	required: boolean;
}

export interface PromptInfo {
	name: string;
	title?: string;
	description?: string;
	arguments: PromptArgumentInfo[];
	problems: string[];
	raw: unknown;
}

export function toPromptInfo(raw: unknown): PromptInfo | { problem: string } {
	if (!isObject(raw))
		return { problem: `A prompts/list entry is not an object: ${briefValue(raw)}` };
	const nameProblem = stringFieldProblem(raw.name, 'name');
	if (nameProblem) return { problem: `A prompts/list entry ${nameProblem} and was left out.` };
	const name = raw.name as string;
	const problems: string[] = [];
	const args: PromptArgumentInfo[] = [];
	if (Array.isArray(raw.arguments)) {
		const seen = new Set<string>();
		for (const a of raw.arguments) {
			if (!isObject(a)) {
				problems.push(`An argument is not an object (${briefValue(a)}) and was left out.`);
				continue;
			}
			const argProblem = stringFieldProblem(a.name, 'name');
			if (argProblem) {
				problems.push(`An argument ${argProblem} and was left out.`);
				continue;
			}
			const argName = a.name as string;
			if (seen.has(argName)) {
				problems.push(`The argument "${argName}" is listed twice; the second was left out.`);
				continue;
			}
			seen.add(argName);
			if (a.required !== undefined && typeof a.required !== 'boolean')
				problems.push(`"required" of argument "${argName}" is not a boolean.`);
			args.push({
				name: argName,
				title: str(a.title),
				description: str(a.description),
				required: a.required === true
			});
		}
	} else if (raw.arguments !== undefined) {
		problems.push('"arguments" is not an array and is ignored.');
	}
	return {
		name,
		title: str(raw.title),
		description: str(raw.description),
		arguments: args,
		problems,
		raw
	};
}

export function readPromptsPage(result: unknown): ListPage<PromptInfo> {
	if (!isObject(result) || !Array.isArray(result.prompts))
		return { items: [], problems: ['The prompts/list result has no "prompts" array.'] };
	const items: PromptInfo[] = [];
	const problems: string[] = [];
	const seen = new Set<string>();
	for (const entry of result.prompts) {
		const prompt = toPromptInfo(entry);
		if ('problem' in prompt) {
			problems.push(prompt.problem);
			continue;
		}
		if (seen.has(prompt.name))
			prompt.problems.push(`Another prompt is also named "${prompt.name}".`);
		seen.add(prompt.name);
		items.push(prompt);
	}
	return { items, problems, nextCursor: readCursor(result) };
}

export async function listPrompts(
	session: McpSession,
	options?: RequestOptions
): Promise<AllPages<PromptInfo>> {
	return readAllPages(
		(cursor) => session.request('prompts/list', cursor ? { cursor } : undefined, options),
		readPromptsPage,
		'prompt list'
	);
}

/** The arguments to send: empty values dropped; the names of required ones still missing. */
export function promptArguments(
	prompt: PromptInfo,
	values: Record<string, string>
): { args: Record<string, string>; missing: string[] } {
	const args: Record<string, string> = {};
	const missing: string[] = [];
	for (const a of prompt.arguments) {
		const v = values[a.name] ?? '';
		if (v !== '') args[a.name] = v;
		else if (a.required) missing.push(a.title ?? a.name);
	}
	return { args, missing };
}
