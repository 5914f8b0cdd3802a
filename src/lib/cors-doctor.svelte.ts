/**
 * "Check server" as the UI sees it: the CORS doctor (./core/cors-doctor, loaded on first use)
 * run against the URL and settings in the connection bar, its verdicts as they come, and which
 * failures offer it. Its probes appear in Traffic like every other exchange.
 */
import type { HopVerdict } from './core/cors-doctor/index.js';
import { parseServerUrl, probeReachable, ProblemError, type Problem, type ProblemKind } from './core/errors.js';
import { maskUrl } from './core/secrets.js';
import type { ConnectionState } from './connection.svelte.js';
import type { AuthState } from './auth.svelte.js';
import type { TrafficLog } from './traffic-log.svelte.js';

/** Failures the doctor may explain: anything between "the server is up" and "it answered usefully". */
const CHECKABLE: ReadonlySet<ProblemKind> = new Set(['cors', 'unreachable', 'http', 'auth', 'closed', 'unknown']);

export function offersServerCheck(problem: Problem | undefined): boolean {
	return !!problem && CHECKABLE.has(problem.kind);
}

export class CorsDoctorState {
	/** The "Server check" region is shown. */
	open = $state(false);
	running = $state(false);
	/** The URL checked, masked. */
	url = $state('');
	verdicts = $state.raw<readonly HopVerdict[]>([]);
	/** Why the check could not start (a bad URL, say). */
	problem = $state<string | undefined>(undefined);
	#run = 0;

	constructor(
		private readonly connection: ConnectionState,
		private readonly auth: AuthState | undefined,
		private readonly log: TrafficLog
	) {}

	async check(): Promise<void> {
		const run = ++this.#run;
		this.open = true;
		this.verdicts = [];
		this.problem = undefined;
		let url: URL;
		let headers: Record<string, string>;
		try {
			url = parseServerUrl(this.connection.url);
			headers = this.connection.requestHeaders();
		} catch (error) {
			this.problem = error instanceof ProblemError ? error.problem.message : String(error);
			return;
		}
		this.url = maskUrl(url.href);
		this.running = true;
		try {
			const [{ checkServer }, { createRecordingFetch }, { browserFetch }] = await Promise.all([
				import('./core/cors-doctor/index.js'),
				import('./core/recording-fetch.js'),
				import('./core/local-network.js')
			]);
			const names = Object.keys(headers);
			const verdicts = await checkServer({
				url,
				origin: location.origin,
				// Every probe is in Traffic; the custom headers' names are all a probe carries of them.
				fetch: createRecordingFetch({ recorder: this.log.recorder, recordMessages: false }),
				reachable: (target) => probeReachable(target, browserFetch),
				authorization: names.some((n) => n.toLowerCase() === 'authorization') || !!this.auth?.signedIn || !!this.auth?.required,
				customHeaders: names.filter((n) => n.toLowerCase() !== 'authorization'),
				clientIdSet: !!this.auth?.clientId.trim(),
				clientSecretSet: !!this.auth?.clientSecret,
				onProgress: (verdicts) => {
					if (run === this.#run) this.verdicts = verdicts;
				}
			});
			if (run === this.#run) this.verdicts = verdicts;
		} catch (error) {
			if (run === this.#run) this.problem = `The check stopped: ${error instanceof Error ? error.message : String(error)}`;
		} finally {
			if (run === this.#run) this.running = false;
		}
	}

	close(): void {
		this.#run++;
		this.open = false;
		this.running = false;
	}
}
