/**
 * The JSON viewer on a 10 MB message: a 10 MB structuredContent result (big_structured on /mcp)
 * is selected in Traffic; measured in the page, from the click on its row until the viewer shows
 * its beginning as received (Exact text, the default), then from the click on "Pretty" until it
 * shows it laid out, and from the click on "Exact text" again; each
 * with the longest main-thread task meanwhile (up to a second after): its wall time (Long Tasks
 * API) and, from a trace, its CPU time (which a busy machine does not stretch).
 *
 * Used by scripts/bench.mjs (measureMessageViewer), or on its own:
 *
 *   node scripts/bench/message-viewer.mjs [--runs 3] [--megabytes 10] [--dir build]
 */
import { installBenchHelpers } from './in-page.js';
import { startTaskTrace, stopTaskTrace } from './main-thread.mjs';
import { isMain, option, runStandalone } from './standalone.mjs';

const CONTEXT_OPTIONS = { locale: 'en-US', viewport: { width: 1280, height: 800 } };
const WAIT_MS = 120_000;
const SETTLE_MS = 1000;

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (t) => (t === undefined || Number.isNaN(t) ? 'n/a' : Math.round(t));
const longest = (tasks, from, to) =>
	tasks
		.filter((t) => t.start + t.duration >= from && t.start <= to)
		.reduce((m, t) => Math.max(m, t.duration), 0);

/** Polled every frame: when the viewer's text ("Message JSON") holds `text`. */
function viewerShows(text) {
	const region = window.__bench.find('region', 'Message');
	const content = region && window.__bench.find('textbox', 'Message JSON', 'exact', region);
	return content && content.textContent.includes(text) && window.__bench.isVisible(content)
		? performance.now()
		: false;
}

async function runOnce(browser, appUrl, endpoint, megabytes) {
	const context = await browser.newContext(CONTEXT_OPTIONS);
	await context.addInitScript(installBenchHelpers);
	const page = await context.newPage();
	page.setDefaultTimeout(WAIT_MS);
	const errors = [];
	page.on('pageerror', (error) => errors.push(error.message));
	const waitInPage = (text) =>
		page
			.waitForFunction(viewerShows, text, { polling: 'raf', timeout: WAIT_MS })
			.then((h) => h.jsonValue());
	try {
		const params = new URLSearchParams({ server: endpoint, connect: '1', tool: 'big_structured' });
		await page.goto(`${appUrl}?${params}`);
		await page
			.getByRole('status', { name: 'Connection status' })
			.filter({ hasText: 'Connected' })
			.waitFor();
		await page.getByRole('switch', { name: 'Edit as JSON' }).click();
		await page.getByRole('textbox', { name: 'Arguments JSON' }).fill(JSON.stringify({ megabytes }));
		await page.getByRole('button', { name: 'Run tool' }).click();
		await page
			.getByRole('region', { name: 'Result' })
			.getByText('structuredContent matches outputSchema')
			.waitFor();
		await page.getByRole('tab', { name: 'Traffic' }).click();
		const row = page
			.getByRole('region', { name: 'Traffic' })
			.getByRole('listitem')
			.filter({ hasText: '←' })
			.filter({ hasText: 'tools/call' });
		await row.waitFor();
		await page.waitForTimeout(500);

		const step = async (click, name, text) => {
			const since = await page.evaluate(() => performance.now());
			await startTaskTrace(browser, page);
			await click();
			const clickAt = await page.evaluate(
				([n, s]) =>
					window.__bench.clicks.findLast((c) => c.t >= s && (n === undefined || c.name === n))?.t,
				[name, since]
			);
			const shownAt = await waitInPage(text);
			await page.waitForTimeout(SETTLE_MS);
			const trace = await stopTaskTrace(browser);
			const tasks = await page.evaluate(() => window.__bench.longtasks);
			return {
				shown: shownAt - clickAt,
				longest: longest(tasks, clickAt, shownAt + SETTLE_MS),
				longestCpu: trace.longestCpu,
				cpu: trace.cpu
			};
		};
		const message = page.getByRole('region', { name: 'Message' });
		const exact = await step(() => row.click(), undefined, '"sku":"SKU-000000"');
		const pretty = await step(
			() => message.getByRole('button', { name: 'Pretty' }).click(),
			'Pretty',
			'"sku": "SKU-000000"'
		);
		const again = await step(
			() => message.getByRole('button', { name: 'Exact text' }).click(),
			'Exact text',
			'"sku":"SKU-000000"'
		);
		if (errors.length) throw new Error(`errors in the page: ${errors.join(' | ')}`);
		return { pretty, exact, again };
	} finally {
		await context.close();
	}
}

/** Measures and prints the figures; `demoUrl` is the demo server's base URL. */
export async function measureMessageViewer({
	browser,
	appUrl,
	demoUrl,
	figure,
	progress,
	problem,
	runs = 3,
	megabytes = 10
}) {
	const label = `viewer: ${megabytes} MB message`;
	console.log(
		`## JSON viewer (Traffic, a ${megabytes} MB tools/call response; ${runs} runs, fresh page; "longest task" covers click to ${SETTLE_MS / 1000} s after shown)`
	);
	const results = [];
	for (let i = 1; i <= runs; i++) {
		try {
			const r = await runOnce(browser, appUrl, `${demoUrl}/mcp`, megabytes);
			progress(
				`${label}, run ${i}/${runs}: Pretty ${ms(r.pretty.shown)} ms (longest task ${ms(r.pretty.longest)} ms, ${ms(r.pretty.longestCpu)} ms CPU), Exact text ${ms(r.exact.shown)} ms (${ms(r.exact.longest)} ms, ${ms(r.exact.longestCpu)} ms CPU)`
			);
			results.push(r);
		} catch (error) {
			problem(`${label}, run ${i}: ${error.message.split('\n')[0]}`, { fatal: true });
		}
	}
	if (!results.length) return figure(`${label} shown`, 'failed');
	for (const [key, what] of [
		['exact', 'row selected, shown as received (Exact text, the default)'],
		['pretty', '"Pretty", shown laid out'],
		['again', '"Exact text" again, shown']
	]) {
		figure(`${label}: ${what} (median)`, ms(median(results.map((r) => r[key].shown))), 'ms');
		figure(
			`${label}: ${what}, longest task (max)`,
			ms(Math.max(...results.map((r) => r[key].longest))),
			'ms'
		);
		figure(
			`${label}: ${what}, longest task, CPU time only (max)`,
			ms(Math.max(...results.map((r) => r[key].longestCpu))),
			'ms'
		);
		figure(
			`${label}: ${what}, main-thread CPU time (median)`,
			ms(median(results.map((r) => r[key].cpu))),
			'ms'
		);
	}
	console.log('');
}

// Run on its own: serve the build, start the demo server and Chromium, measure, stop everything.
if (isMain(import.meta.url)) {
	await runStandalone((context) =>
		measureMessageViewer({
			...context,
			runs: Number(option('runs', 3)),
			megabytes: Number(option('megabytes', 10))
		})
	);
}
