/**
 * The texts this tab knows to be secrets: tool arguments and elicitation answers that their schema
 * or name marks as secret, and the values of secret request headers (a bearer token, an API key).
 * One registry for the whole tab, so a secret typed for one server is masked wherever it shows up,
 * whichever server sends it back. Only kept in memory; masking them is secret-mask.ts's concern.
 */

/** Shorter secrets are not searched for in other text (see secret-mask.ts): they would match too much. */
export const MIN_SEARCHED = 4;

export class KnownSecrets {
	readonly #texts = new Set<string>();
	#listeners = new Set<() => void>();
	/** Goes up with every new secret: what was masked with an older version may need masking again. */
	version = 0;

	/** Adds texts; empty ones and those already known change nothing. */
	add(texts: Iterable<string>): void {
		let added = false;
		for (const text of texts)
			if (text && !this.#texts.has(text)) {
				this.#texts.add(text);
				added = true;
			}
		if (!added) return;
		this.version++;
		for (const listener of this.#listeners) listener();
	}

	get size(): number {
		return this.#texts.size;
	}

	/** How many secrets are searched for in text (MIN_SEARCHED characters or more). */
	get searched(): number {
		let n = 0;
		for (const text of this.#texts) if (text.length >= MIN_SEARCHED) n++;
		return n;
	}

	texts(): IterableIterator<string> {
		return this.#texts.values();
	}

	/** Hears each change; returns the way to stop. */
	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}
}
