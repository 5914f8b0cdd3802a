/**
 * The pieces `npm start` runs its servers with: a port check, a server child process that says
 * why it stopped, and a wait until a URL answers.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Whether nothing listens on 127.0.0.1:`port` (we can listen there ourselves, briefly). */
export function checkPortFree(port) {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', (error) => resolve(error.code !== 'EADDRINUSE'));
		probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
	});
}

/**
 * Runs a TypeScript server from tests/servers (`node --import tsx <args>`). Its own output is
 * kept out of the terminal (the links `npm start` prints say what matters), except its stderr
 * once running (and before, when it stops). `onStopped(reason)` hears of an exit nobody asked for:
 * 'port' when the port was taken, else a short description.
 */
export function startChild(name, args, onStopped) {
	const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let stopping = false;
	let running = false;
	let errors = '';
	child.stdout.resume();
	child.stderr.on('data', (chunk) => {
		if (running) return void process.stderr.write(chunk);
		errors += chunk;
		if (errors.length > 20_000) errors = errors.slice(-10_000);
	});
	child.once('error', (error) => !stopping && onStopped(error.message));
	child.once('exit', (code, signal) => {
		if (stopping) return;
		if (/EADDRINUSE/.test(errors)) return onStopped('port');
		const last = errors.trim().split('\n').slice(-5).join('\n');
		onStopped(`${name}: ${signal ? `signal ${signal}` : `exit ${code}`}${last ? `\n${last}` : ''}`);
	});
	return {
		/** It answers: from now on its stderr goes straight to the terminal. */
		running() {
			running = true;
			if (errors.trim()) process.stderr.write(errors);
			errors = '';
		},
		stop() {
			stopping = true;
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		}
	};
}

/** Resolves once `url` gives any HTTP answer; rejects after `timeoutMs`. */
export async function waitUntilAnswering(url, { timeoutMs = 60_000, intervalMs = 100 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
			await response.body?.cancel();
			return;
		} catch {
			if (Date.now() > deadline)
				throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
			await new Promise((r) => setTimeout(r, intervalMs));
		}
	}
}
