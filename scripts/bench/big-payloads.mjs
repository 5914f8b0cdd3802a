/**
 * Big payloads and long lists, measured in the page: a 10 MB structuredContent result with an
 * outputSchema, a 10 MB text result, a 10 MB embedded resource and image (demo tools from
 * tests/servers/big-payload-tools.ts on /mcp), and clearing the filter of 1,000 tools
 * (/mcp-many). For each: the time from the click (or keystroke) until a person sees the outcome,
 * and the longest main-thread task meanwhile (the page must never stall for long).
 *
 * Used by scripts/bench.mjs (measureBigPayloads), or on its own:
 *
 *   node scripts/bench/big-payloads.mjs [--runs 3] [--megabytes 10] [--dir build] [--only <label part>]
 *
 * which serves the built app from --dir (default build/; build it first) and starts the demo
 * server itself.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { installBenchHelpers } from './in-page.js';
import { isMain, option, runStandalone } from './standalone.mjs';

const CONTEXT_OPTIONS = { locale: 'en-US', viewport: { width: 1280, height: 800 } };
const WAIT_MS = 120_000;
/** Tasks that start this long after the result is shown still count (lazy work after it). */
const SETTLE_MS = 1000;

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (t) => (t === undefined || Number.isNaN(t) ? 'n/a' : Math.round(t));

function longest(tasks, from, to) {
	return tasks
		.filter((t) => t.start + t.duration >= from && t.start <= to)
		.reduce((m, t) => Math.max(m, t.duration), 0);
}

async function newPage(browser) {
	const context = await browser.newContext(CONTEXT_OPTIONS);
	await context.addInitScript(installBenchHelpers);
	// The time of the last input event (typing or clearing a filter), in page time.
	await context.addInitScript(() =>
		document.addEventListener('input', () => (window.__lastInput = performance.now()), true)
	);
	const page = await context.newPage();
	page.setDefaultTimeout(WAIT_MS);
	const errors = [];
	page.on('pageerror', (error) => errors.push(error.message));
	return { context, page, errors };
}

function deepLink(appUrl, server, tool) {
	const params = new URLSearchParams({ server, connect: '1' });
	if (tool) params.set('tool', tool);
	return `${appUrl}?${params}`;
}

function inPage(page, predicate, arg, timeout = WAIT_MS) {
	return page
		.waitForFunction(predicate, arg, { polling: 'raf', timeout })
		.then((handle) => handle.jsonValue());
}

/** Calls each case's tool once from Node, so the demo server has built and cached its payload. */
async function warmUpServer(endpoint, cases) {
	const client = new Client({ name: 'loupe-bench-warm-up', version: '0.0.0' });
	await client.connect(new StreamableHTTPClientTransport(new URL(endpoint)));
	try {
		for (const c of cases)
			await client.request({ method: 'tools/call', params: { name: c.tool, arguments: c.args } });
	} finally {
		await client.close().catch(() => {});
	}
}

/** One run: opens the tool, sets its arguments as JSON, clicks Run tool and waits for every `expect` text in region Result. */
async function runCase(browser, appUrl, endpoint, c) {
	const { context, page, errors } = await newPage(browser);
	try {
		await page.goto(deepLink(appUrl, endpoint, c.tool));
		await page
			.getByRole('status', { name: 'Connection status' })
			.filter({ hasText: 'Connected' })
			.waitFor();
		await page.getByRole('button', { name: 'Run tool' }).waitFor();
		await page.getByRole('switch', { name: 'Edit as JSON' }).click();
		await page.getByRole('textbox', { name: 'Arguments JSON' }).fill(JSON.stringify(c.args));
		await page.waitForTimeout(300);
		const start = await page.evaluate(() => performance.now());
		let lastByte;
		page.on('requestfinished', (request) => {
			if (request.method() !== 'POST' || !(request.postData() ?? '').includes('"tools/call"'))
				return;
			const timing = request.timing();
			if (timing.responseEnd >= 0) lastByte = timing.startTime + timing.responseEnd;
		});
		await page.evaluate(() => window.__bench.startFrames());
		await page.getByRole('button', { name: 'Run tool' }).click();
		const clickAt = await page.evaluate(
			(since) => window.__bench.lastClick('Run tool', since),
			start
		);
		const shownAt = await inPage(
			page,
			(expect) => {
				const region = window.__bench.find('region', 'Result');
				const text = region?.textContent ?? '';
				return expect.every((e) => text.includes(e)) ? performance.now() : false;
			},
			c.expect
		);
		await page.waitForTimeout(SETTLE_MS);
		const gaps = await page.evaluate(() => window.__bench.stopFrames());
		let showAll;
		if (c.showAll) {
			// "Show all N characters": the whole text, however it is laid out.
			await page
				.getByRole('region', { name: 'Result' })
				.getByRole('button', { name: /^Show all/ })
				.click();
			const allAt = await page.evaluate(
				() => window.__bench.clicks.findLast((c) => c.name.startsWith('Show all'))?.t
			);
			const allShownAt = await inPage(page, () => {
				const region = window.__bench.find('region', 'Result');
				return region && !window.__bench.find('button', 'Show all', 'prefix', region)
					? performance.now()
					: false;
			});
			await page.waitForTimeout(SETTLE_MS);
			const later = await page.evaluate(() => window.__bench.longtasks);
			showAll = {
				shown: allShownAt - allAt,
				longest: longest(later, allAt, allShownAt + SETTLE_MS)
			};
		}
		const tasks = await page.evaluate(() => window.__bench.longtasks);
		const origin = await page.evaluate(() => performance.timeOrigin);
		if (errors.length) throw new Error(`errors in the page: ${errors.join(' | ')}`);
		return {
			showAll,
			shown: shownAt - clickAt,
			lastByte: lastByte !== undefined ? lastByte - origin - clickAt : undefined,
			longestUntilShown: longest(tasks, clickAt, shownAt),
			longestWithSettle: longest(tasks, clickAt, shownAt + SETTLE_MS),
			maxGap: gaps
				.filter((g) => g.at >= clickAt - 20 && g.at <= shownAt + SETTLE_MS)
				.reduce((m, g) => Math.max(m, g.gap), 0)
		};
	} finally {
		await context.close();
	}
}

