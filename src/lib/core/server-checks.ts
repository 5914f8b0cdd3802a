/**
 * Small per-era server operations: ping with its round-trip time (the 2026-07-28 era has no
 * ping), and subscriptions/listen (the 2026-07-28 era's channel for list_changed and resource
 * updates) opened for what the server advertises.
 */
import type { McpSubscription, RequestOptions } from '@modelcontextprotocol/client';
import type { McpSession } from './session.js';
import { timeoutOptions } from './request-options.js';

/** Whether the session's era has ping; the reason when not. */
export function pingAvailable(session: McpSession): { ok: boolean; reason?: string } {
	return session.details.era === 'modern'
		? { ok: false, reason: 'The 2026-07-28 protocol has no ping.' }
		: { ok: true };
}

/** Sends ping and returns the round-trip time in milliseconds. */
export async function ping(session: McpSession, options?: RequestOptions): Promise<number> {
	const started = performance.now();
	await session.request('ping', undefined, options);
	return performance.now() - started;
}

export interface ListenFilter {
	toolsListChanged?: boolean;
	promptsListChanged?: boolean;
	resourcesListChanged?: boolean;
	resourceSubscriptions?: string[];
}

/** What to listen for: every list_changed kind the server's capabilities advertise. */
export function listenFilter(capabilities: Record<string, unknown>): ListenFilter | undefined {
	const flag = (name: string) => {
		const cap = capabilities[name];
		return (
			!!cap && typeof cap === 'object' && (cap as Record<string, unknown>).listChanged === true
		);
	};
	const filter: ListenFilter = {};
	if (flag('tools')) filter.toolsListChanged = true;
	if (flag('prompts')) filter.promptsListChanged = true;
	if (flag('resources')) filter.resourcesListChanged = true;
	return Object.keys(filter).length ? filter : undefined;
}

/** Human words for a filter: "tools, prompts list changes". */
export function describeFilter(filter: ListenFilter | Record<string, unknown>): string {
	const f = filter as ListenFilter;
	const kinds = [
		f.toolsListChanged && 'tools',
		f.promptsListChanged && 'prompts',
		f.resourcesListChanged && 'resources'
	].filter(Boolean);
	const parts: string[] = [];
	if (kinds.length) parts.push(`${kinds.join(', ')} list changes`);
	if (Array.isArray(f.resourceSubscriptions) && f.resourceSubscriptions.length)
		parts.push(`updates to ${f.resourceSubscriptions.length} resource(s)`);
	return parts.join('; ') || 'nothing';
}

/**
 * What reopening the listen stream with resource subscriptions came to: the URIs the server
 * honoured (its acknowledged filter) and a promise that settles, with what happened, if the
 * stream later ends on its own; or why there is no stream.
 */
export type ResourceListenOutcome =
	{ ok: true; honored: string[]; ended: Promise<string> } | { ok: false; message: string };

/**
 * Opens subscriptions/listen on a 2026-07-28 session; resolves once the server acknowledged it.
 * The person's request timeout bounds the wait for that acknowledgement (the SDK applies `timeout`
 * to the ack only; the open stream has no timeout).
 */
export function openListen(
	session: McpSession,
	filter: ListenFilter,
	options?: RequestOptions
): Promise<McpSubscription> {
	const settings = session.requestDefaults.timeouts;
	return session.client.listen(
		filter,
		settings ? { ...options, timeout: timeoutOptions(settings).timeout } : options
	);
}
