/**
 * Timeouts for every request Loupe sends: a per-request timeout that starts again whenever the
 * server reports progress, and a ceiling on the total time whatever progress says.
 */
import type { RequestOptions } from '@modelcontextprotocol/client';

export interface TimeoutSettings {
	/** Seconds without an answer (or progress) before a request fails. */
	requestTimeoutS: number;
	/** Seconds after which a request fails even while progress keeps arriving; 0 for no ceiling. */
	maxTotalTimeoutS: number;
}

export const DEFAULT_TIMEOUTS: TimeoutSettings = { requestTimeoutS: 60, maxTotalTimeoutS: 600 };

/** A setting a person typed, made usable: a positive number of seconds, else the default. */
export function cleanTimeouts(settings: Partial<TimeoutSettings>): TimeoutSettings {
	const positive = (v: unknown, fallback: number, zeroOk = false) =>
		typeof v === 'number' && Number.isFinite(v) && (v > 0 || (zeroOk && v === 0)) ? Math.min(v, 86_400) : fallback;
	return {
		requestTimeoutS: positive(settings.requestTimeoutS, DEFAULT_TIMEOUTS.requestTimeoutS),
		maxTotalTimeoutS: positive(settings.maxTotalTimeoutS, DEFAULT_TIMEOUTS.maxTotalTimeoutS, true)
	};
}

/** The SDK options for these settings. */
export function timeoutOptions(settings: TimeoutSettings): Pick<RequestOptions, 'timeout' | 'resetTimeoutOnProgress' | 'maxTotalTimeout'> {
	const clean = cleanTimeouts(settings);
	return {
		timeout: Math.round(clean.requestTimeoutS * 1000),
		resetTimeoutOnProgress: true,
		maxTotalTimeout: clean.maxTotalTimeoutS > 0 ? Math.round(clean.maxTotalTimeoutS * 1000) : undefined
	};
}

/** The caller's options over the defaults: what a caller sets explicitly wins. */
export function withTimeouts(options: RequestOptions | undefined, settings: TimeoutSettings | undefined): RequestOptions | undefined {
	if (!settings) return options;
	const defaults = timeoutOptions(settings);
	const out: RequestOptions = { ...defaults, ...options };
	for (const key of ['timeout', 'resetTimeoutOnProgress', 'maxTotalTimeout'] as const) {
		if (options?.[key] === undefined && defaults[key] !== undefined) (out as Record<string, unknown>)[key] = defaults[key];
	}
	return out;
}

/** One sentence on what Loupe waits for, for a timeout's explanation. */
export function describeTimeouts(settings: TimeoutSettings | undefined): string {
	const clean = cleanTimeouts(settings ?? DEFAULT_TIMEOUTS);
	const total = clean.maxTotalTimeoutS > 0 ? `, and at most ${clean.maxTotalTimeoutS} s in all` : '';
	return `Loupe waits ${clean.requestTimeoutS} s for an answer or a progress notification${total}: change it under Settings → Timeouts.`;
}
