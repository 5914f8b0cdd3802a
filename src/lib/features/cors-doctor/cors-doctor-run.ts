/**
 * One run of "Check server" for the page: the connection bar's URL and settings (names only of
 * secret ones) into the CORS doctor, its probes recorded in Traffic, its verdicts into the state
 * as they come. Loaded with the doctor's code, not with the first screen.
 */
import { checkServer, type HopVerdict } from '../../core/cors-doctor/index.js';
import { headerProbe } from '../../core/cors-doctor/probe-plan.js';
import { createRecordingFetch } from '../../core/recording-fetch.js';
import { parseServerUrl, probeReachable, ProblemError } from '../../core/errors.js';
import { browserFetch } from '../../core/local-network.js';
import { maskUrl } from '../../core/secrets.js';
import { resolve } from '$app/paths';
import type { ConnectionState } from '../connection/connection.svelte.js';
import type { AuthState } from '../auth/auth.svelte.js';
import type { TrafficLog } from '../traffic/traffic-log.svelte.js';
import type { TrafficItem } from '../../core/traffic.js';

export interface CheckTarget {
	url: string;
	running: boolean;
	verdicts: readonly HopVerdict[];
	problem: string | undefined;
}

/** Runs the check; `current()` is false once a newer run (or Close) replaced this one. */
export async function runCheck(
	target: CheckTarget,
	connection: ConnectionState,
	auth: AuthState | undefined,
	log: TrafficLog,
	current: () => boolean
): Promise<void> {
	let url: URL;
	let headers: Record<string, string>;
	try {
		url = parseServerUrl(connection.url);
		headers = connection.requestHeaders();
	} catch (error) {
		target.problem = error instanceof ProblemError ? error.problem.message : String(error);
		return;
	}
	target.url = maskUrl(url.href);
	target.running = true;
	const names = [...Object.keys(headers), ...refusedRequestHeaders(log.entries, url)];
	try {
		const verdicts = await checkServer({
			url,
			origin: location.origin,
			loupePage: new URL(resolve('/'), location.href).href,
			// Every probe is in Traffic; of the custom headers, only their names go out.
			fetch: createRecordingFetch({ recorder: log.recorder, recordMessages: false }),
			reachable: (target) => probeReachable(target, browserFetch),
			authorization:
				names.some((n) => n.toLowerCase() === 'authorization') ||
				!!auth?.signedIn ||
				!!auth?.required,
			customHeaders: names.filter((n) => n.toLowerCase() !== 'authorization'),
			clientIdSet: !!auth?.clientId.trim(),
			clientSecretSet: !!auth?.clientSecret,
			onProgress: (verdicts) => {
				if (current()) target.verdicts = verdicts;
			}
		});
		if (current()) target.verdicts = verdicts;
	} catch (error) {
		if (current())
			target.problem = `The check stopped: ${error instanceof Error ? error.message : String(error)}`;
	} finally {
		if (current()) target.running = false;
	}
}

/**
 * The names of the headers that requests to `url` carried when they got no answer at all (the
 * browser refused them, say): a per-tool header such as Mcp-Param-Region, which only some calls
 * send, is then probed too, and a check started from that call's alert names it.
 */
export function refusedRequestHeaders(entries: readonly TrafficItem[], url: URL): string[] {
	const names = new Map<string, string>();
	for (const e of entries) {
		if (e.type !== 'http' || e.status !== undefined || !e.error || e.url !== url.href) continue;
		for (const name of Object.keys(e.requestHeaders))
			if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), headerProbe(name).display);
	}
	return [...names.values()];
}
