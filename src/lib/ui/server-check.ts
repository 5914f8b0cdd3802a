/**
 * Lets a failure shown anywhere (a tool call's result, a resource read) offer "Check server",
 * the CORS doctor, where CORS or reachability may explain it: the page provides the action
 * through Svelte context, and decides for which problems it is offered.
 */
import { getContext, setContext } from 'svelte';
import type { Problem } from '../core/errors.js';

const KEY = Symbol('loupe:server-check');

/** The check to offer for `problem`, or undefined where a server check cannot explain it. */
export type ServerCheckFor = (problem: Problem) => (() => void) | undefined;

export function provideServerCheck(checkFor: ServerCheckFor): void {
	setContext(KEY, checkFor);
}

/** The page's rule, when it provides one. */
export function serverCheckAction(): ServerCheckFor | undefined {
	return getContext<ServerCheckFor | undefined>(KEY);
}
