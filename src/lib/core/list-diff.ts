/**
 * What changed between two versions of a named list (tools, prompts, resources): which names
 * came, which went, which stayed but differ. Used when a server says its list changed.
 */

export interface ListDiff {
	added: string[];
	removed: string[];
	changed: string[];
}

function stable(value: unknown): string {
	try {
		return JSON.stringify(value, (_key, v) =>
			v && typeof v === 'object' && !Array.isArray(v)
				? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
				: v
		);
	} catch {
		return String(value);
	}
}

/** Compares by `key` (default: `name`); an item counts as changed when its JSON differs. */
export function diffByName<T>(
	before: readonly T[],
	after: readonly T[],
	key: (item: T) => string = (item) => (item as { name: string }).name
): ListDiff {
	const old = new Map(before.map((item) => [key(item), item]));
	const next = new Map(after.map((item) => [key(item), item]));
	const added = [...next.keys()].filter((name) => !old.has(name));
	const removed = [...old.keys()].filter((name) => !next.has(name));
	const changed = [...next.keys()].filter(
		(name) => old.has(name) && stable(old.get(name)) !== stable(next.get(name))
	);
	return { added, removed, changed };
}

export function isEmptyDiff(diff: ListDiff): boolean {
	return !diff.added.length && !diff.removed.length && !diff.changed.length;
}

/** "Tools changed: +foo −bar ~baz", or "Tools changed: nothing different" for an empty diff. */
export function describeDiff(label: string, diff: ListDiff, limit = 10): string {
	const parts = [
		...diff.added.map((n) => `+${n}`),
		...diff.removed.map((n) => `−${n}`),
		...diff.changed.map((n) => `~${n}`)
	];
	if (!parts.length) return `${label} changed: nothing different`;
	const shown = parts.slice(0, limit).join(' ');
	return `${label} changed: ${shown}${parts.length > limit ? ` and ${parts.length - limit} more` : ''}`;
}
