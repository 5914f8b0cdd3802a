#!/usr/bin/env node
/**
 * `npm run bench`: performance figures for the built app, measured in headless Chromium
 * against the demo MCP server. Not a test: it prints numbers, one `name: value unit` a line,
 * and exits 0 unless something broke.
 *
 *   node scripts/bench.mjs [--build] [--runs 7] [--messages 100000] [--files]
 *
 *   --build     build first (also done when build/ has no index.html)
 *   --runs      runs for "time to tools listed" (default 7)
 *   --messages  notifications in the logging burst, then exported (default 100000)
 *   --files     also list each file the first screen and the connection load
 *   --no-burst  skip the logging burst (section 3)
 *   --burst-only  only the first screen and the logging burst (sections 1 and 3)
 *
 * Progress goes to stderr, figures to stdout. The build is copied to a temporary directory
 * first, so a rebuild running meanwhile cannot change the files under measurement.
 */
import { measureWorkspace } from './bench/workspace.mjs';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { startStaticServer } from './serve-static.mjs';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from './find-chromium.mjs';
import { buildApp, startDemoServer } from './bench/processes.mjs';
import { installBenchHelpers, watchToolsListed } from './bench/in-page.js';
import { warmUpBurst } from './bench/warm-up.mjs';
import { measureBigPayloads } from './bench/big-payloads.mjs';
import { measureMessageViewer } from './bench/message-viewer.mjs';
import {
	measureConnectSpeed,
	printConnectSpeed,
	toolsListedMessage
} from './bench/connect-speed.mjs';
import { startTaskTrace, stopTaskTrace } from './bench/main-thread.mjs';
import { measureExport } from './bench/export.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The build to measure: build/, or LOUPE_BUILD_DIR as for `vite build`. */
const SOURCE_BUILD = resolve(ROOT, process.env.LOUPE_BUILD_DIR ?? 'build');
/** The snapshot of build/ that is served and measured (set in main). */
let BUILD = SOURCE_BUILD;
const BASE = process.env.BASE_PATH ?? '';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
	const i = argv.indexOf(`--${name}`);
	if (i < 0) return fallback;
	const n = Number(argv[i + 1]);
	if (!Number.isInteger(n) || n <= 0) {
		console.error(`--${name} needs a positive integer`);
		process.exit(2);
	}
	return n;
};
if (flag('help') || flag('h')) {
	console.log(
		'usage: node scripts/bench.mjs [--build] [--runs 7] [--messages 100000] [--files] [--no-burst] [--burst-only]'
	);
	process.exit(0);
}
const RUNS = option('runs', 7);
const MESSAGES = option('messages', 100_000);

const CONTEXT_OPTIONS = { locale: 'en-US', viewport: { width: 1280, height: 800 } };
const WAIT_MS = 60_000;
/** How long a burst (and its export) may take: the demo server alone sends some 3,000 messages a second. */
const BURST_WAIT_MS = Math.max(WAIT_MS, MESSAGES * 2);
/** The warm-up only needs the server's code hot, not the whole burst. */
const WARM_UP_MESSAGES = Math.min(MESSAGES, 10_000);

// ---------------------------------------------------------------------------------------------
// Output

/** Set on SIGINT/SIGTERM: whatever fails after that is the shutdown, not worth printing. */
let interrupted = false;
const progress = (message) => !interrupted && process.stderr.write(`· ${message}\n`);
const figure = (name, value, unit = '') =>
	!interrupted && console.log(`${name}: ${value}${unit ? ` ${unit}` : ''}`);
const kB = (bytes) => (bytes / 1000).toFixed(2);
const ms = (t) => (t === undefined || Number.isNaN(t) ? 'n/a' : Math.round(t));
/** Things worth reporting. Fatal ones (a figure could not be measured) make the exit code 1. */
const problems = [];
let broken = false;
const problem = (message, { fatal = false } = {}) => {
	if (interrupted) return;
	problems.push(message);
	if (fatal) broken = true;
	progress(`${fatal ? 'failed' : 'note'}: ${message}`);
};

// ---------------------------------------------------------------------------------------------
// Sizes

