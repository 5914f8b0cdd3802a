/**
 * "Check server" as the UI sees it: the CORS doctor's verdicts as they come (the run itself,
 * ./cors-doctor-run.ts, loads on first use), and which failures offer it.
 */
import type { HopVerdict } from '../../core/cors-doctor/index.js';
import type { Problem, ProblemKind } from '../../core/errors.js';
import type { ConnectionState } from '../connection/connection.svelte.js';
import type { AuthState } from '../auth/auth.svelte.js';
import type { TrafficLog } from '../traffic/traffic-log.svelte.js';

/**
 * Failures CORS or reachability can cause, unless their explanation says otherwise
 * (`corsMayExplain`): a refusal CORS names, nothing answering, a 401 or 403 (CORS may hide
 * WWW-Authenticate or the OAuth metadata), a connection that closed or failed in an unknown way.
 * Not an HTTP status the page could read (the server was reached and let this page read it),
 * a timeout, or an answer that is not MCP.
 */
const CHECKABLE: ReadonlySet<ProblemKind> = new Set([
	'cors',
	'unreachable',
	'auth',
	'closed',
	'unknown'
]);

export function offersServerCheck(problem: Problem | undefined): boolean {
	return !!problem && (problem.corsMayExplain ?? CHECKABLE.has(problem.kind));
}

export class CorsDoctorState {
	/** The "Server check" region is shown. */
	open = $state(false);
	running = $state(false);
	/** The URL checked, masked. */
	url = $state('');
	verdicts = $state.raw<readonly HopVerdict[]>([]);
	/** Why the check could not start or finish (a bad URL, say). */
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
		const { runCheck } = await import('./cors-doctor-run.js');
		if (run === this.#run)
			await runCheck(this, this.connection, this.auth, this.log, () => run === this.#run);
	}

	close(): void {
		this.#run++;
		this.open = false;
		this.running = false;
	}
}
