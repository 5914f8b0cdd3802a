/**
 * "Export traffic" on a page whose Traffic tab is open: how long the export takes to be offered,
 * the tasks meanwhile, and what the file holds.
 */
import { readFile } from 'node:fs/promises';
import { startTaskTrace, stopTaskTrace } from './main-thread.mjs';

export async function measureExport(browser, page, { timeout }) {
	const button = page
		.getByRole('region', { name: 'Traffic' })
		.getByRole('button', { name: 'Export traffic', exact: true });
	await button.waitFor();
	const since = await page.evaluate(() => performance.now());
	await startTaskTrace(browser, page);
	const download = page.waitForEvent('download', { timeout });
	await button.click();
	const file = await (await download).path();
	// Done when the button is back to itself.
	await page.waitForFunction(
		() => {
			const b = window.__bench.find('button', 'Export traffic');
			return b && !b.disabled && b.textContent.trim() === 'Export traffic';
		},
		undefined,
		{ polling: 'raf', timeout }
	);
	const trace = await stopTaskTrace(browser);
	const times = await page.evaluate(
		(since) => ({
			clickAt: window.__bench.lastClick('Export traffic', since),
			offeredAt: window.__bench.lastDownload(since),
			tasks: window.__bench.longtasks
		}),
		since
	);
	const text = await readFile(file, 'utf8');
	let entries;
	try {
		entries = JSON.parse(text).entries;
	} catch (error) {
		throw new Error(`the exported file is not valid JSON: ${error.message}`, { cause: error });
	}
	return {
		...times,
		trace,
		bytes: Buffer.byteLength(text),
		notifications: entries.filter(
			(e) => e.type === 'message' && e.method === 'notifications/message'
		).length
	};
}
