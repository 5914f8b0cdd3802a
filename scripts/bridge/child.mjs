/**
 * The stdio server: one child process running the command fixed when the bridge started (no
 * shell, so nothing in it is interpreted), with the bridge's environment plus `--env` pairs. It is
 * started by the first request that passed every check, and again by the next one if it exited:
 * nothing runs before Loupe has shown the token, and nothing but that command ever runs.
 * Its stdout is read as lines (one JSON-RPC message each, exactly as written); its stderr goes to
 * the bridge's console as it is, and line by line to whoever listens.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** A line longer than this (64 MB) from the server is cut off and reported, not buffered forever. */
const MAX_LINE = 64 * 1024 * 1024;

/**
 * Where `command` would be found (as spawn looks it up), or undefined. Skipped on Windows, where
 * PATHEXT rules apply: there a missing command is reported when it is started.
 */
export function findExecutable(command, env = process.env) {
	if (process.platform === 'win32') return command;
	const runnable = (file) => {
		try {
			accessSync(file, constants.X_OK);
			return statSync(file).isFile();
		} catch {
			return false;
		}
	};
	if (command.includes('/')) return runnable(resolve(command)) ? resolve(command) : undefined;
	for (const dir of (env.PATH ?? '').split(delimiter)) {
		if (!dir) continue;
		const file = isAbsolute(dir) ? join(dir, command) : resolve(dir, command);
		if (runnable(file)) return file;
	}
	return undefined;
}

/** Splits a byte stream into lines (\n or \r\n), calling `onLine` with each, as text. */
function lineReader(onLine, onTooLong) {
	let buffered = '';
	return (chunk) => {
		buffered += chunk;
		let nl;
		while ((nl = buffered.indexOf('\n')) !== -1) {
			const line = buffered.slice(0, nl).replace(/\r$/, '');
			buffered = buffered.slice(nl + 1);
			onLine(line);
		}
		if (buffered.length > MAX_LINE) {
			onTooLong(buffered.length);
			buffered = '';
		}
	};
}

/**
 * @typedef {object} ChildEvents
 * @property {(line: string) => void} stdout a line the server wrote to stdout
 * @property {(line: string) => void} stderr a line the server wrote to stderr
 * @property {(description: string) => void} exited it stopped ("exit code 1", "signal SIGKILL")
 */

export class ChildServer {
	/** How many times the command was started (for the console, and the tests). */
	starts = 0;
	/** @type {import('node:child_process').ChildProcess | undefined} */
	#process;
	/** @type {Promise<void> | undefined} */
	#starting;

	/**
	 * @param {{ command: string, args: string[], env: Record<string, string> }} spec
	 * @param {ChildEvents} events
	 */
	constructor(spec, events) {
		this.spec = Object.freeze({
			command: spec.command,
			args: Object.freeze([...spec.args]),
			env: Object.freeze({ ...spec.env })
		});
		this.events = events;
	}

	get running() {
		return !!this.#process;
	}

	/** Starts the command unless it runs. Rejects with a sentence when it cannot be started. */
	ensureStarted() {
		if (this.#process) return this.#starting ?? Promise.resolve();
		const { command, args, env } = this.spec;
		this.starts++;
		const child = spawn(command, args, {
			stdio: ['pipe', 'pipe', 'pipe'],
			env: { ...process.env, ...env },
			shell: false,
			windowsHide: true
		});
		this.#process = child;
		child.stdout.setEncoding('utf8');
		child.stdout.on(
			'data',
			lineReader(
				(line) => this.events.stdout(line),
				(n) =>
					this.events.stderr(
						`[bridge] the server wrote a line of more than ${n} characters without a line break; it was dropped`
					)
			)
		);
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk) => process.stderr.write(chunk));
		child.stderr.on(
			'data',
			lineReader(
				(line) => this.events.stderr(line),
				() => {}
			)
		);
		// Writes after the server exited fail here; the exit itself is reported below.
		child.stdin.on('error', () => {});
		this.#starting = new Promise((resolve, reject) => {
			child.once('spawn', () => {
				this.#starting = undefined;
				resolve();
			});
			child.once('error', (error) => {
				if (this.#process !== child) return;
				this.#process = undefined;
				this.#starting = undefined;
				const code = /** @type {NodeJS.ErrnoException} */ (error).code;
				reject(
					new Error(
						code === 'ENOENT'
							? `the command "${command}" was not found`
							: `"${command}" could not be started (${error.message})`
					)
				);
			});
		});
		child.once('exit', (code, signal) => {
			if (this.#process !== child) return;
			this.#process = undefined;
			this.events.exited(signal ? `signal ${signal}` : `exit code ${code}`);
		});
		return this.#starting;
	}

	/** Writes one message line to the server's stdin. */
	write(line) {
		this.#process?.stdin?.write(`${line}\n`);
	}

	/** Stops the server: stdin closed, then SIGTERM, then SIGKILL after `graceMs`. */
	stop(graceMs = 2000) {
		const child = this.#process;
		this.#process = undefined;
		if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
		return new Promise((resolve) => {
			const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
			child.once('exit', () => {
				clearTimeout(timer);
				resolve(undefined);
			});
			child.stdin?.end();
			child.kill('SIGTERM');
		});
	}
}
