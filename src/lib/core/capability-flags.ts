/**
 * A capability's settings as short flags for the Server panel: `{ listChanged: true }` is
 * "listChanged", nested objects become dotted paths (`{ requests: { tools: { call: {} } } }` is
 * "requests.tools.call"), an empty object is the flag itself, and any other value is shown as JSON.
 */
const MAX_DEPTH = 4;

export function capabilityFlags(value: unknown, prefix = '', depth = 0): string[] {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
	const flags: string[] = [];
	for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
		const path = prefix ? `${prefix}.${key}` : key;
		if (v === false || v === undefined) continue;
		if (v === true) flags.push(path);
		else if (v && typeof v === 'object' && !Array.isArray(v) && depth < MAX_DEPTH) {
			const inner = capabilityFlags(v, path, depth + 1);
			flags.push(...(inner.length ? inner : [path]));
		} else flags.push(`${path}: ${JSON.stringify(v)}`);
	}
	return flags;
}