/** 1,000 tools: type a filter that leaves the last tool, then clear it; times from each input event. */
async function runFilter(browser, appUrl, endpoint, lastTool, firstTool) {
	const { context, page, errors } = await newPage(browser);
	try {
		await page.goto(deepLink(appUrl, endpoint));
		const list = page.getByRole('list', { name: 'Tools' });
		await list.getByRole('button', { name: new RegExp(`^${firstTool}\\b`) }).waitFor();
		await page.waitForTimeout(500);
		const search = page.getByRole('searchbox', { name: 'Filter tools' });
		const onlyLast = (name) => {
			const b = window.__bench;
			const buttons = b.findAll('button', undefined, 'exact', b.find('list', 'Tools'));
			return buttons.length === 1 &&
				b.nameOf(buttons[0]).startsWith(name) &&
				b.isVisible(buttons[0])
				? performance.now()
				: false;
		};
		const firstBack = (name) => {
			const b = window.__bench;
			const buttons = b.findAll('button', undefined, 'exact', b.find('list', 'Tools'));
			return buttons.length > 1 && b.nameOf(buttons[0]).startsWith(name) && b.isVisible(buttons[0])
				? performance.now()
				: false;
		};
		await search.fill(lastTool);
		const typedAt = await page.evaluate(() => window.__lastInput);
		const filteredAt = await inPage(page, onlyLast, lastTool);
		await page.waitForTimeout(SETTLE_MS);
		await search.fill('');
		const clearedAt = await page.evaluate(() => window.__lastInput);
		const backAt = await inPage(page, firstBack, firstTool);
		await page.waitForTimeout(SETTLE_MS);
		const tasks = await page.evaluate(() => window.__bench.longtasks);
		if (errors.length) throw new Error(`errors in the page: ${errors.join(' | ')}`);
		return {
			filter: filteredAt - typedAt,
			filterLongest: longest(tasks, typedAt, filteredAt + SETTLE_MS),
			clear: backAt - clearedAt,
			clearLongest: longest(tasks, clearedAt, backAt + SETTLE_MS)
		};
	} finally {
		await context.close();
	}
}

/**
 * Measures and prints the figures. `demoUrl` is the demo server's base URL (no trailing slash);
 * figure/progress/problem print as bench.mjs does.
 */
