/**
 * A sampling/createMessage request read defensively for display, and the reply a person composes.
 */
import { isObject, str } from './json-value.js';
import { toContentView, type ContentView } from './content-view.js';

export type SamplingBlock =
	| { type: 'content'; view: ContentView }
	| { type: 'tool_use'; id: string; name: string; input: unknown }
	| { type: 'tool_result'; toolUseId: string; content: ContentView[]; isError: boolean };

export interface SamplingMessageView {
	role: string;
	blocks: SamplingBlock[];
}

export interface SamplingToolView {
	name: string;
	description?: string;
	inputSchema?: unknown;
}

export interface SamplingRequestView {
	messages: SamplingMessageView[];
	systemPrompt?: string;
	modelHints: string[];
	priorities: { name: string; value: number }[];
	includeContext?: string;
	maxTokens?: number;
	temperature?: number;
	stopSequences: string[];
	tools: SamplingToolView[];
	toolChoice?: string;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function readBlock(block: unknown): SamplingBlock {
	if (isObject(block) && block.type === 'tool_use') {
		return {
			type: 'tool_use',
			id: str(block.id) ?? '',
			name: str(block.name) ?? '(no name)',
			input: block.input
		};
	}
	if (isObject(block) && block.type === 'tool_result') {
		const content = Array.isArray(block.content) ? block.content.map(toContentView) : [];
		return {
			type: 'tool_result',
			toolUseId: str(block.toolUseId) ?? '',
			content,
			isError: block.isError === true
		};
	}
	return { type: 'content', view: toContentView(block) };
}

export function readSamplingRequest(params: Record<string, unknown>): SamplingRequestView {
	const messages = (Array.isArray(params.messages) ? params.messages : []).map((m) => {
		const content = isObject(m) ? m.content : undefined;
		const blocks = (Array.isArray(content) ? content : [content]).map(readBlock);
		return { role: isObject(m) ? (str(m.role) ?? '?') : '?', blocks };
	});
	const prefs = isObject(params.modelPreferences) ? params.modelPreferences : {};
	const modelHints = (Array.isArray(prefs.hints) ? prefs.hints : []).flatMap((h) =>
		isObject(h) && typeof h.name === 'string' ? [h.name] : []
	);
	const priorities = (['costPriority', 'speedPriority', 'intelligencePriority'] as const).flatMap(
		(name) => {
			const value = num(prefs[name]);
			return value === undefined ? [] : [{ name: name.replace('Priority', ''), value }];
		}
	);
	const tools = (Array.isArray(params.tools) ? params.tools : []).flatMap((t) =>
		isObject(t) && typeof t.name === 'string'
			? [{ name: t.name, description: str(t.description), inputSchema: t.inputSchema }]
			: []
	);
	const choice = isObject(params.toolChoice) ? str(params.toolChoice.mode) : undefined;
	return {
		messages,
		systemPrompt: str(params.systemPrompt),
		modelHints,
		priorities,
		includeContext: str(params.includeContext),
		maxTokens: num(params.maxTokens),
		temperature: num(params.temperature),
		stopSequences: (Array.isArray(params.stopSequences) ? params.stopSequences : []).filter(
			(s): s is string => typeof s === 'string'
		),
		tools,
		toolChoice: choice
	};
}

export type SamplingReplyDraft =
	| { kind: 'text'; model: string; stopReason: string; text: string }
	| {
			kind: 'tool_use';
			model: string;
			stopReason: string;
			toolName: string;
			input: Record<string, unknown>;
			id?: string;
	  };

/** The CreateMessageResult for a person's draft: role assistant, their model name and stop reason. */
export function buildSamplingReply(draft: SamplingReplyDraft): Record<string, unknown> {
	const base = {
		role: 'assistant',
		model: draft.model.trim() || 'loupe-person',
		...(draft.stopReason ? { stopReason: draft.stopReason } : {})
	};
	if (draft.kind === 'text') return { ...base, content: { type: 'text', text: draft.text } };
	const id = draft.id ?? `call_${Math.random().toString(36).slice(2, 10)}`;
	return { ...base, content: [{ type: 'tool_use', id, name: draft.toolName, input: draft.input }] };
}
