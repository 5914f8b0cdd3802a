/**
 * Timeouts for every request Loupe sends: a per-request timeout that starts again whenever the
 * server reports progress, and a ceiling on the total time whatever progress says. They are the
 * person's settings and govern every request of a session: no caller picks its own limit. The one
 * limit of its own is the connection handshake's (it spans several requests, and the transport
 * may never start at all), and it is a setting too.
 */
import type { RequestOptions } from '@modelcontextprotocol/client';

export interface TimeoutSettings {
	/** Seconds without an answer (or progress) before a request fails. */
	requestTimeoutS: number;
	/** Seconds after which a request fails even while progress keeps arriving; 0 for no ceiling. */
	maxTotalTimeoutS: number;
	/** Seconds the whole connection handshake may take, per transport tried (initialize, or server/discover). */
	connectTimeoutS?: number;
}

export const DEFAULT_TIMEOUTS: Required<TimeoutSettings> = {
	requestTimeoutS: 60,
	maxTotalTimeoutS: 600,
	connectTimeoutS: 30
};

/** A setting a person typed, made usable: a positive number of seconds, else the default. */
export function cleanTimeouts(settings: Partial<TimeoutSettings>): Required<TimeoutSettings> {
	const positive = (v: unknown, fallback: number, zeroOk = false) =>
		typeof v === 'number' && Number.isFinite(v) && (v > 0 || (zeroOk && v === 0))
			? Math.min(v, 86_400)
			: fallback;
	return {
		requestTimeoutS: positive(settings.requestTimeoutS, DEFAULT_TIMEOUTS.requestTimeoutS),
		maxTotalTimeoutS: positive(settings.maxTotalTimeoutS, DEFAULT_TIMEOUTS.maxTotalTimeoutS, true),
		connectTimeoutS: positive(settings.connectTimeoutS, DEFAULT_TIMEOUTS.connectTimeoutS)
	};
}

/** The SDK options for these settings. */
export function timeoutOptions(
	settings: TimeoutSettings
): Pick<RequestOptions, 'timeout' | 'resetTimeoutOnProgress' | 'maxTotalTimeout'> {
	const clean = cleanTimeouts(settings);
	return {
		timeout: Math.round(clean.requestTimeoutS * 1000),
		resetTimeoutOnProgress: true,
		maxTotalTimeout:
			clean.maxTotalTimeoutS > 0 ? Math.round(clean.maxTotalTimeoutS * 1000) : undefined
	};
}

/**
 * The caller's options with the person's timeouts in force: the settings win over any timeout a
 * caller passed (its signal, progress handler and headers stay). Without settings (the core used
 * on its own, in tests or the conformance client) the caller's options stand as they are.
 */
export function withTimeouts(
	options: RequestOptions | undefined,
	settings: TimeoutSettings | undefined
): RequestOptions | undefined {
	if (!settings) return options;
	return { ...options, ...timeoutOptions(settings) };
}

/** Milliseconds the connection handshake may take, per transport tried. */
export function connectTimeoutMs(settings: TimeoutSettings): number {
	return Math.round(cleanTimeouts(settings).connectTimeoutS * 1000);
}

/** One sentence on what Loupe waits for, for a timeout's explanation. */
export function describeTimeouts(settings: TimeoutSettings | undefined): string {
	const clean = cleanTimeouts(settings ?? DEFAULT_TIMEOUTS);
	const total =
		clean.maxTotalTimeoutS > 0 ? `, and at most ${clean.maxTotalTimeoutS} s in all` : '';
	return `Loupe waits ${clean.requestTimeoutS} s for an answer or a progress notification${total}: change it under Settings → Timeouts.`;
}
