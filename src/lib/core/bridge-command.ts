/**
 * The command that puts the local bridge (`npm run bridge`, see the README's "Bridge" section)
 * in front of an HTTP MCP server that refuses browsers, ready to paste into a POSIX shell.
 */

/** Where `npm start` serves Loupe, which the bridge's link opens unless told otherwise. */
const DEFAULT_LOUPE = 'http://127.0.0.1:4173/';

/** A word a POSIX shell reads as it is: quoted unless it is made of plainly safe characters. */
function shellWord(word: string): string {
	return /^[A-Za-z0-9_@%+=:,./~-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * `npm run bridge -- --to <url>`; with `loupe` (this Loupe's page URL, origin and base path) also
 * `--loupe <loupe>` when it is not the local one `npm start` serves, so the link opens this Loupe.
 */
export function bridgeCommandFor(url: string, loupe?: string): string {
	const words = ['npm', 'run', 'bridge', '--'];
	if (loupe && loupe !== DEFAULT_LOUPE) words.push('--loupe', shellWord(loupe));
	words.push('--to', shellWord(url));
	return words.join(' ');
}

/**
 * `npm run bridge -- [--env NAME=<NAME>…] <command> [args…]`: serves a stdio server (from an
 * mcp.json) to Loupe. Environment values are never written here: each `--env` holds a placeholder
 * (`<NAME>`) for the person to fill in.
 */
export function bridgeStdioCommandFor(
	command: string,
	args: readonly string[],
	envNames: readonly string[] = [],
	loupe?: string
): string {
	const words = ['npm', 'run', 'bridge', '--'];
	if (loupe && loupe !== DEFAULT_LOUPE) words.push('--loupe', shellWord(loupe));
	for (const name of envNames) words.push('--env', shellWord(`${name}=<${name}>`));
	words.push(shellWord(command), ...args.map(shellWord));
	return words.join(' ');
}
