/** "Export traffic": every recorded message and HTTP exchange as one JSON file. */
import type { TrafficLog } from './traffic-log.svelte.js';
import type { TrafficEntry } from './core/traffic.js';
import { saveBlob } from './download.js';

/** The export's shape: messages keep their exact text; headers were masked when recorded. */
export function trafficToJson(entries: readonly TrafficEntry[]): string {
	const out = entries.map((e) =>
		e.type === 'message'
			? {
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
				}
			: { ...e, time: new Date(e.time).toISOString() }
	);
	return JSON.stringify({ exportedBy: 'Loupe', exportedAt: new Date().toISOString(), entries: out }, null, 2);
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

export function exportTraffic(log: TrafficLog): void {
	log.flush();
	saveBlob(
		new Blob([trafficToJson(log.entries)], { type: 'application/json' }),
		`loupe-traffic-${new Date().toISOString().replace(/[:.]/g, '-')}.json`
	);
}
