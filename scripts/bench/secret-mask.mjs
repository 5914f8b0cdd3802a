#!/usr/bin/env node
/**
 * What masking known secrets costs (secret-mask.ts), in Node's V8 (no browser needed):
 * `node --import tsx scripts/bench/secret-mask.mjs [--runs 5] [--messages 100000]`.
 * Prints `name: value unit` lines, the median of the runs:
 *   - the export of N log messages with no secret known and with one known (none echoed): what
 *     a known secret adds to "Export traffic";
 *   - a 10 MB message searched for one and for ten secrets it does not hold, and masked where it
 *     holds one a thousand times (what selecting it in Traffic costs).
 */
import { KnownSecrets } from '../../src/lib/core/known-secrets.ts';
import { maskSecrets } from '../../src/lib/core/secret-mask.ts';
import { TrafficRecorder } from '../../src/lib/core/traffic.ts';
import { trafficExportBlob } from '../../src/lib/features/traffic/traffic-export.ts';

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return i < 0 ? fallback : Number(process.argv[i + 1]);
};
const runs = arg('runs', 5);
const messages = arg('messages', 100_000);

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

async function timed(fn) {
	const times = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await fn();
		times.push(performance.now() - start);
	}
	return median(times).toFixed(1);
}

function floodLog(secrets) {
	const recorder = new TrafficRecorder(undefined, secrets);
	const entries = [];
	recorder.subscribe((e, change) => change === 'added' && entries.push(e));
	for (let i = 0; i < messages; i++)
		recorder.message('received', {
			jsonrpc: '2.0',
			method: 'notifications/message',
			params: { level: 'info', logger: 'burst', data: `log line ${i} of the burst` }
		});
	return entries;
}

// Pieces as in the page (one a time slice), without the pauses between them.
const pacing = { sliceMs: 8, pause: async () => {} };
const none = new KnownSecrets();
const one = new KnownSecrets();
one.add(['correct-horse-battery']);
const log = floodLog(none);
console.log(
	`export of ${messages} messages, no secret known: ${await timed(() => trafficExportBlob(log, new Date(), pacing, none))} ms`
);
console.log(
	`export of ${messages} messages, one secret known: ${await timed(() => trafficExportBlob(log, new Date(), pacing, one))} ms`
);

const line = JSON.stringify({ id: 1, name: 'item', note: 'é "quoted" text\n' }) + ',';
const big = JSON.stringify({ items: line.repeat(Math.ceil(10_000_000 / line.length)) });
const ten = new KnownSecrets();
ten.add(Array.from({ length: 10 }, (_, i) => `secret-number-${i}-xyz`));
console.log(
	`10 MB message, one secret not in it: ${await timed(() => maskSecrets(big, one, true))} ms`
);
console.log(
	`10 MB message, ten secrets not in it: ${await timed(() => maskSecrets(big, ten, true))} ms`
);
const echoed = big.slice(0, -2) + ' correct-horse-battery'.repeat(1000) + '"}';
console.log(
	`10 MB message holding a secret 1000 times, masked: ${await timed(() => maskSecrets(echoed, one, true))} ms`
);
