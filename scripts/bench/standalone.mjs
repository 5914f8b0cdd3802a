/**
 * Runs one bench section on its own (`node scripts/bench/<section>.mjs …`): serves the built app
 * (--dir, default build/; BASE_PATH for a sub-path build), starts the demo server and Chromium,
 * calls `measure` with what the sections take, prints figures to stdout and progress to stderr,
 * stops everything, and exits 1 when a fatal problem was reported.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../serve-static.mjs';
import { CHROMIUM_ARGS, findChromium } from '../find-chromium.mjs';
import { startDemoServer } from './processes.mjs';

/** `--name value` from the command line, else `fallback`. */
export function option(name, fallback) {
	const i = process.argv.indexOf(`--${name}`);
	return i < 0 ? fallback : process.argv[i + 1];
}

/** Whether this module is the one node was started with. */
export function isMain(moduleUrl) {
	return moduleUrl === `file://${process.argv[1]}`;
}

export async function runStandalone(measure) {
	const { chromium } = await import('@playwright/test');
	const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
	const base = process.env.BASE_PATH ?? '';
	const cleanups = [];
	let code = 0;
	try {
		const demo = await startDemoServer(root);
		cleanups.push(() => demo.stop());
		const staticServer = await startStaticServer({
			port: 0,
			dir: resolve(root, option('dir', 'build')),
			base
		});
		cleanups.push(
			() =>
				new Promise((r) => (staticServer.closeAllConnections?.(), staticServer.close(() => r())))
		);
		const browser = await chromium.launch({
			executablePath: await findChromium(),
			headless: true,
			args: CHROMIUM_ARGS
		});
		cleanups.push(() => browser.close());
		await measure({
			browser,
			appUrl: `http://127.0.0.1:${staticServer.address().port}${base}/`,
			demoUrl: demo.url,
			figure: (name, value, unit = '') => console.log(`${name}: ${value}${unit ? ` ${unit}` : ''}`),
			progress: (message) => process.stderr.write(`· ${message}\n`),
			problem: (message, { fatal = false } = {}) => {
				if (fatal) code = 1;
				process.stderr.write(`${fatal ? 'failed' : 'note'}: ${message}\n`);
			}
		});
	} catch (error) {
		console.error(error?.stack ?? error);
		code = 1;
	} finally {
		while (cleanups.length)
			await cleanups
				.pop()()
				.catch(() => {});
	}
	process.exit(code);
}
