/**
 * Which validation messages the form shows at its fields. The editor validates the whole value
 * (the list its summary shows); each message goes to the field at its path once that field has
 * been changed or left, and to every field once the person has tried to send (or edited the
 * value as JSON). One list, so the field and the summary never disagree.
 */
import { getContext, setContext } from 'svelte';
import {
	FIELD_BLURRED,
	FIELD_CHANGED,
	hasFieldStateByPath,
	type FormState,
	type RPath
} from '@sjsf/form';
import { pathFromLocation } from '@sjsf/form/core';
import { esc } from '$lib/core/json-value.js';
import { describePath, type ArgumentError } from '$lib/core/schema-validation.js';

export interface ShownError {
	path: RPath;
	/** The same place as a JSON Pointer into the value. */
	pointer: string;
	message: string;
}

/** The messages to show at fields, given the whole value's validation messages. */
export function shownErrors(
	form: FormState<unknown>,
	errors: readonly ArgumentError[],
	value: unknown,
	all: boolean
): ShownError[] {
	const out: ShownError[] = [];
	for (const e of errors) {
		const path = pathFromLocation(e.path, value);
		// A field's own place, or a place inside a field that edits a whole value (JSON text).
		const touched = (n: number): boolean =>
			n >= 0 &&
			(hasFieldStateByPath(form, path.slice(0, n), FIELD_BLURRED | FIELD_CHANGED) ||
				touched(n - 1));
		if (all || touched(path.length)) out.push({ path, pointer: e.path, message: e.message });
	}
	return out;
}

const KEY = Symbol('loupe-shown-errors');

export function provideShownErrors(get: () => ShownError[]): void {
	setContext(KEY, get);
}

export const pointerOf = (path: RPath) => path.map((p) => `/${esc(String(p))}`).join('');

/**
 * For a field that edits a whole value as JSON text (it has no fields inside): the messages
 * about places inside its value, each prefixed with where. Call during component setup.
 */
export function useMessagesInside(): (path: RPath) => string[] {
	const get = getContext<(() => ShownError[]) | undefined>(KEY);
	return (path) => {
		const prefix = pointerOf(path) + '/';
		return (get?.() ?? [])
			.filter((e) => e.pointer.startsWith(prefix))
			.map((e) => `${describePath('/' + e.pointer.slice(prefix.length))}: ${e.message}`);
	};
}
