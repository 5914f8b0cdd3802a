/**
 * "Export traffic": every recorded message and HTTP exchange as one JSON file. The file is built
 * a time slice at a time, as Blob parts, with a pause for the browser between slices: exporting
 * a log of 100,000 messages never becomes one long frozen task or one giant string.
 */
import type { TrafficLog } from './traffic-log.svelte.js';
import type { TrafficEntry } from './core/traffic.js';
import { nextTask, SLICE_MS } from './core/sliced-queue.js';
import { saveBlob } from './download.js';

/** One entry as exported: messages keep their exact text; headers were masked when recorded. */
export function exportedEntry(e: TrafficEntry): Record<string, unknown> {
	if (e.type !== 'message') return { ...e, time: new Date(e.time).toISOString() };
	return {
		type: e.type,
		seq: e.seq,
		time: new Date(e.time).toISOString(),
		direction: e.direction,
		kind: e.kind,
		method: e.method,
		id: e.id?.slice(2),
		size: e.size,
		latencyMs: e.latencyMs,
		pair: e.pair,
		...exactText(e.raw)
	};
}

/** The message as JSON, plus its exact text only when that says more (odd spacing, invalid JSON). */
function exactText(raw: string): { message?: unknown; raw?: string } {
	try {
		const message = JSON.parse(raw);
		return JSON.stringify(message) === raw ? { message } : { message, raw };
	} catch {
		return { raw };
	}
}

export interface ExportPacing {
	now?: () => number;
	/** Resolves in a later task. */
	pause?: () => Promise<void>;
	sliceMs?: number;
}

/** How many entries are written between two looks at the clock. */
const CLOCK_EVERY = 16;

/**
 * The export's text, exactly `JSON.stringify({ exportedBy, exportedAt, entries }, null, 2)`, in
 * pieces of one time slice's work each, with a pause between pieces.
 */
export async function* exportText(entries: readonly TrafficEntry[], exportedAt: Date, pacing: ExportPacing = {}): AsyncGenerator<string> {
	const now = pacing.now ?? (() => performance.now());
	const pause = pacing.pause ?? nextTask;
	const sliceMs = pacing.sliceMs ?? SLICE_MS;
	const empty = JSON.stringify({ exportedBy: 'Loupe', exportedAt: exportedAt.toISOString(), entries: [] }, null, 2);
	if (entries.length === 0) {
		yield empty;
		return;
	}
	// `"entries": []\n}` opened: each entry goes on its own lines, indented two levels.
	let piece = empty.slice(0, -'[]\n}'.length) + '[';
	let sliceStart = now();
	for (let i = 0; i < entries.length; i++) {
		piece += (i ? ',\n    ' : '\n    ') + JSON.stringify(exportedEntry(entries[i]), null, 2).replaceAll('\n', '\n    ');
		if (i % CLOCK_EVERY === CLOCK_EVERY - 1 && i < entries.length - 1 && now() - sliceStart >= sliceMs) {
			yield piece;
			piece = '';
			await pause();
			sliceStart = now();
		}
	}
	yield piece + '\n  ]\n}';
}

/** The whole export as one Blob, its parts encoded slice by slice. */
export async function trafficExportBlob(entries: readonly TrafficEntry[], exportedAt = new Date(), pacing?: ExportPacing): Promise<Blob> {
	const parts: Blob[] = [];
	for await (const text of exportText(entries, exportedAt, pacing)) parts.push(new Blob([text]));
	return new Blob(parts, { type: 'application/json' });
}

/** Builds the export of everything recorded so far and offers it as a download. */
export async function exportTraffic(log: TrafficLog): Promise<void> {
	log.flush();
	const exportedAt = new Date();
	const blob = await trafficExportBlob(log.entries, exportedAt);
	saveBlob(blob, `loupe-traffic-${exportedAt.toISOString().replace(/[:.]/g, '-')}.json`);
}
