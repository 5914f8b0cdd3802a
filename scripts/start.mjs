#!/usr/bin/env node
/**
 * `npm start`: builds Loupe, serves it on 127.0.0.1, starts the demo MCP server from
 * tests/servers and the test OAuth authorization server, and prints a URL that opens Loupe
 * already pointed at the demo server, once every server answers (so the link works at once).
 *
 * Ports: APP_PORT (default 4173), DEMO_PORT (default 3001) and AUTH_PORT (default 3002, the test
 * OAuth authorization server that protects the demo's /mcp-oauth). A port that is taken stops
 * everything with a sentence naming it and its variable. LOUPE_BUILD_DIR: the directory built
 * into and served (default build/). `--no-build` serves what is there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startStaticServer } from './serve-static.mjs';
import { checkPortFree, startChild, waitUntilAnswering } from './start/servers.mjs';

const base = process.env.BASE_PATH ?? '';
const buildDir = process.env.LOUPE_BUILD_DIR ?? 'build';
const ports = {
	app: {
		port: Number(process.env.APP_PORT ?? 4173),
		variable: 'APP_PORT',
		what: 'Loupe (the static server)'
	},
	demo: {
		port: Number(process.env.DEMO_PORT ?? 3001),
		variable: 'DEMO_PORT',
		what: 'the demo MCP server'
	},
	auth: {
		port: Number(process.env.AUTH_PORT ?? 3002),
		variable: 'AUTH_PORT',
		what: 'the test authorization server'
	}
};

const portTaken = ({ port, variable, what }) =>
	`Port ${port} is taken, so ${what} cannot start. Stop what uses it, or set ${variable} to another port (e.g. ${variable}=${port + 10} npm start).`;

for (const p of Object.values(ports)) {
	if (!Number.isInteger(p.port) || p.port <= 0 || p.port > 65535) {
		console.error(`${p.variable}=${process.env[p.variable]} is not a port number (1-65535).`);
		process.exit(2);
	}
}
// Said before anything starts (and before a build), so a taken port costs no waiting.
for (const p of Object.values(ports)) {
	if (!(await checkPortFree(p.port))) {
		console.error(portTaken(p));
		process.exit(1);
	}
}

if (!process.argv.includes('--no-build')) {
	console.log('Building Loupe…');
	const build = spawnSync(
		process.execPath,
		['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
		{ stdio: 'inherit' }
	);
	if (build.status !== 0) process.exit(build.status ?? 1);
} else if (!existsSync(join(buildDir, 'index.html'))) {
	console.error(
		`${buildDir}/ has no index.html: build Loupe first (npm start without --no-build).`
	);
	process.exit(1);
}

const authUrl = `http://127.0.0.1:${ports.auth.port}`;
const demoUrl = `http://127.0.0.1:${ports.demo.port}`;
const app = `http://127.0.0.1:${ports.app.port}${base}/`;

const children = [];
let staticServer;
let stopping = false;
/** Stops everything started so far; exits with `code`. */
function stop(code) {
	if (stopping) return;
	stopping = true;
	for (const child of children) child.stop();
	staticServer?.closeAllConnections?.();
	staticServer?.close();
	process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

/** A server that could not start or stopped: say why, stop the others. */
function failed(p, reason) {
	if (stopping) return;
	console.error(
		reason === 'port'
			? portTaken(p)
			: `${p.what[0].toUpperCase()}${p.what.slice(1)} stopped (${reason}). Set ${p.variable} to use another port if ${p.port} is the problem.`
	);
	stop(1);
}

children.push(
	startChild('auth', ['tests/servers/auth/main.ts', '--port', String(ports.auth.port)], (reason) =>
		failed(ports.auth, reason)
	)
);
children.push(
	startChild(
		'demo',
		['tests/servers/main.ts', '--port', String(ports.demo.port), '--auth-issuer', authUrl],
		(reason) => failed(ports.demo, reason)
	)
);
try {
	staticServer = await startStaticServer({ port: ports.app.port, dir: buildDir, base });
} catch (error) {
	failed(ports.app, error.code === 'EADDRINUSE' ? 'port' : error.message);
}

// The links are printed only once each server answers: one opened at once must work.
try {
	await Promise.all([
		waitUntilAnswering(app),
		waitUntilAnswering(`${demoUrl}/mcp`),
		waitUntilAnswering(`${authUrl}/.well-known/oauth-authorization-server`)
	]);
} catch (error) {
	if (!stopping) console.error(`The servers did not answer in time: ${error.message}`);
	stop(1);
}
for (const child of children) child.running();

const server = `${demoUrl}/mcp`;
console.log(`
  Loupe:            ${app}
  Demo MCP server:  ${server} (every endpoint: ${demoUrl}/)

  Open Loupe pointed at the demo server:
  ${app}?server=${encodeURIComponent(server)}&connect=1

  Try sign-in (OAuth, any username, then Approve):
  ${app}?server=${encodeURIComponent(`${demoUrl}/mcp-oauth`)}&connect=1

  Press Ctrl+C to stop.
`);
