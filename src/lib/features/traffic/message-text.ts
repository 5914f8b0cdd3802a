/**
 * A traffic message's "Pretty" text: its exact text laid out token for token
 * (core/json-reindent.ts), at once when short, in time slices when long, and once per message
 * however often it is shown. Text that is not JSON gets a sentence saying where and why.
 */
import {
	lineAndColumn,
	reindentJson,
	reindentJsonSliced,
	type ReindentOutcome
} from '../../core/json-reindent.js';

/** Shorter text than this is laid out at once (a few milliseconds at most). */
const AT_ONCE_CHARS = 200_000;
/** Laid-out texts kept for messages shown again (switching rows, Exact text and back). */
const KEPT = 4;

const kept = new Map<string, Promise<ReindentOutcome>>();

export function prettyMessageText(raw: string): ReindentOutcome | Promise<ReindentOutcome> {
	if (raw.length < AT_ONCE_CHARS) return reindentJson(raw);
	let outcome = kept.get(raw);
	if (outcome) kept.delete(raw);
	else outcome = reindentJsonSliced(raw);
	kept.set(raw, outcome);
	while (kept.size > KEPT) kept.delete(kept.keys().next().value!);
	return outcome;
}

/** Why a message is shown as received in Pretty: one sentence. */
export function notLaidOut(raw: string, outcome: Extract<ReindentOutcome, { ok: false }>): string {
	if (outcome.problem === 'too-big')
		return `Not laid out: ${outcome.reason}. Shown exactly as received.`;
	const { line, column } = lineAndColumn(raw, outcome.offset);
	return `Not valid JSON at line ${line}, column ${column}: ${outcome.reason}. Shown exactly as received.`;
}
