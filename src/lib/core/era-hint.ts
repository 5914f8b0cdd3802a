/**
 * What Loupe may remember of a server's protocol era, so the next connect to it can skip the
 * 2026-07-28 probe (`server/discover`) that a 2025-era server only answers with an error.
 * The memory itself is the UI's (per tab); this is the rule, and it never lets a hint keep Loupe
 * on an older era than the server offers for long:
 *
 * - Only a full negotiation (the probe, then `initialize` when the server is 2025-era) teaches an
 *   era; what it found is remembered with the time it was learned.
 * - A remembered 'legacy' era younger than LEGACY_HINT_MAX_AGE_MS makes the next connect send
 *   `initialize` directly. Connects that used the hint do not refresh it, so a server that starts
 *   offering 2026-07-28 as well is spoken to in the 2025 era for at most that long; then the
 *   next connect negotiates again and learns 'modern'.
 * - A server that refuses the hinted `initialize` (one that now speaks only 2026-07-28) gets a full
 *   negotiation at once, in the same connect (connect.ts), which is remembered in turn.
 * - A remembered 'modern' era gives no shortcut (the probe is the 2026-07-28 handshake itself),
 *   but replaces an older 'legacy' memory.
 */
export type ProtocolEra = 'modern' | 'legacy';

/** How a connection came to its era: a full negotiation, a remembered hint, or a transport with only one era (legacy SSE). */
export type EraSource = 'negotiation' | 'hint' | 'transport';

export interface EraMemory {
	era: ProtocolEra;
	/** When a full negotiation found it (ms since the epoch). */
	learnedAt: number;
}

export const LEGACY_HINT_MAX_AGE_MS = 5 * 60_000;

/** The hint to connect with, from what was remembered: 'legacy' while fresh, else none. */
export function eraHint(memory: EraMemory | undefined, now: number): 'legacy' | undefined {
	if (memory?.era !== 'legacy') return undefined;
	const age = now - memory.learnedAt;
	return age >= 0 && age < LEGACY_HINT_MAX_AGE_MS ? 'legacy' : undefined;
}

/** What to remember after a successful connect: a new memory, or undefined to keep the old one. */
export function learnedEra(
	connected: { era?: ProtocolEra; eraFrom?: EraSource },
	now: number
): EraMemory | undefined {
	if (connected.eraFrom !== 'negotiation' || !connected.era) return undefined;
	return { era: connected.era, learnedAt: now };
}

/** A remembered value read back from storage, checked (anything else: nothing remembered). */
export function readEraMemory(value: unknown): EraMemory | undefined {
	if (!value || typeof value !== 'object') return undefined;
	const { era, learnedAt } = value as Record<string, unknown>;
	if (
		(era !== 'modern' && era !== 'legacy') ||
		typeof learnedAt !== 'number' ||
		!Number.isFinite(learnedAt)
	)
		return undefined;
	return { era, learnedAt };
}
