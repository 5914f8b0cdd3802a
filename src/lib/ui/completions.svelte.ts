/**
 * Suggestions as the person types: one completion/complete per field after a short pause, the
 * answer to an older keystroke dropped, nothing sent when the server has no `completions`.
 */
import type { McpSession } from '../core/session.js';
import {
	complete,
	supportsCompletions,
	type CompletionRef,
	type CompletionView
} from '../core/completions.js';

const DEBOUNCE_MS = 200;

export interface FieldSuggestions extends CompletionView {
	/** The value these suggestions are for. */
	forValue: string;
	error?: string;
}

export class Completer {
	/** Suggestions by field key. */
	suggestions = $state.raw<Record<string, FieldSuggestions>>({});
	#timers = new Map<string, ReturnType<typeof setTimeout>>();
	#latest = new Map<string, number>();
	#seq = 0;

	constructor(private readonly session: () => McpSession | undefined) {}

	get enabled(): boolean {
		return supportsCompletions(this.session()?.details);
	}

	/** Asks for completions of `argument` after a pause; `key` names the field (e.g. prompt + argument). */
	request(
		key: string,
		ref: CompletionRef,
		argument: { name: string; value: string },
		context?: Record<string, string>
	): void {
		const session = this.session();
		if (!session || !supportsCompletions(session.details)) return;
		clearTimeout(this.#timers.get(key));
		this.#timers.set(
			key,
			setTimeout(() => {
				this.#timers.delete(key);
				void this.#ask(session, key, ref, argument, context);
			}, DEBOUNCE_MS)
		);
	}

	async #ask(
		session: McpSession,
		key: string,
		ref: CompletionRef,
		argument: { name: string; value: string },
		context?: Record<string, string>
	) {
		const seq = ++this.#seq;
		this.#latest.set(key, seq);
		let result: FieldSuggestions;
		try {
			result = { ...(await complete(session, ref, argument, context)), forValue: argument.value };
		} catch (error) {
			const problem = session.explain(error, 'completion/complete');
			result = {
				values: [],
				hasMore: false,
				problems: [],
				forValue: argument.value,
				error: problem.message
			};
		}
		if (this.#latest.get(key) !== seq || session !== this.session()) return;
		this.suggestions = { ...this.suggestions, [key]: result };
	}

	clear(key?: string): void {
		if (key === undefined) {
			for (const t of this.#timers.values()) clearTimeout(t);
			this.#timers.clear();
			this.#latest.clear();
			this.suggestions = {};
			return;
		}
		clearTimeout(this.#timers.get(key));
		this.#latest.delete(key);
		const { [key]: _, ...rest } = this.suggestions;
		this.suggestions = rest;
	}
}
