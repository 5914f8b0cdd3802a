/**
 * The timeout of one request, run by Loupe rather than by the SDK, so that it can stand still
 * while a person answers something the server asked during that request (sampling, elicitation).
 * The SDK cannot extend a request already in flight, so Loupe gives it no competing timeout and
 * aborts the request through its signal instead.
 *
 * Rules:
 * - The request timeout starts again on every progress notification (if asked to), and again,
 *   in full, once the person has answered: the server needs time to use the answer.
 * - The maximum total timeout counts the time the request waits on the server only: the time a
 *   person spends answering is left out of it too.
 * - Which requests wait on the person: a 2025-era server request arrives on the stream of the
 *   client request it belongs to, but the SDK does not say which one, and a 2026-07-28-era input
 *   request is asked inside the call's own retry loop without naming it either. So a question
 *   from the server holds every request of that connection that was already in flight when it
 *   arrived (the one it belongs to is among them). Requests sent later keep their own timeout.
 */
import type { RequestOptions } from '@modelcontextprotocol/client';

/** The longest delay setTimeout accepts (about 24.8 days): the SDK's timeout, never reached. */
export const NO_SDK_TIMEOUT = 2_147_483_647;
/** The SDK's own default, used when no setting applies. */
const DEFAULT_TIMEOUT_MS = 60_000;

/** A timeout Loupe declared; reads like the SDK's (code REQUEST_TIMEOUT) so explain-error.ts explains it alike. */
export class RequestTimeoutError extends Error {
	readonly code = 'REQUEST_TIMEOUT';
	constructor(
		message: string,
		readonly data: Record<string, number>
	) {
		super(message);
		this.name = 'RequestTimeoutError';
	}
}

/** The requests of one connection whose deadline is running, so a server's question can hold them. */
export class DeadlineBoard {
	readonly #running = new Set<RequestDeadline>();

	add(deadline: RequestDeadline): void {
		this.#running.add(deadline);
	}

	remove(deadline: RequestDeadline): void {
		this.#running.delete(deadline);
	}

	get size(): number {
		return this.#running.size;
	}

	/** Holds every deadline running now, until the returned function is called (once is enough). */
	holdRunning(): () => void {
		const releases = [...this.#running].map((d) => d.hold());
		let released = false;
		return () => {
			if (released) return;
			released = true;
			for (const release of releases) release();
		};
	}
}

const boards = new WeakMap<object, DeadlineBoard>();

/** The board of one SDK client (one connection); the session and the request handlers share it. */
export function deadlinesOf(client: object): DeadlineBoard {
	let board = boards.get(client);
	if (!board) boards.set(client, (board = new DeadlineBoard()));
	return board;
}

export interface DeadlineSettings {
	timeoutMs: number;
	/** Undefined or 0: no ceiling. */
	maxTotalMs?: number;
	resetOnProgress: boolean;
}

/** What the (already defaulted) request options ask for. */
export function deadlineSettings(options: RequestOptions | undefined): DeadlineSettings {
	return {
		timeoutMs: options?.timeout ?? DEFAULT_TIMEOUT_MS,
		maxTotalMs: options?.maxTotalTimeout,
		resetOnProgress: options?.resetTimeoutOnProgress ?? false
	};
}

export class RequestDeadline {
	readonly #controller = new AbortController();
	readonly #settings: DeadlineSettings;
	#board: DeadlineBoard | undefined;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#totalTimer: ReturnType<typeof setTimeout> | undefined;
	/** Time counted against the total ceiling before the current running stretch. */
	#totalUsedMs = 0;
	#runningSince = 0;
	#holds = 0;
	#done = false;
	/** Set once the deadline passed: the error the request fails with. */
	error: RequestTimeoutError | undefined;

	constructor(settings: DeadlineSettings) {
		this.#settings = settings;
	}

	/** Aborts when the deadline passes (its reason is `error`). */
	get signal(): AbortSignal {
		return this.#controller.signal;
	}

	get held(): boolean {
		return this.#holds > 0;
	}

	/** Starts both clocks and makes the deadline holdable through the board. */
	start(board?: DeadlineBoard): void {
		this.track(board);
		this.#run();
	}

	/** Moves to another connection's board (after the session was replaced). */
	track(board: DeadlineBoard | undefined): void {
		this.#board?.remove(this);
		this.#board = board;
		if (!this.#done) board?.add(this);
	}

	/** A progress notification arrived: the request timeout starts again (when so configured). */
	progress(): void {
		if (this.#done || this.held || !this.#settings.resetOnProgress) return;
		this.#armRequestTimer();
	}

	/** Stops both clocks until the returned function is called; holds nest. */
	hold(): () => void {
		if (this.#done) return () => {};
		if (this.#holds++ === 0) {
			this.#clearTimers();
			this.#totalUsedMs += Date.now() - this.#runningSince;
		}
		let released = false;
		return () => {
			if (released) return;
			released = true;
			if (--this.#holds === 0 && !this.#done) this.#run();
		};
	}

	/** The request ended: no more timers. */
	dispose(): void {
		this.#done = true;
		this.#clearTimers();
		this.#board?.remove(this);
	}

	/** The SDK options that leave the timing to this deadline, with the caller's signal and progress kept. */
	sdkOptions(options: RequestOptions | undefined): RequestOptions {
		const callerProgress = options?.onprogress;
		return {
			...options,
			timeout: NO_SDK_TIMEOUT,
			maxTotalTimeout: undefined,
			resetTimeoutOnProgress: false,
			signal: options?.signal ? AbortSignal.any([options.signal, this.signal]) : this.signal,
			// Only when the caller asked for progress: a progress token changes the request on the wire.
			onprogress: callerProgress
				? (progress) => {
						this.progress();
						callerProgress(progress);
					}
				: undefined
		};
	}

	#run(): void {
		this.#runningSince = Date.now();
		this.#armRequestTimer();
		const max = this.#settings.maxTotalMs;
		if (max && max > 0) {
			const left = max - this.#totalUsedMs;
			if (left <= 0)
				return this.#expire('Maximum total timeout exceeded', { maxTotalTimeout: max });
			this.#totalTimer = setTimeout(
				() => this.#expire('Maximum total timeout exceeded', { maxTotalTimeout: max }),
				left
			);
		}
	}

	#armRequestTimer(): void {
		clearTimeout(this.#timer);
		const timeout = this.#settings.timeoutMs;
		this.#timer = setTimeout(() => this.#expire('Request timed out', { timeout }), timeout);
	}

	#clearTimers(): void {
		clearTimeout(this.#timer);
		clearTimeout(this.#totalTimer);
		this.#timer = this.#totalTimer = undefined;
	}

	#expire(message: string, data: Record<string, number>): void {
		if (this.#done) return;
		this.error = new RequestTimeoutError(message, data);
		this.dispose();
		this.#controller.abort(this.error);
	}
}
