/**
 * Big results and long lists: a 10 MB structuredContent is shown with its verdict (checked in a
 * worker), a 10 MB text can be scrolled to its last line and copied whole, a big image plays, and
 * 1,000 tools filter and stay reachable by keyboard. (How fast is `npm run bench`'s business.)
 */
import { expect, test, type Page } from '@playwright/test';
import { SUBPATH_PORT } from '../../playwright.config';
import {
	ENDPOINT,
	expectConnected,
	MCP,
	openLoupe,
	toolButton,
	trafficRows,
	watchPageErrors
} from './fixtures';
import { bigText } from '../servers/big-payload-tools';
import { MANY_TOOLS, manyToolName } from '../servers/many-tools';

/** Runs the tool open in Loupe with these arguments (set as JSON). */
async function run(page: Page, args: Record<string, unknown>) {
	await page.getByRole('switch', { name: 'Edit as JSON' }).click();
	await page.getByRole('textbox', { name: 'Arguments JSON' }).fill(JSON.stringify(args));
	await page.getByRole('button', { name: 'Run tool' }).click();
}

/** A worker's script (the validation worker's unless named), as the page requested it. */
function watchWorker(page: Page, name = 'validation'): string[] {
	const scripts: string[] = [];
	page.on('request', (r) => r.url().includes(`/${name}.worker`) && scripts.push(r.url()));
	return scripts;
}

test.describe('big results', () => {
	test.setTimeout(120_000);

	test('a 10 MB structuredContent is shown with its verdict, checked in a worker', async ({
		page
	}) => {
		const errors = watchPageErrors(page);
		const worker = watchWorker(page);
		const reader = watchWorker(page, 'received-text');
		await openLoupe(page, { server: ENDPOINT.dual, connect: true, tool: 'big_structured' });
		await expectConnected(page);
		await run(page, { megabytes: 10 });
		const result = page.getByRole('region', { name: 'Result' });
		await expect(result).toContainText('items (valid)', { timeout: 60_000 });
		await expect(result.getByText('structuredContent matches outputSchema')).toBeVisible({
			timeout: 60_000
		});
		// The pretty-printed JSON in the viewer, from its first item on; only the lines on screen are drawn.
		await expect(result.getByRole('textbox', { name: 'Structured content JSON' })).toContainText(
			'"sku": "SKU-000000"'
		);
		expect(await result.textContent().then((t) => t!.length)).toBeLessThan(200_000);
		expect(worker).toHaveLength(1);
		// Traffic has the response, read for the log in a worker of its own: paired, with its size.
		await page.getByRole('tab', { name: 'Traffic' }).click();
		const response = trafficRows(page).filter({
			hasText: /←\s*response\s*tools\/call big_structured\b/
		});
		await expect(response).toHaveCount(1);
		await expect(response).toContainText(/\b(9\.[5-9]\d|10\.\d\d) MB\s*[\d,]+ ms/);
		expect(reader).toHaveLength(1);
		expect(errors).toEqual([]);
	});

	test('structuredContent that breaks its outputSchema says where', async ({ page }) => {
		await openLoupe(page, { server: ENDPOINT.dual, connect: true, tool: 'big_structured' });
		await expectConnected(page);
		await run(page, { megabytes: 2, valid: false });
		const result = page.getByRole('region', { name: 'Result' });
		await expect(result.getByText('structuredContent does not match outputSchema')).toBeVisible({
			timeout: 60_000
		});
		await expect(result.getByRole('listitem')).toHaveText([
			/^items\[\d+\]\.price: Must be a number, not a string\.$/
		]);
	});

	test('a 10 MB text scrolls to its last line and copies whole', async ({ page, context }) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await openLoupe(page, { server: ENDPOINT.dual, connect: true, tool: 'big_text' });
		await expectConnected(page);
		await run(page, { megabytes: 10 });
		const result = page.getByRole('region', { name: 'Result' });
		await expect(result).toContainText('0000000 The quick brown fox', { timeout: 60_000 });
		await result.getByRole('button', { name: 'Show all 10,000,000 characters' }).click();
		await expect(result).toContainText('10,000,000 characters');
		// Only the rows on screen exist; scrolled to the end, the last line is there.
		const text = bigText(10);
		const lastLine = text.slice(text.lastIndexOf('\n') + 1);
		expect(await result.textContent().then((t) => t!.length)).toBeLessThan(500_000);
		const scroller = result.locator('[style*="overflow-y"]');
		await expect.poll(() => scroller.evaluate((el) => el.scrollHeight)).toBeGreaterThan(100_000);
		await expect(async () => {
			await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
			await expect(result).toContainText(lastLine, { timeout: 1000 });
		}).toPass({ timeout: 20_000 });
		await result.getByRole('button', { name: 'Copy text', exact: true }).click();
		await expect
			.poll(() =>
				page.evaluate(() => navigator.clipboard.readText().then((t) => [t.length, t.slice(-40)]))
			)
			.toEqual([text.length, text.slice(-40)]);
	});

	test('a big image is decoded in slices and shown from a blob: URL', async ({ page }) => {
		await openLoupe(page, { server: ENDPOINT.dual, connect: true, tool: 'big_resource' });
		await expectConnected(page);
		await run(page, { megabytes: 2, kind: 'image' });
		const image = page
			.getByRole('region', { name: 'Result' })
			.getByRole('img', { name: 'Image from the server (image/png)' });
		await expect(image).toBeVisible({ timeout: 60_000 });
		expect(await image.getAttribute('src')).toMatch(/^blob:/);
		await expect
			.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBe(Math.round(Math.sqrt(2_000_000 / 4)));
	});

	test('the sub-path build starts its validation worker from under /loupe', async ({ page }) => {
		const errors = watchPageErrors(page);
		const worker = watchWorker(page);
		const params = new URLSearchParams({
			server: ENDPOINT.legacy,
			connect: '1',
			tool: 'big_structured'
		});
		await page.goto(`http://127.0.0.1:${SUBPATH_PORT}/loupe/?${params}`);
		await expectConnected(page);
		await run(page, { megabytes: 1 });
		await expect(
			page
				.getByRole('region', { name: 'Result' })
				.getByText('structuredContent matches outputSchema')
		).toBeVisible({ timeout: 60_000 });
		expect(worker).toHaveLength(1);
		expect(worker[0]).toContain(`:${SUBPATH_PORT}/loupe/_app/`);
		expect(errors).toEqual([]);
	});
});

