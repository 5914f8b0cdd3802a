#!/usr/bin/env node
/**
 * `npm start`: builds Loupe, serves it on 127.0.0.1, starts the demo MCP server from
 * tests/servers, and prints a URL that opens Loupe already pointed at the demo server.
 * Ports: APP_PORT (default 4173) and DEMO_PORT (default 3001).
 */
import { spawn, spawnSync } from 'node:child_process';
import { startStaticServer } from './serve-static.mjs';

const appPort = Number(process.env.APP_PORT ?? 4173);
const demoPort = Number(process.env.DEMO_PORT ?? 3001);

if (!process.argv.includes('--no-build')) {
	console.log('Building Loupe…');
	const build = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (build.status !== 0) process.exit(build.status ?? 1);
}

const demo = spawn(process.execPath, ['--import', 'tsx', 'tests/servers/main.ts', '--port', String(demoPort)], {
	stdio: ['ignore', 'inherit', 'inherit']
});
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
	process.exit(1);
}

const server = `http://127.0.0.1:${demoPort}/mcp`;
const app = `http://127.0.0.1:${appPort}${process.env.BASE_PATH ?? ''}/`;
console.log(`
  Loupe:            ${app}
  Demo MCP server:  ${server}

  Open Loupe pointed at the demo server:
  ${app}?server=${encodeURIComponent(server)}&connect=1

  Press Ctrl+C to stop.
`);

const stop = () => {
	demo.kill('SIGTERM');
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
