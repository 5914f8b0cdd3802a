#!/usr/bin/env node
/**
 * `npm test`: every test. A type check, lint and format checks, unit tests (Vitest, Node), the MCP conformance suite's client
 * scenarios, then a production build, then the browser
 * tests (Playwright in Chromium) against the built app and the real test servers.
 */
import { spawnSync } from 'node:child_process';
import { findChromium, HOW_TO_GET_CHROMIUM } from './find-chromium.mjs';

const run = (args, env = {}) => {
	const result = spawnSync(process.execPath, args, {
		stdio: 'inherit',
		env: { ...process.env, ...env }
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
};

const chromium = await findChromium();
if (!chromium) {
	console.error(HOW_TO_GET_CHROMIUM);
	process.exit(1);
}

console.log('\n▶ Type check (svelte-check)');
run(['node_modules/@sveltejs/kit/svelte-kit.js', 'sync']);
run([
	'node_modules/svelte-check/bin/svelte-check',
	'--tsconfig',
	'./tsconfig.json',
	'--threshold',
	'error',
	'--output',
	'human'
]);
console.log('\n▶ Lint (ESLint) and format (Prettier)');
run(['node_modules/eslint/bin/eslint.js', '.']);
run(['node_modules/prettier/bin/prettier.cjs', '--check', '--log-level', 'warn', '.']);
console.log('\n▶ Unit tests (Vitest)');
run(['node_modules/vitest/vitest.mjs', 'run']);
console.log('\n▶ MCP conformance suite, client scenarios (Loupe core + OAuth)');
run(['scripts/conformance.mjs']);
console.log('\n▶ Build (and a copy built for the sub-path /loupe, as on GitHub Pages)');
run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
	BASE_PATH: '/loupe',
	LOUPE_BUILD_DIR: 'build-subpath'
});
console.log('\n▶ Browser tests (Playwright, Chromium)');
run(['node_modules/@playwright/test/cli.js', 'test'], { CHROMIUM_PATH: chromium });