test.describe('1,000 tools', () => {
	test.beforeEach(async ({ page }) => {
		await openLoupe(page, { server: `${MCP}/mcp-many`, connect: true });
		await expectConnected(page);
		await expect(toolButton(page, manyToolName(0))).toBeVisible();
	});

	test('only the tools on screen exist; the filter reaches the last one', async ({ page }) => {
		const list = page.getByRole('list', { name: 'Tools' });
		expect(await list.getByRole('button').count()).toBeLessThan(100);
		const all = MANY_TOOLS.toLocaleString('en-US');
		await expect(page.getByText(`${all} tools`, { exact: true })).toBeVisible();
		const last = manyToolName(MANY_TOOLS - 1);
		await page.getByRole('searchbox', { name: 'Filter tools' }).fill(last);
		await expect(list.getByRole('button')).toHaveCount(1);
		await expect(page.getByText(`1 of ${all} tools`, { exact: true })).toBeVisible();
		await toolButton(page, last).click();
		await expect(page.getByRole('heading', { name: last })).toBeVisible();
		await page.getByRole('button', { name: 'Run tool' }).click();
		await expect(page.getByRole('region', { name: 'Result' })).toContainText(`${last} ran`);
		// Cleared, the list is whole again, and the selected tool stays in view.
		await page.getByRole('searchbox', { name: 'Filter tools' }).fill('');
		await expect(toolButton(page, last)).toBeVisible();
		await expect(toolButton(page, last)).toHaveAttribute('aria-current', 'true');
	});

	test('the keyboard reaches every tool: arrows go on past the rows first shown, End to the last', async ({
		page
	}) => {
		await toolButton(page, manyToolName(0)).focus();
		for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowDown');
		await expect(toolButton(page, manyToolName(40))).toBeFocused();
		await page.keyboard.press('End');
		const last = toolButton(page, manyToolName(MANY_TOOLS - 1));
		await expect(last).toBeFocused();
		await page.keyboard.press('ArrowUp');
		await expect(toolButton(page, manyToolName(MANY_TOOLS - 2))).toBeFocused();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		await expect(page.getByRole('heading', { name: manyToolName(MANY_TOOLS - 1) })).toBeVisible();
		await page.keyboard.press('Home');
		await expect(toolButton(page, manyToolName(0))).toBeFocused();
	});
});
