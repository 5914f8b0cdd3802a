/**
 * Prompts as the UI sees them: the server's list, the filter and selection, the values typed
 * into each prompt's arguments (with completions), and the last prompts/get of each prompt.
 */
import type { Notification } from '@modelcontextprotocol/client';
import type { McpSession } from './core/session.js';
import type { Problem } from './core/errors.js';
import { maskUrl } from './core/secrets.js';
import { listPrompts, promptArguments, type PromptInfo } from './core/prompts.js';
import type { PromptGetOutcome } from './core/prompt-messages.js';
import { Completer } from './completions.svelte.js';
import { filterByText } from './core/text-filter.js';
import type { ConnectionState } from './connection.svelte.js';

export interface PromptRecord {
	name: string;
	outcome?: PromptGetOutcome;
	problem?: Problem;
}

export class PromptsState {
	list = $state.raw<PromptInfo[]>([]);
	problems = $state.raw<string[]>([]);
	loading = $state(false);
	filter = $state('');
	selectedName = $state<string | undefined>(undefined);
	/** The prompt being fetched, if any. */
	getting = $state<string | undefined>(undefined);
	/** The last prompts/get of each prompt, by name. */
	results = $state.raw<Record<string, PromptRecord>>({});
	/** Values typed into each prompt's arguments, by prompt name. */
	values = $state<Record<string, Record<string, string>>>({});
	session = $state.raw<McpSession | undefined>(undefined);
	readonly completer = new Completer(() => this.session);

	#server = '';

	constructor(connection: ConnectionState) {
		connection.listen({
			ready: (session) => {
				const server = maskUrl(session.url.href);
				if (server !== this.#server) {
					this.results = {};
					this.values = {};
				}
				this.#server = server;
				this.session = session;
				this.completer.clear();
				void this.refresh();
			},
			ended: () => {
				this.session = undefined;
				this.list = [];
				this.problems = [];
				this.completer.clear();
			},
			notification: (n: Notification) => {
				if (n.method === 'notifications/prompts/list_changed') void this.refresh();
			}
		});
	}

	selected = $derived.by(() => this.list.find((p) => p.name === this.selectedName));

	visible = $derived.by(() => filterByText(this.list, this.filter, (p) => [p.name, p.title, p.description]));

	async refresh(): Promise<void> {
		const session = this.session;
		if (!session) return;
		if (!session.details.capabilities.prompts) {
			this.list = [];
			this.problems = ['This server does not offer prompts.'];
			return;
		}
		this.loading = true;
		try {
			const { items, problems } = await listPrompts(session);
			if (session !== this.session) return;
			this.list = items;
			this.problems = problems;
		} catch (error) {
			if (session !== this.session) return;
			const problem = session.explain(error, 'prompts/list');
			this.problems = [problem.message, ...problem.hints];
		} finally {
			if (session === this.session) this.loading = false;
		}
	}

	select(name: string | undefined): void {
		if (name !== undefined) this.values[name] ??= {};
		this.selectedName = name;
	}

	/** The values typed into a prompt's arguments (created when the prompt is selected). */
	valuesFor(name: string): Record<string, string> {
		return this.values[name] ?? {};
	}

	/** An argument changed: ask for completions, with the arguments filled in so far as context. */
	typed(prompt: PromptInfo, argument: string): void {
		const values = this.valuesFor(prompt.name);
		this.completer.request(`${prompt.name}\n${argument}`, { type: 'ref/prompt', name: prompt.name }, { name: argument, value: values[argument] ?? '' }, { ...values });
	}

	/** Sends prompts/get; a missing required argument is reported without sending. */
	async get(prompt: PromptInfo): Promise<void> {
		const session = this.session;
		if (!session || this.getting) return;
		const { args, missing } = promptArguments(prompt, this.valuesFor(prompt.name));
		if (missing.length) {
			this.results = {
				...this.results,
				[prompt.name]: {
					name: prompt.name,
					problem: { kind: 'bad-settings', message: `Fill in the required argument${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`, hints: [] }
				}
			};
			return;
		}
		this.getting = prompt.name;
		let record: PromptRecord;
		try {
			// Reading messages uses the tool-result checks: loaded with the first get, not the first screen.
			const { getPrompt } = await import('./core/prompt-messages.js');
			record = { name: prompt.name, outcome: await getPrompt(session, prompt.name, args) };
		} catch (error) {
			record = { name: prompt.name, problem: session.explain(error, `prompts/get ${prompt.name}`) };
		}
		this.getting = undefined;
		if (session === this.session) this.results = { ...this.results, [prompt.name]: record };
	}
}
