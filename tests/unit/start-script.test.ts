/**
 * `npm start` (scripts/start.mjs, run with --no-build on a throwaway build directory): the links
 * appear only once every server answers, and a taken port stops it with a sentence that names
 * the port and its variable.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let buildDir: string;
beforeAll(async () => {
	buildDir = await mkdtemp(join(tmpdir(), 'loupe-start-test-'));
	await writeFile(join(buildDir, 'index.html'), '<!doctype html><title>Loupe start test</title>');
});
afterAll(async () => {
	await rm(buildDir, { recursive: true, force: true });
});

function listen(port = 0): Promise<Server> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve(server));
	});
}
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

async function freePorts(n: number): Promise<number[]> {
	const servers = await Promise.all(Array.from({ length: n }, () => listen()));
	const ports = servers.map((s) => (s.address() as { port: number }).port);
	await Promise.all(servers.map(close));
	return ports;
}

async function isFree(port: number): Promise<boolean> {
	try {
		await close(await listen(port));
		return true;
	} catch {
		return false;
	}
}

function runStart(ports: { app: number; demo: number; auth: number }) {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		APP_PORT: String(ports.app),
		DEMO_PORT: String(ports.demo),
		AUTH_PORT: String(ports.auth),
		LOUPE_BUILD_DIR: buildDir
	};
	delete env.BASE_PATH;
	const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build'], {
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code))
	);
	return { child, exited, out: () => stdout, err: () => stderr };
}

describe('npm start', () => {
	it('prints the links last, once the app, the demo server and the authorization server all answer', async () => {
		const [app, demo, auth] = await freePorts(3);
		const run = runStart({ app, demo, auth });
		try {
			// The moment the "Open Loupe" link is out, everything it needs must answer.
			const link = await new Promise<string>((resolve, reject) => {
				const onData = () => {
					const m = /Open Loupe pointed at the demo server:\s*\n\s*(\S+)/.exec(run.out());
					if (m) {
						run.child.stdout.off('data', onData);
						resolve(m[1]);
					}
				};
				run.child.stdout.on('data', onData);
				run.exited.then((code) =>
					reject(
						new Error(`start.mjs exited (${code}) before the link:\n${run.out()}\n${run.err()}`)
					)
				);
			});
			const answers = await Promise.all(
				[
					link,
					`http://127.0.0.1:${demo}/mcp`,
					`http://127.0.0.1:${auth}/.well-known/oauth-authorization-server`
				].map((url) => fetch(url).then((r) => ({ url, status: r.status, body: r.text() })))
			);
			expect(link).toBe(
				`http://127.0.0.1:${app}/?server=${encodeURIComponent(`http://127.0.0.1:${demo}/mcp`)}&connect=1`
			);
			expect(answers[0].status).toBe(200);
			expect(await answers[0].body).toContain('Loupe start test');
			expect(answers[1].status).toBeLessThan(500);
			expect(answers[2].status).toBe(200);
			expect(JSON.parse(await answers[2].body).issuer).toBe(`http://127.0.0.1:${auth}`);

			// The links are the last lines before "Press Ctrl+C to stop."
			await new Promise((r) => setTimeout(r, 200));
			const lines = run
				.out()
				.trimEnd()
				.split('\n')
				.filter((l) => l.trim());
			expect(lines.at(-1)?.trim()).toBe('Press Ctrl+C to stop.');
			expect(lines.at(-2)?.trim()).toBe(
				`http://127.0.0.1:${app}/?server=${encodeURIComponent(`http://127.0.0.1:${demo}/mcp-oauth`)}&connect=1`
			);
		} finally {
			run.child.kill('SIGTERM');
			await run.exited;
		}
		// Ctrl+C (here SIGTERM) stops every server it started.
		for (
			let i = 0;
			i < 50 && !((await isFree(app)) && (await isFree(demo)) && (await isFree(auth)));
			i++
		)
			await new Promise((r) => setTimeout(r, 100));
		expect([await isFree(app), await isFree(demo), await isFree(auth)]).toEqual([true, true, true]);
	}, 60_000);

	it.each([
		['app', 'APP_PORT', 'Loupe'],
		['demo', 'DEMO_PORT', 'the demo MCP server'],
		['auth', 'AUTH_PORT', 'the test authorization server']
	] as const)(
		"stops with a sentence naming the port and %s's variable when its port is taken",
		async (which, variable, what) => {
			const [app, demo, auth] = await freePorts(3);
			const ports = { app, demo, auth };
			const holder = await listen(ports[which]);
			try {
				const run = runStart(ports);
				const code = await run.exited;
				expect(code).not.toBe(0);
				expect(run.err()).toContain(`Port ${ports[which]} is taken, so ${what}`);
				expect(run.err()).toContain(`set ${variable} to another port`);
				expect(run.out()).not.toContain('Press Ctrl+C');
				// Nothing else was left running.
				for (const other of (['app', 'demo', 'auth'] as const).filter((w) => w !== which))
					expect(await isFree(ports[other])).toBe(true);
			} finally {
				await close(holder);
			}
		}
	);
});
