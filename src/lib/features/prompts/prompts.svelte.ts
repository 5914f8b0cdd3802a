/**
 * Prompts as the UI sees them: the server's list, the filter and selection, the values typed
 * into each prompt's arguments (with completions), and the last prompts/get of each prompt.
 */
import type { Problem } from '../../core/errors.js';
import { maskUrl } from '../../core/secrets.js';
import { listPrompts, promptArguments, type PromptInfo } from '../../core/prompts.js';
import type { PromptGetOutcome } from '../../core/prompt-messages.js';
import { Completer } from '../../ui/completions.svelte.js';
import { SessionList } from '../../ui/session-list.svelte.js';
import type { SessionEvents } from '../../ui/session-events.js';

export interface PromptRecord {
	name: string;
	outcome?: PromptGetOutcome;
	problem?: Problem;
}

export class PromptsState {
	/** The server's prompts and their filter. */
	readonly listing: SessionList<PromptInfo>;
	selectedName = $state<string | undefined>(undefined);
	/** The prompt being fetched, if any. */
	getting = $state<string | undefined>(undefined);
	/** The last prompts/get of each prompt, by name. */
	results = $state.raw<Record<string, PromptRecord>>({});
	/** Values typed into each prompt's arguments, by prompt name. */
	values = $state<Record<string, Record<string, string>>>({});
	readonly completer = new Completer(() => this.listing.session);

	#server = '';

	constructor(events: SessionEvents) {
		this.listing = new SessionList(
			{
				capability: 'prompts',
				unsupported: 'This server does not offer prompts.',
				method: 'prompts/list',
				fetch: (session) => listPrompts(session),
				changed: 'notifications/prompts/list_changed',
				fields: (p) => [p.name, p.title, p.description]
			},
			events
		);
		events.listen({
			ready: (session) => {
				const server = maskUrl(session.url.href);
				if (server !== this.#server) {
					this.results = {};
					this.values = {};
				}
				this.#server = server;
				this.completer.clear();
			},
			ended: () => this.completer.clear()
		});
	}

	selected = $derived.by(() => this.listing.items.find((p) => p.name === this.selectedName));

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
		this.completer.request(
			`${prompt.name}\n${argument}`,
			{ type: 'ref/prompt', name: prompt.name },
			{ name: argument, value: values[argument] ?? '' },
			{ ...values }
		);
	}

	/** Sends prompts/get; a missing required argument is reported without sending. */
	async get(prompt: PromptInfo): Promise<void> {
		const session = this.listing.session;
		if (!session || this.getting) return;
		const { args, missing } = promptArguments(prompt, this.valuesFor(prompt.name));
		if (missing.length) {
			this.results = {
				...this.results,
				[prompt.name]: {
					name: prompt.name,
					problem: {
						kind: 'bad-settings',
						message: `Fill in the required argument${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}.`,
						hints: []
					}
				}
			};
			return;
		}
		this.getting = prompt.name;
		let record: PromptRecord;
		try {
			// Reading messages uses the tool-result checks: loaded with the first get, not the first screen.
			const { getPrompt } = await import('../../core/prompt-messages.js');
			record = { name: prompt.name, outcome: await getPrompt(session, prompt.name, args) };
		} catch (error) {
			record = { name: prompt.name, problem: session.explain(error, `prompts/get ${prompt.name}`) };
		}
		this.getting = undefined;
		if (this.listing.isCurrent(session)) this.results = { ...this.results, [prompt.name]: record };
	}
}
