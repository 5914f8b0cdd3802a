#!/usr/bin/env node
/**
 * `npm start`: builds Loupe, serves it on 127.0.0.1, starts the demo MCP server from
 * tests/servers, and prints a URL that opens Loupe already pointed at the demo server.
 * Ports: APP_PORT (default 4173), DEMO_PORT (default 3001) and AUTH_PORT (default 3002, the test
 * OAuth authorization server that protects the demo's /mcp-oauth).
 */
import { spawn, spawnSync } from 'node:child_process';
import { startStaticServer } from './serve-static.mjs';

const appPort = Number(process.env.APP_PORT ?? 4173);
const demoPort = Number(process.env.DEMO_PORT ?? 3001);
const authPort = Number(process.env.AUTH_PORT ?? 3002);

if (!process.argv.includes('--no-build')) {
	console.log('Building Loupe…');
	const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const auth = spawn(process.execPath, ['--import', 'tsx', 'tests/servers/auth/main.ts', '--port', String(authPort)], {
	stdio: ['ignore', 'inherit', 'inherit']
});
auth.on('exit', (code) => {
	if (code) console.error(`The test authorization server stopped (exit ${code}). Is port ${authPort} free? Set AUTH_PORT to use another.`);
});
const demo = spawn(
	process.execPath,
	['--import', 'tsx', 'tests/servers/main.ts', '--port', String(demoPort), '--auth-issuer', `http://127.0.0.1:${authPort}`],
	{ stdio: ['ignore', 'inherit', 'inherit'] }
);
demo.on('exit', (code) => {
	if (code) {
		console.error(`The demo MCP server stopped (exit ${code}). Is port ${demoPort} free? Set DEMO_PORT to use another.`);
		process.exit(code);
	}
});

try {
	await startStaticServer({ port: appPort, base: process.env.BASE_PATH ?? '' });
} catch (error) {
	console.error(`Could not serve Loupe on port ${appPort}: ${error.message}. Set APP_PORT to use another.`);
	demo.kill();
	auth.kill();
	process.exit(1);
}

const server = `http://127.0.0.1:${demoPort}/mcp`;
const app = `http://127.0.0.1:${appPort}${process.env.BASE_PATH ?? ''}/`;
console.log(`
  Loupe:            ${app}
  Demo MCP server:  ${server}

  Open Loupe pointed at the demo server:
  ${app}?server=${encodeURIComponent(server)}&connect=1

  Try sign-in (OAuth, any username, then Approve):
  ${app}?server=${encodeURIComponent(`http://127.0.0.1:${demoPort}/mcp-oauth`)}&connect=1

  Press Ctrl+C to stop.
`);

const stop = () => {
	demo.kill('SIGTERM');
	auth.kill('SIGTERM');
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
