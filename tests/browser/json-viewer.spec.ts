/**
 * The JSON viewer (CodeMirror, loaded on demand): a selected traffic message laid out with
 * highlighting, folds and search, its exact text a click away and copied exactly; the same
 * viewer for Raw JSON in results, resources and prompts; a big message stays light.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
	ENDPOINT,
	expectConnected,
	openLoupe,
	toolButton,
	trafficRows,
	watchPageErrors
} from './fixtures';

const isMac = process.platform === 'darwin';
const mod = isMac ? 'Meta' : 'Control';

/** Runs the tool open in Loupe with these arguments (set as JSON). */
async function run(page: Page, args: Record<string, unknown>) {
	await page.getByRole('switch', { name: 'Edit as JSON' }).click();
	await page.getByRole('textbox', { name: 'Arguments JSON' }).fill(JSON.stringify(args));
	await page.getByRole('button', { name: 'Run tool' }).click();
}

/**
 * Opens Traffic and selects the received message of this method (the newest one), shown as `view`
 * (a message opens as its exact text; Pretty is one click, and the choice is kept).
 */
async function selectReceived(
	page: Page,
	method: string,
	view: 'pretty' | 'exact' = 'pretty'
): Promise<Locator> {
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await trafficRows(page).filter({ hasText: '←' }).filter({ hasText: method }).last().click();
	const message = page.getByRole('region', { name: 'Message' });
	if (view === 'pretty') await message.getByRole('button', { name: 'Pretty' }).click();
	return message;
}

/** The colour a person sees on the first token spelled `text` inside `root`. */
function colourOf(root: Locator, text: string | RegExp) {
	return root
		.locator('span', { hasText: text })
		.first()
		.evaluate((el) => getComputedStyle(el).color);
}

