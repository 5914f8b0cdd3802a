/** What the CORS doctor reports: one verdict per hop the browser needs, and what fixes a failed one. */

export type HopId =
	| 'reachable'
	| 'allow-origin'
	| 'preflight'
	| 'expose-headers'
	| 'retry-after'
	| 'get-stream'
	| 'delete'
	| 'resource-metadata'
	| 'server-metadata'
	| 'registration'
	| 'token';

/** A warning: the hop works, but something a person would want (a readable wait, say) may be missing. */
export type HopStatus = 'ok' | 'warning' | 'failed' | 'skipped';

/** The hops in the order the doctor checks and lists them, with the names a person reads. */
export const HOPS: readonly { id: HopId; title: string }[] = [
	{ id: 'reachable', title: 'Reachable' },
	{ id: 'allow-origin', title: 'Allow-Origin' },
	{ id: 'preflight', title: 'Preflight' },
	{ id: 'expose-headers', title: 'Expose-Headers' },
	{ id: 'retry-after', title: 'Retry-After' },
	{ id: 'get-stream', title: 'GET stream' },
	{ id: 'delete', title: 'DELETE' },
	{ id: 'resource-metadata', title: 'Protected resource metadata' },
	{ id: 'server-metadata', title: 'Authorization server metadata' },
	{ id: 'registration', title: 'Registration' },
	{ id: 'token', title: 'Token endpoint' }
];

export function hopTitle(id: HopId): string {
	return HOPS.find((h) => h.id === id)!.title;
}

export const STATUS_LABEL: Record<HopStatus, string> = {
	ok: 'OK',
	warning: 'Warning',
	failed: 'Failed',
	skipped: 'Skipped'
};

/** The CORS set-up that fixes a failed hop, for the header lines and the per-stack snippets. */
export interface CorsFix {
	/** The URL whose answers need the headers. */
	url: string;
	/** Loupe's origin, to allow. */
	origin: string;
	methods: string[];
	allowHeaders: string[];
	exposeHeaders: string[];
}

export interface HopVerdict {
	hop: HopId;
	status: HopStatus;
	/** What the probes showed, in a sentence or two. */
	summary: string;
	/** The exact header lines to add (or change) on the server. */
	headerLines?: string[];
	/** The whole CORS set-up for the snippets. */
	fix?: CorsFix;
	/** Where the server cannot be changed: the bridge command that reaches it anyway. */
	bridge?: string;
	/** Other ways round it (a pre-registered client id, say). */
	advice?: string[];
}

export function verdict(
	hop: HopId,
	status: HopStatus,
	summary: string,
	more: Partial<HopVerdict> = {}
): HopVerdict {
	return { hop, status, summary, ...more };
}
