#!/usr/bin/env node
/**
 * `npm run bridge`: a local, token-guarded bridge from Loupe to a server a browser cannot reach
 * by itself: a stdio MCP server (`npm run bridge -- <command> [args…]`) or an HTTP one that
 * refuses browsers (`npm run bridge -- --to <URL>`). Prints `Open in Loupe: <link>`.
 * See scripts/bridge/ and the README's "Bridge" section; `--help` for the options.
 */
import { findExecutable } from './bridge/child.mjs';
import { parseOptions, USAGE, UsageError } from './bridge/options.mjs';
import { startBridge } from './bridge/server.mjs';

let options;
try {
	options = parseOptions(process.argv.slice(2));
} catch (error) {
	if (!(error instanceof UsageError)) throw error;
	console.error(`${error.message}\n\n${USAGE}`);
	process.exit(2);
}
if (options.help) {
	console.log(USAGE);
	process.exit(0);
}
if (options.mode === 'stdio' && options.command && !findExecutable(options.command)) {
	console.error(
		`The command "${options.command}" was not found (not a file, and not on PATH). Nothing was started.`
	);
	process.exit(1);
}

/** The bridge's own notes, on stderr (where the stdio server's stderr goes too), marked as the bridge's. */
const say = (line) => console.error(`[bridge] ${line}`);

let bridge;
try {
	bridge = await startBridge(options, say);
} catch (error) {
	const code = /** @type {NodeJS.ErrnoException} */ (error).code;
	console.error(
		code === 'EADDRINUSE'
			? `Port ${options.port} is taken: choose another with --port, or leave it out for a free one.`
			: `The bridge could not start: ${/** @type {Error} */ (error).message}`
	);
	process.exit(1);
}

let stopping = false;
async function stop() {
	if (stopping) return;
	stopping = true;
	await bridge.close();
	process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const what =
	options.mode === 'http'
		? `relays to ${options.upstream?.href} (adding CORS for Loupe)`
		: `serves: ${[options.command, ...options.args].join(' ')} (started when Loupe first connects)`;
console.log(`
  Loupe bridge on ${bridge.endpoint}
  It ${what}.
  Loopback only; allowed origins: ${bridge.origins.join(', ')}.

  Open in Loupe: ${bridge.link}

  The link carries the bridge's secret token (after #): do not share it. Ctrl+C stops the bridge.
`);