test('a message opens as received (Copy copies it); Pretty lays it out, highlighted', async ({
	page,
	context
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	const errors = watchPageErrors(page);
	await openLoupe(page, { server: ENDPOINT.dual, connect: true, tool: 'add' });
	await expectConnected(page);
	await run(page, { a: 2, b: 3 });
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('5');

	const message = await selectReceived(page, 'tools/call', 'exact');
	const text = message.getByRole('textbox', { name: 'Message JSON' });
	// The exact text by default (the raw JSON text, as on the wire), in the viewer.
	await expect(message.getByRole('button', { name: 'Exact text' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(text.locator('.cm-line')).toHaveCount(1);
	const exact = (await text.textContent())!;
	expect(exact).toContain('"jsonrpc":"2.0"');
	await message.getByRole('button', { name: 'Copy' }).click();
	await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(exact);

	// Pretty: one member a line, indented, every token as received.
	await message.getByRole('button', { name: 'Pretty' }).click();
	await expect(message.getByRole('button', { name: 'Pretty' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(text).toContainText('"structuredContent": {');
	await expect(text).toContainText('"sum": 5');
	await expect(text).toHaveAttribute('aria-readonly', 'true');
	expect(await text.locator('.cm-line').count()).toBeGreaterThan(10);
	// Highlighted: keys, strings and numbers each in their own colour.
	const key = await colourOf(text, '"jsonrpc"');
	const string = await colourOf(text, '"2.0"');
	const number = await colourOf(text, /^5$/);
	expect(new Set([key, string, number]).size).toBe(3);

	// The same message, laid out (the same JSON value).
	await expect(text.locator('.cm-line').first()).toHaveText('{');
	expect(JSON.parse((await text.textContent())!)).toEqual(JSON.parse(exact));
	expect(errors).toEqual([]);
});

test('folding: the fold control and the keyboard fold a member to a summary, and unfold it', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	const message = await selectReceived(page, 'tools/list');
	const text = message.getByRole('textbox', { name: 'Message JSON' });
	await expect(text).toContainText('"tools": [');
	const lines = await text.locator('.cm-line').count();

	// Line 2 is `"result": {`: its fold control folds the whole result into one line.
	await message.getByTitle('Fold', { exact: true }).nth(1).click();
	const folded = text.getByLabel(/^Folded: \d+ keys$/);
	await expect(folded).toBeVisible();
	await expect(folded).toHaveText(/^… \d+ keys …$/);
	await expect(text).not.toContainText('"tools"');
	expect(await text.locator('.cm-line').count()).toBeLessThan(lines);
	await folded.click();
	await expect(text).toContainText('"tools": [');

	// The keyboard: on the `"tools": [` line, Ctrl+Shift+[ folds the array, Ctrl+Shift+] unfolds it.
	await text.locator('.cm-line', { hasText: '"tools": [' }).click();
	await page.keyboard.press(isMac ? 'Meta+Alt+BracketLeft' : 'Control+Shift+BracketLeft');
	await expect(text.getByLabel(/^Folded: \d+ items$/)).toBeVisible();
	await expect(text).not.toContainText('"inputSchema"');
	await page.keyboard.press(isMac ? 'Meta+Alt+BracketRight' : 'Control+Shift+BracketRight');
	await expect(text.getByLabel(/^Folded/)).toHaveCount(0);
	await expect(text).toContainText('"inputSchema"');
});

test('search: Ctrl/Cmd+F in the text opens Find, Enter goes from match to match, Escape closes it and then leaves the text', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	const message = await selectReceived(page, 'tools/list');
	const text = message.getByRole('textbox', { name: 'Message JSON' });
	await expect(text).toContainText('"tools": [');
	await text.locator('.cm-line').first().click();
	await page.keyboard.press(`${mod}+f`);
	const find = message.getByRole('textbox', { name: 'Find' });
	await expect(find).toBeFocused();
	await find.pressSequentially('inputSchema');
	await find.press('Enter');
	// The match is marked where a person looks; Enter goes on to the next one, further down.
	const current = message.locator('.cm-searchMatch-selected');
	await expect(current).toHaveText('inputSchema');
	const first =
		(await current.boundingBox())!.y +
		(await message.locator('.cm-scroller').evaluate((el) => el.scrollTop));
	await find.press('Enter');
	await expect
		.poll(
			async () =>
				(await current.boundingBox())!.y +
				(await message.locator('.cm-scroller').evaluate((el) => el.scrollTop))
		)
		.toBeGreaterThan(first + 100);
	await expect(current).toHaveText('inputSchema');
	await expect(message.getByRole('button', { name: 'Next' })).toBeVisible();
	await expect(message.getByRole('checkbox', { name: 'Match case' })).toBeVisible();
	// Escape closes Find and goes back to the text; Escape again leaves it for the message's row.
	await find.press('Escape');
	await expect(find).toHaveCount(0);
	await expect(text).toBeFocused();
	await page.keyboard.press('Escape');
	await expect(trafficRows(page).locator('button[aria-current="true"]')).toBeFocused();
	// The Find button opens it too.
	await message.getByRole('button', { name: 'Find' }).click();
	await expect(message.getByRole('textbox', { name: 'Find' })).toBeFocused();
});

test('Wrap lines: the exact text starts wrapped, so nothing needs a sideways scroll; unwrapped it scrolls', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	const message = await selectReceived(page, 'tools/list');
	await message.getByRole('button', { name: 'Exact text' }).click();
	const scroller = message.locator('.cm-scroller');
	const overflow = () => scroller.evaluate((el) => el.scrollWidth - el.clientWidth);
	const wrap = message.getByRole('button', { name: 'Wrap lines' });
	await expect(wrap).toHaveAttribute('aria-pressed', 'true');
	await expect(message.getByRole('textbox', { name: 'Message JSON' })).toContainText(
		'"name":"echo"'
	);
	await expect.poll(overflow).toBeLessThanOrEqual(0);
	await wrap.click();
	await expect(wrap).toHaveAttribute('aria-pressed', 'false');
	await expect.poll(overflow).toBeGreaterThan(1000);
	// Pretty keeps its own setting (unwrapped), and Exact text its own.
	await message.getByRole('button', { name: 'Pretty' }).click();
	await expect(wrap).toHaveAttribute('aria-pressed', 'false');
	await wrap.click();
	await message.getByRole('button', { name: 'Exact text' }).click();
	await expect(wrap).toHaveAttribute('aria-pressed', 'false');
});

test('a message that is not JSON is shown as received, with where it stops being JSON', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.offSpec, transport: 'streamable-http', connect: true });
	await expectConnected(page);
	await page
		.getByRole('list', { name: 'Tools' })
		.getByRole('button', { name: /^odd_result/ })
		.first()
		.click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText(
		'"content" is not an array.'
	);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await trafficRows(page).filter({ hasText: 'Not JSON.' }).click();
	const message = page.getByRole('region', { name: 'Message' });
	// Why the client refused it, then, once asked for a pretty view, where it stops being JSON.
	await expect(message.getByRole('note')).toHaveText('The client refuses this message. Not JSON.');
	await message.getByRole('button', { name: 'Pretty' }).click();
	await expect(message.getByRole('note').nth(1)).toHaveText(
		/^Not valid JSON at line 1, column \d+: .+\. Shown exactly as received\.$/
	);
	await expect(message.getByRole('textbox', { name: 'Message JSON' })).toContainText(
		'this is not JSON {'
	);
});

test('Raw JSON in a result, a resource and a prompt is the same viewer', async ({ page }) => {
	const errors = watchPageErrors(page);
	await openLoupe(page, { server: ENDPOINT.dual, connect: true, tool: 'add' });
	await expectConnected(page);
	await run(page, { a: 20, b: 22 });
	const result = page.getByRole('region', { name: 'Result' });
	await expect(result.getByRole('textbox', { name: 'Structured content JSON' })).toContainText(
		'"sum": 42'
	);
	await result.getByRole('button', { name: 'Raw JSON' }).click();
	const raw = result.getByRole('textbox', { name: 'Raw JSON' });
	await expect(raw).toContainText('"structuredContent": {');
	await expect(raw).toHaveAttribute('aria-readonly', 'true');
	await expect(result.getByTitle('Fold', { exact: true }).first()).toBeAttached();

	await page.getByRole('tab', { name: 'Resources' }).click();
	await page
		.getByRole('list', { name: 'Resources' })
		.getByRole('button', { name: /Guide/ })
		.click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	const contents = page.getByRole('region', { name: 'Resource contents' });
	await expect(contents).toContainText('# Guide');
	await contents.getByRole('button', { name: 'Raw JSON' }).click();
	await expect(contents.getByRole('textbox', { name: 'Raw JSON' })).toContainText(
		'"mimeType": "text/markdown"'
	);

	await page.getByRole('tab', { name: 'Prompts' }).click();
	await page
		.getByRole('list', { name: 'Prompts' })
		.getByRole('button', { name: /^greet\b/ })
		.click();
	const form = page.getByRole('form', { name: 'Prompt arguments' });
	await form.getByLabel('name', { exact: true }).fill('Ada');
	await form.getByRole('button', { name: 'Get prompt' }).click();
	const messages = page.getByRole('region', { name: 'Prompt messages' });
	await expect(messages.getByRole('listitem', { name: 'Message 1 from user' })).toBeVisible();
	await messages.getByRole('button', { name: 'Raw JSON' }).click();
	await expect(messages.getByRole('textbox', { name: 'Raw JSON' })).toContainText('"role": "user"');
	expect(errors).toEqual([]);
});

test.describe('a big message', () => {
	test.setTimeout(120_000);

	test('only the lines on screen exist; search reaches the last item; Copy copies every byte', async ({
		page,
		context
	}) => {
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		const errors = watchPageErrors(page);
		await openLoupe(page, { server: ENDPOINT.dual, connect: true, tool: 'big_structured' });
		await expectConnected(page);
		await expect(toolButton(page, 'big_structured')).toBeVisible();
		await run(page, { megabytes: 2 });
		await expect(
			page
				.getByRole('region', { name: 'Result' })
				.getByText('structuredContent matches outputSchema')
		).toBeVisible({ timeout: 60_000 });

		const message = await selectReceived(page, 'tools/call');
		const text = message.getByRole('textbox', { name: 'Message JSON' });
		await expect(text).toContainText('"sku": "SKU-000000"', { timeout: 30_000 });
		expect(await text.locator('.cm-line').count()).toBeLessThan(300);
		expect((await text.textContent())!.length).toBeLessThan(100_000);

		// The last item is far below: Find scrolls to it.
		const size = Number(
			(await message.getByText(/\d\.\d\d MB$/).textContent())!.match(/([\d.]+) MB/)![1]
		);
		expect(size).toBeGreaterThan(1.9);
		await message.getByRole('button', { name: 'Find' }).click();
		const find = message.getByRole('textbox', { name: 'Find' });
		await find.pressSequentially('"sku":');
		await find.press('Shift+Enter');
		const current = message.locator('.cm-line', { has: page.locator('.cm-searchMatch-selected') });
		await expect(current).toBeVisible();
		const lastSku = (await current.textContent())!.match(/"sku": "(SKU-\d+)"/)![1];

		// Copy gives every byte: its last item is the one Find reached.
		await message.getByRole('button', { name: 'Copy' }).click();
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied.length).toBeGreaterThan(1_900_000);
		const items = JSON.parse(copied).result.structuredContent.items as { sku: string }[];
		expect(items.length).toBeGreaterThan(1000);
		expect(items[items.length - 1].sku).toBe(lastSku);
		expect(errors).toEqual([]);
	});
});
