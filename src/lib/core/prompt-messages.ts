/**
 * A prompts/get result read message by message: each content block goes through the same checks
 * as tool results, so an odd block is shown as JSON rather than breaking the view.
 */
import type { RequestOptions } from '@modelcontextprotocol/client';
import type { McpSession } from './session.js';
import { isObject, str } from './json-value.js';
import { toContentView, type ContentView } from './content-view.js';

export interface PromptMessageView {
	/** "user" or "assistant"; anything else is shown as sent, with a problem noted. */
	role: string;
	content: ContentView;
}

export interface PromptResultView {
	description?: string;
	messages: PromptMessageView[];
	problems: string[];
}

export interface PromptGetOutcome {
	view: PromptResultView;
	result: unknown;
	durationMs: number;
}

export function readPromptResult(result: unknown): PromptResultView {
	if (!isObject(result)) return { messages: [], problems: ['The result is not an object.'] };
	if (!Array.isArray(result.messages))
		return {
			description: str(result.description),
			messages: [],
			problems: ['The prompts/get result has no "messages" array.']
		};
	const problems: string[] = [];
	const messages: PromptMessageView[] = [];
	result.messages.forEach((m, i) => {
		if (!isObject(m)) {
			problems.push(`Message ${i + 1} is not an object.`);
			messages.push({ role: 'unknown', content: toContentView(m) });
			return;
		}
		const role = str(m.role) ?? 'unknown';
		if (role !== 'user' && role !== 'assistant')
			problems.push(
				`Message ${i + 1} has the role ${JSON.stringify(m.role)}; the spec allows "user" and "assistant".`
			);
		messages.push({ role, content: toContentView(m.content) });
	});
	return { description: str(result.description), messages, problems };
}

/** Sends prompts/get with the filled-in arguments (empty optional ones are left out). */
export async function getPrompt(
	session: McpSession,
	name: string,
	args: Record<string, string>,
	options?: RequestOptions
): Promise<PromptGetOutcome> {
	const started = performance.now();
	const result = await session.request('prompts/get', { name, arguments: args }, options);
	return { result, view: readPromptResult(result), durationMs: performance.now() - started };
}