const gzipCache = new Map();
async function sizeOf(file) {
	let sizes = gzipCache.get(file);
	if (!sizes) {
		const body = await readFile(file);
		sizes = { raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
		gzipCache.set(file, sizes);
	}
	return sizes;
}

async function sumSizes(files) {
	let raw = 0;
	let gzip = 0;
	for (const file of files) {
		const s = await sizeOf(file);
		raw += s.raw;
		gzip += s.gzip;
	}
	return { raw, gzip, count: files.length };
}

/** The sizes of the styles inside an HTML file's <style> elements. */
async function inlineStyles(file) {
	const html = await readFile(file, 'utf8');
	const css = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('');
	return { raw: Buffer.byteLength(css), gzip: gzipSync(css).length };
}

async function walk(dir) {
	const out = [];
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) out.push(...(await walk(path)));
		else out.push(path);
	}
	return out;
}

/** The file in build/ that a URL of the static server serves, or undefined. */
function fileForUrl(url, appOrigin) {
	const u = new URL(url);
	if (u.origin !== appOrigin) return undefined;
	let path = decodeURIComponent(u.pathname);
	if (BASE && path.startsWith(BASE)) path = path.slice(BASE.length) || '/';
	let file = resolve(BUILD, `.${path}`);
	if (!file.startsWith(BUILD + sep)) return undefined;
	if (path.endsWith('/')) file = join(file, 'index.html');
	return existsSync(file) ? file : undefined;
}

// ---------------------------------------------------------------------------------------------
// Browser helpers

async function newPage(browser) {
	const context = await browser.newContext(CONTEXT_OPTIONS);
	await context.addInitScript(installBenchHelpers);
	const page = await context.newPage();
	page.setDefaultTimeout(WAIT_MS);
	const errors = [];
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('console', (msg) => {
		// A failed HTTP status is logged by Chromium itself, e.g. the 400 a 2025-era server gives
		// the server/discover probe before the client falls back to initialize: not an app error.
		if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
			errors.push(msg.text());
	});
	return { context, page, errors };
}

function deepLink(appUrl, server, tool) {
	const params = new URLSearchParams({ server, connect: '1' });
	if (tool) params.set('tool', tool);
	return `${appUrl}?${params}`;
}

/** Polls in the page every animation frame; resolves with the predicate's value, or throws on timeout. */
function inPage(page, predicate, arg, timeout = WAIT_MS) {
	return page
		.waitForFunction(predicate, arg, { polling: 'raf', timeout })
		.then((handle) => handle.jsonValue());
}

async function heapMB(page) {
	const cdp = await page.context().newCDPSession(page);
	try {
		await cdp.send('Performance.enable');
		const read = async () => {
			const { metrics } = await cdp.send('Performance.getMetrics');
			return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
		};
		const before = await read();
		await cdp.send('HeapProfiler.collectGarbage');
		const afterGc = await read();
		return { used: before / 1e6, afterGc: afterGc / 1e6 };
	} finally {
		await cdp.detach().catch(() => {});
	}
}

