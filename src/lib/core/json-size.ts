/**
 * How big a JSON value is, counted only as far as needed: what decides whether a value is
 * formatted and validated at once or in slices and off the main thread. No dependencies.
 */

/** Values with more nodes than this are "big": formatted in slices, validated off the main thread. */
export const BIG_JSON_NODES = 5000;

/** Weight of one scalar: long strings count 1 per 1,000 characters, so a huge string is "big" too. */
export const weight = (v: unknown) => (typeof v === 'string' ? 1 + Math.floor(v.length / 1000) : 1);

/**
 * The number of arrays, objects and scalars in a value (strings weighed by length), counted only
 * up to `limit`: anything over it returns a number over it, after about `limit` steps.
 */
export function countJsonNodes(value: unknown, limit: number): number {
	let count = 0;
	const stack: unknown[] = [value];
	while (stack.length) {
		const v = stack.pop();
		count += weight(v);
		if (count > limit) return count;
		if (v === null || typeof v !== 'object') continue;
		if (Array.isArray(v)) {
			if (count + v.length > limit) return limit + 1;
			for (let i = 0; i < v.length; i++) stack.push(v[i]);
		} else {
			const keys = Object.keys(v);
			if (count + keys.length > limit) return limit + 1;
			for (const k of keys) stack.push((v as Record<string, unknown>)[k]);
		}
	}
	return count;
}

/** Whether a value is small enough to format and validate at once (see BIG_JSON_NODES). */
export const isSmallJson = (value: unknown, maxNodes = BIG_JSON_NODES) =>
	countJsonNodes(value, maxNodes) <= maxNodes;
