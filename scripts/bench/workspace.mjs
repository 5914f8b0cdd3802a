/**
 * Ten servers at once: one deep link with ten `server=` (the demo's endpoints of both eras and
 * legacy SSE, under two host names) and connect=1. Measured: the time until all
 * ten say "Connected" in the Servers list, the JS heap with ten connected (after GC, and what one
 * server alone costs), and switching: the time from a click on a server in the list until its tools
 * are listed, with the longest main-thread task (wall, and CPU time from a trace).
 *
 * Used by scripts/bench.mjs (measureWorkspace).
 */
import { installBenchHelpers } from './in-page.js';
import { startTaskTrace, stopTaskTrace } from './main-thread.mjs';

const CONTEXT_OPTIONS = { locale: 'en-US', viewport: { width: 1280, height: 800 } };
const WAIT_MS = 120_000;
const ms = (t) => (t === undefined || Number.isNaN(t) ? 'n/a' : Math.round(t));

async function heapAfterGc(page) {
	const cdp = await page.context().newCDPSession(page);
	try {
		await cdp.send('Performance.enable');
		await cdp.send('HeapProfiler.collectGarbage');
		const { metrics } = await cdp.send('Performance.getMetrics');
		return metrics.find((m) => m.name === 'JSHeapUsedSize').value / 1e6;
	} finally {
		await cdp.detach().catch(() => {});
	}
}

/** Opens `urls` by one deep link; resolves with the ms until every entry says Connected. */
async function openAll(page, appUrl, urls) {
	const params = new URLSearchParams();
	for (const url of urls) params.append('server', url);
	params.set('connect', '1');
	const started = Date.now();
	await page.goto(`${appUrl}?${params}`);
	await page.waitForFunction(
		(n) => {
			const items = document.querySelectorAll('[aria-label="Servers"] ul > li');
			return (
				items.length === n && [...items].every((li) => /\bConnected\b/.test(li.textContent ?? ''))
			);
		},
		urls.length,
		{ timeout: WAIT_MS, polling: 100 }
	);
	return Date.now() - started;
}

export async function measureWorkspace({ browser, appUrl, demoUrl, figure, progress, problem }) {
	// Ten distinct entries, five on each of two host names: a browser keeps at most six HTTP/1.1
	// connections per host, and each server holds one open for its stream (GET, SSE or listen).
	const paths = ['/mcp', '/mcp-legacy', '/sse', '/mcp-off-spec', '/mcp?copy=2'];
	const other = demoUrl.replace('//127.0.0.1:', '//localhost:');
	const urls = [...paths.map((p) => `${demoUrl}${p}`), ...paths.map((p) => `${other}${p}`)];
	console.log(`## Workspace: ${urls.length} servers connected at once (one deep link, connect=1)`);
	const context = await browser.newContext(CONTEXT_OPTIONS);
	await context.addInitScript(installBenchHelpers);
	try {
		progress('one server, for its heap…');
		const single = await context.newPage();
		await openAll(single, appUrl, [urls[0]]);
		const oneHeap = await heapAfterGc(single);
		await single.close();

		progress(`${urls.length} servers at once…`);
		const page = await context.newPage();
		const errors = [];
		page.on('pageerror', (e) => errors.push(e.message));
		const allConnected = await openAll(page, appUrl, urls);
		await page.waitForTimeout(1000);
		const tenHeap = await heapAfterGc(page);
		figure(`${urls.length} servers: all "Connected" after page load`, ms(allConnected), 'ms');
		figure('1 server: JS heap after GC', oneHeap.toFixed(1), 'MB');
		figure(`${urls.length} servers: JS heap after GC`, tenHeap.toFixed(1), 'MB');
		figure(
			`${urls.length} servers: JS heap per extra server`,
			((tenHeap - oneHeap) / (urls.length - 1)).toFixed(2),
			'MB'
		);

		progress('switching between servers…');
		const list = page
			.getByRole('region', { name: 'Servers' })
			.getByRole('list', { name: 'Servers' });
		const switches = [];
		let longestCpu = 0;
		for (let i = 1; i < urls.length; i++) {
			await startTaskTrace(browser, page);
			const started = await page.evaluate(() => performance.now());
			await list.getByRole('listitem').nth(i).getByRole('button').first().click();
			await page.waitForFunction(
				(url) =>
					document.querySelector('#server-url')?.value === url &&
					document.querySelectorAll('[aria-label="Tools"] button').length > 0,
				urls[i],
				{ timeout: WAIT_MS, polling: 'raf' }
			);
			const shown = await page.evaluate(() => performance.now());
			const trace = await stopTaskTrace(browser);
			longestCpu = Math.max(longestCpu, trace.longestCpu);
			switches.push(shown - started);
		}
		switches.sort((a, b) => a - b);
		figure(
			`${urls.length} servers: switch to another server, its tools shown (median)`,
			ms(switches[switches.length >> 1]),
			'ms'
		);
		figure(`${urls.length} servers: switch, slowest`, ms(switches.at(-1)), 'ms');
		figure(
			`${urls.length} servers: switch, longest task, CPU time only (max)`,
			ms(longestCpu),
			'ms'
		);
		if (errors.length) problem(`workspace: errors in the page: ${errors.join(' | ')}`);
	} catch (error) {
		problem(`workspace: ${error.message.split('\n')[0]}`, { fatal: true });
		figure(`${urls.length} servers: all "Connected" after page load`, 'failed');
	} finally {
		await context.close();
	}
	console.log('');
}