function taskStats(tasks, from, to) {
	const inWindow = tasks.filter((t) => t.start + t.duration >= from && t.start <= to);
	const longest = inWindow.reduce((m, t) => Math.max(m, t.duration), 0);
	const total = inWindow.reduce((s, t) => s + t.duration, 0);
	const blocking = inWindow.reduce((s, t) => s + Math.max(0, t.duration - 50), 0);
	return { count: inWindow.length, longest, total, blocking };
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

// ---------------------------------------------------------------------------------------------
// 1. First-screen bytes

async function measureFirstScreen(browser, appUrl) {
	const { context, page, errors } = await newPage(browser);
	const origin = new URL(appUrl).origin;
	const seen = { script: new Set(), stylesheet: new Set() };
	page.on('response', (response) => {
		const type = response.request().resourceType();
		if (type in seen) seen[type].add(response.url());
	});
	try {
		await page.goto(appUrl, { waitUntil: 'networkidle' });
		await page.getByRole('textbox', { name: 'Server URL' }).waitFor({ state: 'visible' });
		await page.waitForLoadState('networkidle');
		const links = await page.evaluate(() => ({
			script: [...document.querySelectorAll('link[rel="modulepreload"]')].map((l) => l.href),
			// A disabled link is not fetched: its styles are inside the HTML (kit.inlineStyleThreshold).
			stylesheet: [...document.querySelectorAll('link[rel="stylesheet"]:not([disabled])')].map(
				(l) => l.href
			)
		}));
		for (const href of links.script) seen.script.add(href);
		for (const href of links.stylesheet) seen.stylesheet.add(href);

		const files = (urls) => {
			const out = new Set();
			for (const url of urls) {
				const file = fileForUrl(url, origin);
				if (file) out.add(file);
				else problem(`first screen loaded ${url}, which is not a file in build/`, { fatal: true });
			}
			return [...out];
		};
		// What Loupe fetches once the first screen is idle (the session code, ahead of a connect) is not first-screen JS.
		const afterIdle = await page.evaluate(() => {
			const mark =
				performance.getEntriesByName('loupe:preload-session-code')[0]?.startTime ?? Infinity;
			return performance
				.getEntriesByType('resource')
				.filter((e) => e.startTime >= mark)
				.map((e) => e.name);
		});
		for (const url of afterIdle) seen.script.delete(url);
		const jsFiles = files(seen.script);
		const idleJs = await sumSizes(files(afterIdle.filter((u) => u.endsWith('.js'))));
		const cssFiles = files(seen.stylesheet);
		if (errors.length) problem(`errors on the first screen: ${errors.join(' | ')}`);
		return {
			jsList: jsFiles,
			cssList: cssFiles,
			js: await sumSizes(jsFiles),
			css: await sumSizes(cssFiles),
			html: await sumSizes([join(BUILD, 'index.html')]),
			inlineCss: await inlineStyles(join(BUILD, 'index.html')),
			jsFiles: new Set(jsFiles),
			idleJs
		};
	} finally {
		await context.close();
	}
}

// ---------------------------------------------------------------------------------------------
// 2. Time to tools listed

async function measureToolsListed(browser, appUrl, serverUrl, firstScreenJs) {
	const origin = new URL(appUrl).origin;
	const runs = [];
	let connectJs;
	// Run 0 is a warm-up (the demo server's first requests and Chromium's first page are slow)
	// and is not counted.
	for (let i = 0; i <= RUNS; i++) {
		const { context, page, errors } = await newPage(browser);
		await context.addInitScript(watchToolsListed);
		const scripts = new Set();
		page.on('response', (response) => {
			if (response.request().resourceType() === 'script') scripts.add(response.url());
		});
		try {
			const listed = toolsListedMessage(page, WAIT_MS);
			await page.goto(deepLink(appUrl, serverUrl), { waitUntil: 'commit' });
			const result = await listed;
			const nav = await page.evaluate((serverUrl) => {
				const n = performance.getEntriesByType('navigation')[0];
				const mcp = performance
					.getEntriesByType('resource')
					.filter((e) => e.name.startsWith(serverUrl));
				return {
					domContentLoaded: n?.domContentLoadedEventEnd,
					firstRequest: mcp.length ? Math.min(...mcp.map((e) => e.startTime)) : undefined
				};
			}, serverUrl);
			if (i === 0) {
				progress(`warm-up: tools listed at ${ms(result.listed)} ms (not counted)`);
				continue;
			}
			runs.push({ ...result, ...nav });
			progress(
				`run ${i}/${RUNS}: tools listed at ${ms(result.listed)} ms (first: ${result.name.split(' ')[0]})`
			);
			if (i === 1) {
				await page.waitForLoadState('networkidle').catch(() => {});
				const extra = [...scripts]
					.map((u) => fileForUrl(u, origin))
					.filter((f) => f && !firstScreenJs.has(f));
				connectJs = await sumSizes([...new Set(extra)]);
				connectJs.files = [...new Set(extra)];
			}
			if (errors.length) problem(`errors while connecting (run ${i}): ${errors.join(' | ')}`);
		} catch (error) {
			problem(`time to tools listed, run ${i}: ${error.message.split('\n')[0]}`, { fatal: true });
		} finally {
			await context.close();
		}
	}
	return { runs, connectJs };
}

// ---------------------------------------------------------------------------------------------
// 3. A burst of logging notifications

/**
 * Connects to /mcp-legacy with tool=log_burst, sets the traffic filter to
 * notifications/message and count to MESSAGES, and returns the page ready to run.
 */
async function prepareBurst(browser, appUrl, legacyUrl) {
	const opened = await newPage(browser);
	const { page } = opened;
	await page.goto(deepLink(appUrl, legacyUrl, 'log_burst'));
	await page
		.getByRole('status', { name: 'Connection status' })
		.filter({ hasText: 'Connected' })
		.waitFor();
	// The tool is selected once tools/list has arrived.
	await page.getByRole('button', { name: 'Run tool' }).waitFor();

	// The filter lives with the log, so it holds across tab switches: set it before the burst.
	// It matches message text too (log_burst's description in tools/list mentions
	// notifications/message), so what it shows before the burst is the baseline.
	await page.getByRole('tab', { name: 'Traffic', exact: true }).click();
	const traffic = page.getByRole('region', { name: 'Traffic' });
	await traffic.getByRole('searchbox', { name: 'Filter traffic' }).fill('notifications/message');
	await page.waitForTimeout(200);
	const before = await page.evaluate(() =>
		window.__bench.readCounter(window.__bench.find('region', 'Traffic'))
	);
	if (!before) throw new Error('found no "N of M" counter in region "Traffic"');
	await page.getByRole('tab', { name: 'Tools', exact: true }).click();

	await page.getByRole('button', { name: 'Run tool' }).waitFor();
	const count = page.getByRole('form', { name: 'Arguments' }).getByLabel('count', { exact: true });
	let viaJson = false;
	if ((await count.count()) >= 1) {
		await count.first().fill(String(MESSAGES));
		const value = await count
			.first()
			.inputValue()
			.catch(() => '');
		if (Number(value.replace(/\D/g, '')) !== MESSAGES) viaJson = true;
	} else viaJson = true;
	if (viaJson) {
		progress('the "count" field was not usable; setting the arguments as JSON instead');
		await page.getByRole('switch', { name: 'Edit as JSON' }).click();
		await page
			.getByRole('textbox', { name: 'Arguments JSON' })
			.fill(JSON.stringify({ count: MESSAGES }));
	}
	// Let the form settle before the clock starts.
	await page.waitForTimeout(300);
	const heapBefore = await heapMB(page);
	return { ...opened, viaJson, heapBefore, expected: before.shown + MESSAGES };
}

/** Watches the network for the end of the tools/call response stream (in page time). */
function watchCallFinished(page) {
	let done;
	const finished = new Promise((resolve) => (done = resolve));
	page.on('requestfinished', async (request) => {
		if (request.method() !== 'POST' || !(request.postData() ?? '').includes('"tools/call"')) return;
		const timing = request.timing();
		done(timing.responseEnd >= 0 ? timing.startTime + timing.responseEnd : undefined);
	});
	return async () => {
		const epoch = await Promise.race([
			finished,
			new Promise((r) => setTimeout(() => r(undefined), 2000))
		]);
		if (epoch === undefined) return undefined;
		const origin = await page.evaluate(() => performance.timeOrigin);
		return epoch - origin;
	};
}

const waitForResult = (page, expected) =>
	inPage(
		page,
		(expected) => {
			const region = window.__bench.find('region', 'Result');
			return region && (region.textContent ?? '').includes(expected) ? performance.now() : false;
		},
		expected,
		BURST_WAIT_MS
	);

const waitForLogged = (page, count) =>
	inPage(
		page,
		(count) => {
			const b = window.__bench;
			const region = b.find('region', 'Traffic');
			const c = region && b.readCounter(region);
			if (c) b.lastCounter = c;
			return c && c.shown >= count ? { t: performance.now(), ...c } : false;
		},
		count,
		BURST_WAIT_MS
	).catch(async (error) => {
		const last = await page.evaluate(() => window.__bench.lastCounter?.text).catch(() => undefined);
		throw new Error(
			`the Traffic counter did not reach ${count.toLocaleString('en-US')} (last seen: ${last ?? 'none'}): ${error.message.split('\n')[0]}`
		);
	});

async function afterBurst(page, label, expected) {
	// Does the log stay put? Extra or missing rows show up as a changed counter.
	await page.waitForTimeout(500);
	const counter = await page.evaluate(() => {
		const b = window.__bench;
		const region = b.find('region', 'Traffic');
		return region ? b.readCounter(region) : b.lastCounter;
	});
	if (counter && counter.shown !== expected) {
		problem(
			`${label}: the filtered traffic shows ${counter.text}; expected ${expected.toLocaleString('en-US')} rows (${MESSAGES.toLocaleString('en-US')} notifications + ${expected - MESSAGES} before the burst)`
		);
	}
	return counter;
}

async function burstResultFirst(browser, appUrl, legacyUrl) {
	const { context, page, errors, expected, heapBefore } = await prepareBurst(
		browser,
		appUrl,
		legacyUrl
	);
	try {
		const networkDone = watchCallFinished(page);
		const start = await page.evaluate(() => performance.now());
		await page.evaluate(() => window.__bench.startFrames());
		await startTaskTrace(browser, page);
		await page.getByRole('button', { name: 'Run tool' }).click();
		const clickAt = await page.evaluate(
			(since) => window.__bench.lastClick('Run tool', since),
			start
		);
		const resultAt = await waitForResult(page, `sent ${MESSAGES}`);
		const resultTasks = await page.evaluate(() => window.__bench.longtasks);

		await page.getByRole('tab', { name: 'Traffic', exact: true }).click();
		const tabAt = await page.evaluate((since) => window.__bench.lastClick('Traffic', since), start);
		const logged = await waitForLogged(page, expected);
		const trace = await stopTaskTrace(browser);
		const gaps = await page.evaluate(() => window.__bench.stopFrames());
		const tasks = await page.evaluate(() => window.__bench.longtasks);
		const counter = await afterBurst(page, 'result first', expected);
		const heap = await heapMB(page);
		progress(`exporting the ${MESSAGES.toLocaleString('en-US')} messages…`);
		const exported = await measureExport(browser, page, { timeout: BURST_WAIT_MS }).catch(
			(error) => {
				problem(`export after the burst: ${error.message.split('\n')[0]}`, { fatal: true });
				return undefined;
			}
		);
		if (exported && exported.notifications !== MESSAGES) {
			problem(
				`the export holds ${exported.notifications.toLocaleString('en-US')} notifications/message; expected ${MESSAGES.toLocaleString('en-US')}`,
				{ fatal: true }
			);
		}
		if (errors.length) problem(`errors during the burst (result first): ${errors.join(' | ')}`);
		return {
			trace,
			exported,
			clickAt,
			resultAt,
			tabAt,
			loggedAt: logged.t,
			networkAt: await networkDone(),
			resultTasks: taskStats(resultTasks, clickAt, resultAt),
			tasks: taskStats(tasks, clickAt, logged.t),
			maxGap: gaps.filter((g) => g.at >= clickAt - 20).reduce((m, g) => Math.max(m, g.gap), 0),
			counter,
			heap,
			heapBefore
		};
	} finally {
		// A trace left running by a failure would refuse the next one.
		await browser.stopTracing().catch(() => {});
		await context.close();
	}
}

async function burstLiveTraffic(browser, appUrl, legacyUrl) {
	const { context, page, errors, expected, heapBefore } = await prepareBurst(
		browser,
		appUrl,
		legacyUrl
	);
	try {
		const networkDone = watchCallFinished(page);
		const start = await page.evaluate(() => performance.now());
		await page.evaluate(() => window.__bench.startFrames());
		await startTaskTrace(browser, page);
		await page.getByRole('button', { name: 'Run tool' }).click();
		// Straight to the Traffic tab: the list renders while the burst arrives.
		await page.getByRole('tab', { name: 'Traffic', exact: true }).click();
		const clickAt = await page.evaluate(
			(since) => window.__bench.lastClick('Run tool', since),
			start
		);
		const tabAt = await page.evaluate((since) => window.__bench.lastClick('Traffic', since), start);
		const logged = await waitForLogged(page, expected);
		const trace = await stopTaskTrace(browser);
		const gaps = await page.evaluate(() => window.__bench.stopFrames());
		const tasks = await page.evaluate(() => window.__bench.longtasks);
		const counter = await afterBurst(page, 'live traffic', expected);

		// The result must still be there when going back to Tools.
		await page.getByRole('tab', { name: 'Tools', exact: true }).click();
		const backAt = await page.evaluate((since) => window.__bench.lastClick('Tools', since), start);
		const resultAt = await waitForResult(page, `sent ${MESSAGES}`).catch((error) => {
			problem(
				`live traffic: region "Result" did not show "sent ${MESSAGES}" after going back to Tools (${error.message.split('\n')[0]})`,
				{ fatal: true }
			);
			return undefined;
		});
		const heap = await heapMB(page);
		if (errors.length) problem(`errors during the burst (live traffic): ${errors.join(' | ')}`);
		return {
			trace,
			clickAt,
			tabAt,
			loggedAt: logged.t,
			networkAt: await networkDone(),
			backToToolsMs: resultAt !== undefined ? resultAt - backAt : undefined,
			tasks: taskStats(tasks, clickAt, logged.t),
			maxGap: gaps.filter((g) => g.at >= clickAt - 20).reduce((m, g) => Math.max(m, g.gap), 0),
			counter,
			heap,
			heapBefore
		};
	} finally {
		// A trace left running by a failure would refuse the next one.
		await browser.stopTracing().catch(() => {});
		await context.close();
	}
}

// ---------------------------------------------------------------------------------------------

async function listFiles(files) {
	for (const file of files) {
		const s = await sizeOf(file);
		console.log(`  ${relative(BUILD, file)}: ${kB(s.gzip)} kB gzip, ${kB(s.raw)} kB raw`);
	}
}

async function main() {
	const started = Date.now();
	const executablePath = await findChromium();
	if (!executablePath) {
		console.error(HOW_TO_GET_CHROMIUM);
		return 1;
	}

	if (flag('build') || !existsSync(join(SOURCE_BUILD, 'index.html'))) {
		progress('building (vite build)…');
		await buildApp(ROOT);
	}

	const cleanups = [];
	const snapshot = await mkdtemp(join(tmpdir(), 'loupe-bench-'));
	cleanups.push(() => rm(snapshot, { recursive: true, force: true }));
	await cp(SOURCE_BUILD, snapshot, { recursive: true });
	BUILD = snapshot;
	const cleanup = async () => {
		while (cleanups.length)
			await cleanups
				.pop()()
				.catch(() => {});
	};
	const onSignal = (signal) => {
		interrupted = true;
		process.stderr.write(`\n${signal}: stopping the bench\n`);
		void cleanup().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		const { chromium } = await import('@playwright/test');
		progress('starting the demo MCP server, the static server and Chromium…');
		const demoStarting = startDemoServer(ROOT);
		cleanups.push(() => demoStarting.stop());
		const demo = await demoStarting;
		const staticServer = await startStaticServer({ port: 0, dir: BUILD, base: BASE });
		cleanups.push(
			() =>
				new Promise((r) => (staticServer.closeAllConnections?.(), staticServer.close(() => r())))
		);
		const appUrl = `http://127.0.0.1:${staticServer.address().port}${BASE}/`;
		// Our own signal handler closes the browser (with everything else).
		const browser = await chromium.launch({
			executablePath,
			headless: true,
			args: CHROMIUM_ARGS,
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false
		});
		cleanups.push(() => browser.close());

		const buildTime = (await stat(join(SOURCE_BUILD, 'index.html'))).mtime;
		console.log('# Loupe bench');
		figure('date', new Date().toISOString());
		figure('chromium', browser.version());
		figure('node', process.version);
		figure('build', `${relative(ROOT, SOURCE_BUILD)}/ from ${buildTime.toISOString()}`);
		// Wall times stretch on a busy machine; the CPU-time figures below do not.
		figure('load average (1 min, at start)', loadavg()[0].toFixed(2));
		console.log('');

		// 1 ----------------------------------------------------------------------------------
		progress('first screen…');
		const first = await measureFirstScreen(browser, appUrl);
		const allJs = await sumSizes(
			(await walk(join(BUILD, '_app'))).filter((f) => f.endsWith('.js'))
		);
		const allCss = await sumSizes(
			(await walk(join(BUILD, '_app'))).filter((f) => f.endsWith('.css'))
		);
		console.log('## First screen (no query string, before connecting)');
		figure('first-screen JS (gzip)', kB(first.js.gzip), 'kB');
		figure('first-screen JS (raw)', kB(first.js.raw), 'kB');
		figure('first-screen JS files', first.js.count, 'files');
		figure('JS fetched once the first screen is idle (gzip)', kB(first.idleJs.gzip), 'kB');
		figure('first-screen CSS (gzip)', kB(first.css.gzip), 'kB');
		figure('first-screen CSS (raw)', kB(first.css.raw), 'kB');
		figure('first-screen CSS files', first.css.count, 'files');
		figure('first-screen HTML (gzip)', kB(first.html.gzip), 'kB');
		figure('first-screen CSS inside the HTML (gzip)', kB(first.inlineCss.gzip), 'kB');
		figure('all JS in build/_app (gzip)', kB(allJs.gzip), 'kB');
		figure('all JS in build/_app (raw)', kB(allJs.raw), 'kB');
		figure('all JS in build/_app files', allJs.count, 'files');
		figure('all CSS in build/_app (gzip)', kB(allCss.gzip), 'kB');
		if (flag('files')) await listFiles([...first.jsList, ...first.cssList]);
		console.log('');

		if (!flag('burst-only')) {
			// 2 ----------------------------------------------------------------------------------
			progress(`time to tools listed (${RUNS} runs)…`);
			const tools = await measureToolsListed(browser, appUrl, `${demo.url}/mcp`, first.jsFiles);
			console.log(`## Deep link to ${'/mcp'} with connect=1 (fresh context each run)`);
			if (tools.runs.length) {
				const listed = tools.runs.map((r) => r.listed);
				const connected = tools.runs.map((r) => r.connected);
				figure('time to tools listed (median)', ms(median(listed)), 'ms');
				figure('time to tools listed (min)', ms(Math.min(...listed)), 'ms');
				figure('time to tools listed (max)', ms(Math.max(...listed)), 'ms');
				figure('time to tools listed (runs)', tools.runs.length, 'runs');
				figure('time to "Connected" (median)', ms(median(connected)), 'ms');
				const firstRequest = tools.runs.map((r) => r.firstRequest).filter((x) => x !== undefined);
				if (firstRequest.length)
					figure('time to first MCP request (median)', ms(median(firstRequest)), 'ms');
				const dcl = tools.runs.map((r) => r.domContentLoaded).filter((x) => x > 0);
				if (dcl.length) figure('DOMContentLoaded (median)', ms(median(dcl)), 'ms');
			} else figure('time to tools listed (median)', 'n/a');
			if (tools.connectJs) {
				figure('JS loaded on connect (gzip)', kB(tools.connectJs.gzip), 'kB');
				figure('JS loaded on connect files', tools.connectJs.count, 'files');
				if (flag('files')) await listFiles(tools.connectJs.files);
			}
			console.log('');

			// 2b ---------------------------------------------------------------------------------
			progress(`time to tools listed on a 2025-era server, first and repeat visit (${RUNS} runs)…`);
			const legacyConnect = await measureConnectSpeed({
				browser,
				newPage,
				appUrl,
				serverUrl: `${demo.url}/mcp-legacy`,
				runs: RUNS,
				timeout: WAIT_MS,
				progress,
				problem
			});
			console.log(
				'## Deep link to /mcp-legacy (2025-era server) with connect=1: page load → tools listed'
			);
			figure('first-screen JS (gzip)', kB(first.js.gzip), 'kB');
			printConnectSpeed(legacyConnect, figure);
			console.log('');

			// 2c ---------------------------------------------------------------------------------
			await measureWorkspace({ browser, appUrl, demoUrl: demo.url, figure, progress, problem });
		}
		if (flag('no-burst'))
			return (figure('bench wall time', ((Date.now() - started) / 1000).toFixed(1), 's'), report());

		// 3 ----------------------------------------------------------------------------------
		const legacyUrl = `${demo.url}/mcp-legacy`;
		const N = MESSAGES.toLocaleString('en-US');
		progress('warming the demo server up with an unmeasured burst from Node…');
		await warmUpBurst(legacyUrl, WARM_UP_MESSAGES).catch((error) =>
			problem(`warm-up burst from Node failed: ${error.message}`)
		);
		console.log(
			`## ${N} messages (log_burst count=${MESSAGES} on /mcp-legacy, traffic filter "notifications/message")`
		);
		progress(`${N} messages, Traffic tab opened after the result…`);
		try {
			const a = await burstResultFirst(browser, appUrl, legacyUrl);
			figure(`${N} messages: result shown`, ms(a.resultAt - a.clickAt), 'ms');
			if (a.networkAt !== undefined) {
				figure(`${N} messages: last byte received`, ms(a.networkAt - a.clickAt), 'ms');
				figure(
					`${N} messages: result shown after the last byte`,
					ms(a.resultAt - a.networkAt),
					'ms'
				);
			}
			figure(`${N} messages: longest task until result`, ms(a.resultTasks.longest), 'ms');
			figure(`${N} messages: long-task time until result`, ms(a.resultTasks.total), 'ms');
			figure(
				`${N} messages: all logged (Traffic opened after result)`,
				ms(a.loggedAt - a.clickAt),
				'ms'
			);
			figure(`${N} messages: Traffic tab ready after its click`, ms(a.loggedAt - a.tabAt), 'ms');
			figure(`${N} messages: longest task (result first)`, ms(a.tasks.longest), 'ms');
			figure(`${N} messages: long-task time (result first)`, ms(a.tasks.total), 'ms');
			figure(`${N} messages: blocking time (result first)`, ms(a.tasks.blocking), 'ms');
			figure(`${N} messages: longest frame gap (result first)`, ms(a.maxGap), 'ms');
			figure(
				`${N} messages: longest task, CPU time only (result first)`,
				ms(a.trace.longestCpu),
				'ms'
			);
			figure(`${N} messages: main-thread CPU time (result first)`, ms(a.trace.cpu), 'ms');
			figure(`${N} messages: JS heap used after (result first)`, a.heap.used.toFixed(1), 'MB');
			figure(`${N} messages: JS heap after GC (result first)`, a.heap.afterGc.toFixed(1), 'MB');
			figure(
				`${N} messages: JS heap retained by the burst (result first)`,
				(a.heap.afterGc - a.heapBefore.afterGc).toFixed(1),
				'MB'
			);
			if (a.counter)
				figure(`${N} messages: traffic counter (result first)`, JSON.stringify(a.counter.text));
			const x = a.exported;
			if (x) {
				figure(`export of ${N} messages: offered after`, ms(x.offeredAt - x.clickAt), 'ms');
				figure(
					`export of ${N} messages: longest task`,
					ms(taskStats(x.tasks, x.clickAt, x.offeredAt).longest),
					'ms'
				);
				figure(
					`export of ${N} messages: longest task, CPU time only`,
					ms(x.trace.longestCpu),
					'ms'
				);
				figure(`export of ${N} messages: file size`, (x.bytes / 1e6).toFixed(1), 'MB');
				figure(`export of ${N} messages: notifications/message in the file`, x.notifications);
			} else figure(`export of ${N} messages: offered after`, 'failed');
		} catch (error) {
			problem(`${N} messages, result first: ${error.message.split('\n')[0]}`, { fatal: true });
			figure(`${N} messages: result shown`, 'failed');
		}

		progress(`${N} messages, Traffic tab open while the burst arrives…`);
		try {
			const b = await burstLiveTraffic(browser, appUrl, legacyUrl);
			figure(
				`${N} messages: all logged (Traffic open during burst)`,
				ms(b.loggedAt - b.clickAt),
				'ms'
			);
			if (b.networkAt !== undefined) {
				figure(`${N} messages: last byte received (live)`, ms(b.networkAt - b.clickAt), 'ms');
				figure(
					`${N} messages: all logged after the last byte (live)`,
					ms(b.loggedAt - b.networkAt),
					'ms'
				);
			}
			figure(`${N} messages: Traffic tab click delayed by`, ms(b.tabAt - b.clickAt), 'ms');
			figure(`${N} messages: longest task (live)`, ms(b.tasks.longest), 'ms');
			figure(`${N} messages: long-task time (live)`, ms(b.tasks.total), 'ms');
			figure(`${N} messages: blocking time (live)`, ms(b.tasks.blocking), 'ms');
			figure(`${N} messages: longest frame gap (live)`, ms(b.maxGap), 'ms');
			figure(`${N} messages: longest task, CPU time only (live)`, ms(b.trace.longestCpu), 'ms');
			figure(`${N} messages: main-thread CPU time (live)`, ms(b.trace.cpu), 'ms');
			if (b.backToToolsMs !== undefined)
				figure(
					`${N} messages: Tools tab with result after its click (live)`,
					ms(b.backToToolsMs),
					'ms'
				);
			figure(`${N} messages: JS heap used after (live)`, b.heap.used.toFixed(1), 'MB');
			figure(`${N} messages: JS heap after GC (live)`, b.heap.afterGc.toFixed(1), 'MB');
			figure(
				`${N} messages: JS heap retained by the burst (live)`,
				(b.heap.afterGc - b.heapBefore.afterGc).toFixed(1),
				'MB'
			);
			if (b.counter)
				figure(`${N} messages: traffic counter (live)`, JSON.stringify(b.counter.text));
		} catch (error) {
			problem(`${N} messages, live traffic: ${error.message.split('\n')[0]}`, { fatal: true });
			figure(`${N} messages: all logged (Traffic open during burst)`, 'failed');
		}
		console.log('');

		if (!flag('burst-only')) {
			// 4 ----------------------------------------------------------------------------------
			const section = { browser, appUrl, demoUrl: demo.url, figure, progress, problem };
			await measureBigPayloads({ ...section, runs: Math.min(RUNS, 3) });
			await measureMessageViewer({ ...section, runs: Math.min(RUNS, 3) });
			measureSecretMasking();
		}
		figure('bench wall time', ((Date.now() - started) / 1000).toFixed(1), 's');
	} finally {
		await cleanup();
		process.off('SIGINT', onSignal);
		process.off('SIGTERM', onSignal);
	}

	return report();
}

/** What masking known secrets costs (scripts/bench/secret-mask.mjs, in Node: it imports TypeScript). */
function measureSecretMasking() {
	console.log('');
	console.log('## Known secrets masked (export, Message pane), in Node');
	try {
		const args = ['--import', 'tsx', 'scripts/bench/secret-mask.mjs'];
		args.push('--runs', String(Math.min(RUNS, 3)), '--messages', String(MESSAGES));
		process.stdout.write(execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' }));
	} catch (error) {
		problem(`secret masking: ${String(error.message).split('\n')[0]}`, { fatal: true });
	}
}

/** Lists the problems; the exit code. */
function report() {
	if (interrupted) return 1;
	if (problems.length) {
		console.log('');
		console.log('## Problems');
		for (const p of problems) console.log(`- ${p}`);
	}
	return broken ? 1 : 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error?.stack ?? error);
		process.exit(1);
	}
);
