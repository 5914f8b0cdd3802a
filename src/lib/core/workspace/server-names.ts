/**
 * What a server in the workspace is called: its serverInfo title, else its name, once connected;
 * before that, the host and path of its URL. Two equal names get a suffix (" (2)") in list order,
 * so every entry can be told apart by its name alone.
 */

export interface NameSource {
	url: string;
	/** From the initialize result (2025 era) or server/discover (2026 era). */
	serverInfo?: { title?: string; name?: string };
	/** A name given by the person or an imported config, used until the server says its own. */
	given?: string;
}

/** The base name of one entry (no suffix). Untrusted text: trimmed, control characters removed, at most 80 characters. */
export function baseName(source: NameSource): string {
	const fromServer = clean(source.serverInfo?.title) || clean(source.serverInfo?.name);
	return fromServer || clean(source.given) || hostAndPath(source.url) || 'New server';
}

/** Names for a list of entries, equal ones suffixed " (2)", " (3)", … after the first. */
export function uniqueNames(sources: NameSource[]): string[] {
	const seen = new Map<string, number>();
	return sources.map((source) => {
		const name = baseName(source);
		const key = name.toLowerCase();
		const count = (seen.get(key) ?? 0) + 1;
		seen.set(key, count);
		return count === 1 ? name : `${name} (${count})`;
	});
}

/** "example.com/mcp" from "https://example.com/mcp?x=1"; "" when the text is not a URL. */
export function hostAndPath(raw: string): string {
	try {
		const url = new URL(raw.trim());
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
		const path = url.pathname === '/' ? '' : url.pathname.replace(/\/$/, '');
		return `${url.host}${path}`;
	} catch {
		return '';
	}
}

function clean(text: string | undefined): string {
	if (typeof text !== 'string') return '';
	const plain = text
		// eslint-disable-next-line no-control-regex -- control characters are what is removed
		.replace(/[\u0000-\u001f\u007f]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > 80 ? `${plain.slice(0, 79)}…` : plain;
}
