/**
 * "Export traffic": every recorded message and HTTP exchange as one JSON file. The file is built
 * a time slice at a time, as Blob parts, with a pause for the browser between slices: exporting
 * a log of 100,000 messages never becomes one long frozen task or one giant string.
 *
 * Which connection each entry belongs to: every entry carries its connection's number, and the
 * boundaries are in the file too, as entries of type "connection" (the server's URL, masked as
 * recorded, the transport, why it started, and what the handshake found), each before the
 * entries of its connection.
 *
 * No secret leaves the tab in it: secret headers, form fields and URL parameters were masked when
 * recorded, and every text this tab knows as a secret (known-secrets.ts) is masked wherever it
 * occurs, sent or received (a server echoing a password back), in messages and HTTP exchanges
 * alike. The file says so in its `secrets` field.
 */
import type { TrafficLog } from './traffic-log.svelte.js';
import type { TrafficItem } from '../../core/traffic.js';
import { nextTask, SLICE_MS } from '../../core/sliced-queue.js';
import { saveBlob } from '../../ui/download.js';
import { KnownSecrets, MIN_SEARCHED } from '../../core/known-secrets.js';
import { maskedItem } from '../../core/secret-mask.js';

/** One entry as exported: messages keep their exact text; headers were masked when recorded. */
export function exportedEntry(e: TrafficItem): Record<string, unknown> {
	if (e.type !== 'message') return { ...e, time: new Date(e.time).toISOString() };
	return {
		type: e.type,
		seq: e.seq,
		time: new Date(e.time).toISOString(),
		direction: e.direction,
		kind: e.kind,
		method: e.method,
		subject: e.subject,
		fromServer: e.fromServer,
		id: e.id?.slice(2),
		size: e.size,
		latencyMs: e.latencyMs,
		pair: e.pair,
		firstAnswer: e.firstAnswer,
		problem: e.problem,
		connection: e.connection,
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

/** Text written between two looks at the clock (an entry counts at least ENTRY_WEIGHT). */
const CLOCK_EVERY_CHARS = 32 * 1024;
const ENTRY_WEIGHT = 1024;
/** Strings longer than this (a long response body, say) are written a piece at a time. */
const LONG_STRING = 256 * 1024;

/** A string as JSON text, in pieces of LONG_STRING characters: the same text as one JSON.stringify. */
function* jsonStringPieces(value: string): Generator<string> {
	yield '"';
	for (let start = 0; start < value.length;) {
		let end = Math.min(value.length, start + LONG_STRING);
		// Never between the halves of a surrogate pair: escaped apart, they would read differently.
		const last = value.charCodeAt(end - 1);
		if (end < value.length && last >= 0xd800 && last <= 0xdbff) end--;
		yield JSON.stringify(value.slice(start, end)).slice(1, -1);
		start = end;
	}
	yield '"';
}

/**
 * One entry's JSON text as in the whole document (indented two levels), in pieces: its long
 * strings come on their own, a piece at a time. `mark` is unique to this export.
 */
function* entryPieces(entry: Record<string, unknown>, mark: string): Generator<string> {
	const indent = (text: string) => text.replaceAll('\n', '\n    ');
	const long = Object.keys(entry).filter(
		(key) => typeof entry[key] === 'string' && (entry[key] as string).length > LONG_STRING
	);
	if (long.length === 0) {
		yield indent(JSON.stringify(entry, null, 2));
		return;
	}
	const marked: Record<string, unknown> = { ...entry };
	for (const key of long) marked[key] = mark + key;
	const text = indent(JSON.stringify(marked, null, 2));
	let at = 0;
	for (const key of long) {
		const placeholder = JSON.stringify(mark + key);
		const found = text.indexOf(placeholder, at);
		yield text.slice(at, found);
		yield* jsonStringPieces(entry[key] as string);
		at = found + placeholder.length;
	}
	yield text.slice(at);
}

/**
 * The export's text, exactly `JSON.stringify({ exportedBy, exportedAt, secrets, entries }, null, 2)`
 * with every known secret masked in the entries, in pieces of one time slice's work each, with a
 * pause between pieces.
 */
export async function* exportText(
	entries: readonly TrafficItem[],
	exportedAt: Date,
	pacing: ExportPacing = {},
	secrets: KnownSecrets = new KnownSecrets()
): AsyncGenerator<string> {
	const now = pacing.now ?? (() => performance.now());
	const pause = pacing.pause ?? nextTask;
	const sliceMs = pacing.sliceMs ?? SLICE_MS;
	const empty = JSON.stringify(
		{
			exportedBy: 'Loupe',
			exportedAt: exportedAt.toISOString(),
			secrets: secretsNote(secrets),
			entries: []
		},
		null,
		2
	);
	if (entries.length === 0) {
		yield empty;
		return;
	}
	const mark = `\u0000${Math.random().toString(36).slice(2)}:`;
	// `"entries": []\n}` opened: each entry goes on its own lines, indented two levels.
	let piece = empty.slice(0, -'[]\n}'.length) + '[';
	let sliceStart = now();
	let unchecked = 0;
	for (let i = 0; i < entries.length; i++) {
		piece += i ? ',\n    ' : '\n    ';
		unchecked += ENTRY_WEIGHT;
		for (const text of entryPieces(exportedEntry(maskedItem(entries[i], secrets)), mark)) {
			piece += text;
			unchecked += text.length;
			if (unchecked < CLOCK_EVERY_CHARS) continue;
			unchecked = 0;
			if (now() - sliceStart < sliceMs) continue;
			yield piece;
			piece = '';
			await pause();
			sliceStart = now();
		}
	}
	yield piece + '\n  ]\n}';
}

/** What the export says about secrets, in sentences. */
export function secretsNote(secrets: KnownSecrets): string {
	const searched = secrets.searched;
	const short = secrets.size - searched;
	const parts = ['Secret headers, form fields and URL parameters are masked (••••••).'];
	if (searched)
		parts.push(
			`${searched === 1 ? 'The text' : `The ${searched} texts`} entered in this tab as secrets (secret tool arguments and answers, header tokens and keys) are masked wherever they occur, sent or received.`
		);
	if (short)
		parts.push(
			`${short === 1 ? 'A secret' : `${short} secrets`} shorter than ${MIN_SEARCHED} characters ${short === 1 ? 'is' : 'are'} masked only where Loupe sent ${short === 1 ? 'it' : 'them'}.`
		);
	if (!secrets.size) parts.push('No text was entered as a secret in this tab.');
	return parts.join(' ');
}

/** The whole export as one Blob, its parts encoded slice by slice. */
export async function trafficExportBlob(
	entries: readonly TrafficItem[],
	exportedAt = new Date(),
	pacing?: ExportPacing,
	secrets?: KnownSecrets
): Promise<Blob> {
	const parts: Blob[] = [];
	for await (const text of exportText(entries, exportedAt, pacing, secrets))
		parts.push(new Blob([text]));
	return new Blob(parts, { type: 'application/json' });
}

/** Builds the export of everything recorded so far and offers it as a download. */
export async function exportTraffic(log: TrafficLog): Promise<void> {
	log.flush();
	const exportedAt = new Date();
	const blob = await trafficExportBlob(log.entries, exportedAt, undefined, log.secrets);
	saveBlob(blob, `loupe-traffic-${exportedAt.toISOString().replace(/[:.]/g, '-')}.json`);
}
