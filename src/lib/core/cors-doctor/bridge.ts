/**
 * The command that reaches a server refusing browsers through Loupe's local bridge (issue 10,
 * part 2: `npm run bridge -- --to <url>`, run in Loupe's folder). Kept as one small function
 * until the bridge's own module offers it.
 */
export function bridgeCommand(url: string): string {
	// Quoted for a POSIX shell when the URL holds characters the shell would read (& ? * ; …).
	const quoted = /^[\w.:/@%+=,-]+$/.test(url) ? url : `'${url.replace(/'/g, `'\\''`)}'`;
	return `npm run bridge -- --to ${quoted}`;
}
