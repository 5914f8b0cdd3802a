/**
 * Lets a resource_link anywhere in the UI (a tool result, a prompt message) open that resource
 * in the Resources view: the page provides the action through Svelte context.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('loupe:open-resource');

export type OpenResource = (uri: string) => void;

export function provideOpenResource(open: OpenResource): void {
	setContext(KEY, open);
}

/** The action, when the page provides one. */
export function openResourceAction(): OpenResource | undefined {
	return getContext<OpenResource | undefined>(KEY);
}
