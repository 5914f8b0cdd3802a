/** Small display helpers shared by the views. */

export function formatBytes(n: number): string {
	if (n < 1024) return `${n} B`;
	if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
	return `${(n / 1024 / 1024).toFixed(2)} MB`;
}

export function formatTime(ms: number): string {
	const d = new Date(ms);
	const pad = (v: number, w = 2) => String(v).padStart(w, '0');
	return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A latency in at most 9 characters: "850 ms", "12,345 ms", then whole seconds ("125 s"). */
export function formatLatency(ms: number): string {
	return ms < 100_000
		? `${Math.round(ms).toLocaleString()} ms`
		: `${Math.round(ms / 1000).toLocaleString()} s`;
}

/** Pretty-prints JSON text; text that is not JSON is returned as it is. */
export function prettyJson(text: string): string {
	try {
		return JSON.stringify(JSON.parse(text), null, 2);
	} catch {
		return text;
	}
}
