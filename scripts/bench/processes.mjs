/**
 * Child processes the benchmark needs: a production build and the demo MCP server.
 */
import { spawn } from 'node:child_process';

/** Runs `vite build`; resolves on success, rejects with the build's output on failure. */
export function buildApp(cwd) {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
			{
				cwd,
				stdio: ['ignore', 'pipe', 'pipe']
			}
		);
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolve()
				: reject(new Error(`vite build failed (exit ${code}):\n${output.trim()}`))
		);
	});
}

/**
 * Starts tests/servers/main.ts on a free port (the OS picks it) and resolves with its base URL
 * (no trailing slash) and a stop() that ends the process.
 */
export function startDemoServer(cwd, { timeoutMs = 30_000 } = {}) {
	const child = spawn(
		process.execPath,
		['--import', 'tsx', 'tests/servers/main.ts', '--port', '0', '--host', '127.0.0.1'],
		{
			cwd,
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let output = '';
	let exited = false;
	const exitedPromise = new Promise((resolve) =>
		child.once('exit', () => ((exited = true), resolve()))
	);

	const stop = async () => {
		if (exited) return;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
		await exitedPromise;
		clearTimeout(timer);
	};

	const ready = new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			void stop();
			reject(
				new Error(
					`the demo MCP server did not print its URL within ${timeoutMs} ms:\n${output.trim()}`
				)
			);
		}, timeoutMs);
		const onData = (d) => {
			output += d;
			const m = /(https?:\/\/[^\s/]+)\/mcp\s/.exec(output);
			if (m) {
				clearTimeout(timer);
				child.stdout.off('data', onData);
				resolve({ url: m[1], stop });
			}
		};
		child.stdout.on('data', onData);
		child.stderr.on('data', (d) => (output += d));
		child.once('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(
				new Error(
					`the demo MCP server exited (code ${code}) before it was ready:\n${output.trim()}`
				)
			);
		});
	});
	// Keep draining output so the child never blocks on a full pipe.
	ready.then(
		() => child.stdout.resume(),
		() => {}
	);
	return Object.assign(ready, { stop });
}
