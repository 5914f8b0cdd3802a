/**
 * Page load → tools listed for a 2025-era server (the demo's /mcp-legacy), the figure the
 * hardening issue compares with the official MCP Inspector: a deep link with connect=1 in a fresh
 * browser context (first visit: the tab knows nothing of the server), then the same link again in
 * the same tab (repeat visit: the tab remembers the server's era and skips the server/discover
 * probe). Also counts the server/discover requests each visit sent.
 */
import { TOOLS_LISTED_MESSAGE, watchToolsListed } from './in-page.js';

/**
 * Resolves (in page time) when the first tool of list "Tools" is visible; also notes "Connected".
 * Call before navigating: the page says it once (watchToolsListed in in-page.js).
 */
export function toolsListedMessage(page, timeout) {
	return page
		.waitForEvent('console', {
			predicate: (message) => message.text().startsWith(TOOLS_LISTED_MESSAGE),
			timeout
		})
		.then((message) => JSON.parse(message.text().slice(TOOLS_LISTED_MESSAGE.length)));
}

/** One visit: navigates to `link`, returns its timings and how many server/discover requests it sent. */
async function visit(page, link, serverUrl, timeout) {
	let discovers = 0;
	const onRequest = (request) => {
		if (
			request.method() === 'POST' &&
			request.url().startsWith(serverUrl) &&
			(request.postData() ?? '').includes('"server/discover"')
		)
			discovers++;
	};
	page.on('request', onRequest);
	try {
		const listed = toolsListedMessage(page, timeout);
		await page.goto(link, { waitUntil: 'commit' });
		const result = await listed;
		const firstRequest = await page.evaluate((serverUrl) => {
			const mcp = performance
				.getEntriesByType('resource')
				.filter((e) => e.name.startsWith(serverUrl));
			return mcp.length ? Math.min(...mcp.map((e) => e.startTime)) : undefined;
		}, serverUrl);
		return { ...result, firstRequest, discovers };
	} finally {
		page.off('request', onRequest);
	}
}

/**
 * Runs `runs` pairs of visits (plus one warm-up pair, not counted). `newPage(browser)` gives
 * { context, page, errors } with the bench's in-page helpers installed.
 */
export async function measureConnectSpeed({
	browser,
	newPage,
	appUrl,
	serverUrl,
	runs,
	timeout = 60_000,
	progress = () => {},
	problem = () => {}
}) {
	const link = `${appUrl}?${new URLSearchParams({ server: serverUrl, connect: '1' })}`;
	const first = [];
	const repeat = [];
	for (let i = 0; i <= runs; i++) {
		const { context, page, errors } = await newPage(browser);
		await context.addInitScript(watchToolsListed);
		try {
			const a = await visit(page, link, serverUrl, timeout);
			const b = await visit(page, link, serverUrl, timeout);
			if (errors.length)
				problem(`errors while connecting to ${serverUrl} (run ${i}): ${errors.join(' | ')}`);
			if (i === 0) {
				progress(
					`warm-up: tools listed at ${Math.round(a.listed)} ms, again at ${Math.round(b.listed)} ms (not counted)`
				);
				continue;
			}
			first.push(a);
			repeat.push(b);
			progress(
				`run ${i}/${runs}: tools listed at ${Math.round(a.listed)} ms (first visit), ${Math.round(b.listed)} ms (repeat visit)`
			);
		} catch (error) {
			problem(`${serverUrl}, run ${i}: ${error.message.split('\n')[0]}`, { fatal: true });
		} finally {
			await context.close();
		}
	}
	return { first, repeat };
}

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = s.length >> 1;
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** Prints the figures: `figure(name, value, unit)`. */
export function printConnectSpeed({ first, repeat }, figure) {
	const ms = (x) => (x === undefined || Number.isNaN(x) ? 'n/a' : Math.round(x));
	for (const [label, runs] of [
		['first visit', first],
		['repeat visit, era learned', repeat]
	]) {
		if (!runs.length) {
			figure(`2025-era server: time to tools listed, ${label} (median)`, 'n/a');
			continue;
		}
		figure(
			`2025-era server: time to tools listed, ${label} (median)`,
			ms(median(runs.map((r) => r.listed))),
			'ms'
		);
		figure(
			`2025-era server: time to "Connected", ${label} (median)`,
			ms(median(runs.map((r) => r.connected))),
			'ms'
		);
		const firstRequest = runs.map((r) => r.firstRequest).filter((x) => x !== undefined);
		if (firstRequest.length)
			figure(
				`2025-era server: time to first MCP request, ${label} (median)`,
				ms(median(firstRequest)),
				'ms'
			);
		figure(
			`2025-era server: server/discover requests, ${label}`,
			runs.reduce((n, r) => n + r.discovers, 0) / runs.length,
			'per visit'
		);
	}
	if (first.length) figure('2025-era server: runs', first.length, 'runs');
}