export async function measureBigPayloads({
	browser,
	appUrl,
	demoUrl,
	figure,
	progress,
	problem,
	runs = 3,
	megabytes = 10,
	only
}) {
	const endpoint = `${demoUrl}/mcp`;
	const mb = `${megabytes} MB`;
	const cases = [
		{
			label: `${mb} structuredContent with outputSchema`,
			tool: 'big_structured',
			args: { megabytes },
			expect: ['structuredContent matches outputSchema', '"sku": "SKU-000000"']
		},
		{
			label: `${mb} structuredContent breaking outputSchema`,
			tool: 'big_structured',
			args: { megabytes, valid: false },
			expect: ['structuredContent does not match outputSchema', 'price', '"sku": "SKU-000000"']
		},
		{
			label: `${mb} text`,
			tool: 'big_text',
			args: { megabytes },
			expect: ['0000000 The quick brown fox'],
			showAll: true
		},
		{
			label: `${mb} embedded text resource`,
			tool: 'big_resource',
			args: { megabytes, kind: 'text' },
			expect: ['demo://big/text.txt', '0000000 The quick brown fox']
		},
		{
			label: `${mb} image`,
			tool: 'big_resource',
			args: { megabytes, kind: 'image' },
			expect: ['image/png']
		}
	];
	if (only) cases.splice(0, cases.length, ...cases.filter((c) => c.label.includes(only)));
	progress(`big payloads: warming the demo server up (it builds each payload once)…`);
	await warmUpServer(endpoint, cases).catch((error) =>
		problem(`big payloads: warm-up from Node failed: ${error.message}`)
	);

	console.log(
		`## Big results (${runs} runs each, fresh page; "longest task" covers click to ${SETTLE_MS / 1000} s after shown)`
	);
	for (const c of cases) {
		const results = [];
		for (let i = 1; i <= runs; i++) {
			try {
				const r = await runCase(browser, appUrl, endpoint, c);
				progress(
					`${c.label}, run ${i}/${runs}: shown after ${ms(r.shown)} ms, longest task ${ms(r.longestWithSettle)} ms`
				);
				results.push(r);
			} catch (error) {
				problem(`${c.label}, run ${i}: ${error.message.split('\n')[0]}`, { fatal: true });
			}
		}
		if (!results.length) {
			figure(`${c.label}: result shown`, 'failed');
			continue;
		}
		figure(`${c.label}: result shown (median)`, ms(median(results.map((r) => r.shown))), 'ms');
		const bytes = results.map((r) => r.lastByte).filter((x) => x !== undefined);
		if (bytes.length) figure(`${c.label}: last byte received (median)`, ms(median(bytes)), 'ms');
		figure(
			`${c.label}: longest task until shown (max)`,
			ms(Math.max(...results.map((r) => r.longestUntilShown))),
			'ms'
		);
		figure(
			`${c.label}: longest task (max)`,
			ms(Math.max(...results.map((r) => r.longestWithSettle))),
			'ms'
		);
		figure(
			`${c.label}: longest frame gap (max)`,
			ms(Math.max(...results.map((r) => r.maxGap))),
			'ms'
		);
		const all = results.map((r) => r.showAll).filter(Boolean);
		if (all.length) {
			figure(
				`${c.label}: "Show all" to all shown (median)`,
				ms(median(all.map((a) => a.shown))),
				'ms'
			);
			figure(
				`${c.label}: "Show all", longest task (max)`,
				ms(Math.max(...all.map((a) => a.longest))),
				'ms'
			);
		}
	}
	console.log('');

	if (only && !'1,000 tools'.includes(only)) return;
	console.log(`## 1,000 tools (/mcp-many; ${runs} runs, fresh page)`);
	const filters = [];
	for (let i = 1; i <= runs; i++) {
		try {
			const r = await runFilter(browser, appUrl, `${demoUrl}/mcp-many`, 'tool_0999', 'tool_0000');
			progress(
				`1,000 tools, run ${i}/${runs}: filter ${ms(r.filter)} ms, clear ${ms(r.clear)} ms (longest task ${ms(r.clearLongest)} ms)`
			);
			filters.push(r);
		} catch (error) {
			problem(`1,000 tools, run ${i}: ${error.message.split('\n')[0]}`, { fatal: true });
		}
	}
	if (filters.length) {
		figure(
			'1,000 tools: filter to the last tool, shown (median)',
			ms(median(filters.map((r) => r.filter))),
			'ms'
		);
		figure(
			'1,000 tools: filter, longest task (max)',
			ms(Math.max(...filters.map((r) => r.filterLongest))),
			'ms'
		);
		figure(
			'1,000 tools: clear the filter, list shown (median)',
			ms(median(filters.map((r) => r.clear))),
			'ms'
		);
		figure(
			'1,000 tools: clear the filter, longest task (max)',
			ms(Math.max(...filters.map((r) => r.clearLongest))),
			'ms'
		);
	} else figure('1,000 tools: clear the filter', 'failed');
	console.log('');
}

// Run on its own: serve build/, start the demo server and Chromium, measure, stop everything.
if (isMain(import.meta.url)) {
	await runStandalone((context) =>
		measureBigPayloads({
			...context,
			runs: Number(option('runs', 3)),
			megabytes: Number(option('megabytes', 10)),
			only: option('only', undefined)
		})
	);
}
