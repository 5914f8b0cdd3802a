/**
 * Layout that keeps the work in sight: what the server asks for does not push the tabs away,
 * Settings opens over the content, the server panel folds on narrow windows, names are shown
 * exactly as the server sent them.
 */
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe } from './fixtures';

const pending = (page: Page) => page.getByRole('region', { name: 'Pending requests' });

/** True when the element's box lies inside the viewport. */
async function inViewport(page: Page, locator: ReturnType<Page['locator']>): Promise<boolean> {
	const box = await locator.boundingBox();
	const size = page.viewportSize()!;
	return (
		!!box &&
		box.y >= 0 &&
		box.y + box.height <= size.height &&
		box.x >= 0 &&
		box.x + box.width <= size.width
	);
}

for (const size of [
	{ width: 1280, height: 800 },
	{ width: 800, height: 900 },
	{ width: 1920, height: 1080 }
]) {
	test(`a sampling request keeps the tabs and its own Send in view (${size.width}x${size.height})`, async ({
		page
	}) => {
		await page.setViewportSize(size);
		await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'ask_llm' });
		await expectConnected(page);
		const toolsTab = page.getByRole('tab', { name: /Tools/ });
		const tabTop = (await toolsTab.boundingBox())!.y;
		await page.getByRole('button', { name: 'Run tool' }).click();
		const send = pending(page).getByRole('button', { name: 'Send reply' });
		await expect(send).toBeVisible();
		// The call says what it waits for.
		await expect(page.getByText('Waiting for your answer in Pending requests')).toBeVisible();
		expect(await inViewport(page, send)).toBe(true);
		// The request does not push the tabs down.
		expect((await toolsTab.boundingBox())!.y).toBe(tabTop);
		expect(await inViewport(page, toolsTab)).toBe(true);
	});
}

test('the requests panel folds to a small button, and a new request opens it again', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'ask_llm' });
	await expectConnected(page);
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(pending(page).getByRole('form', { name: 'Sampling reply' })).toBeVisible();
	await pending(page).getByRole('button', { name: 'Hide' }).click();
	await expect(pending(page).getByRole('form', { name: 'Sampling reply' })).toHaveCount(0);
	await expect(pending(page)).toContainText('Pending requests 1');
	await pending(page).getByRole('button', { name: 'Show' }).click();
	await expect(pending(page).getByRole('form', { name: 'Sampling reply' })).toBeVisible();

	// Folded, then the call is cancelled (its request goes) and run again: the new request opens the panel.
	await pending(page).getByRole('button', { name: 'Hide' }).click();
	await page.getByRole('button', { name: 'Cancel', exact: true }).click();
	await expect(pending(page)).toHaveCount(0);
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(pending(page).getByRole('form', { name: 'Sampling reply' })).toBeVisible();
});

test('Settings opens over the content without moving it, closes with Escape, and header values can be shown', async ({
	page
}) => {
	await openLoupe(page);
	const toolsTab = page.getByRole('tab', { name: /Tools/ });
	const tabTop = (await toolsTab.boundingBox())!.y;
	await page.getByRole('button', { name: 'Settings' }).click();
	const token = page.getByRole('textbox', { name: 'Bearer token' });
	await expect(token).toBeVisible();
	expect((await toolsTab.boundingBox())!.y).toBe(tabTop);

	await page.getByRole('button', { name: 'Add header' }).click();
	const value = page.getByRole('textbox', { name: 'Header value 1' });
	await value.fill('s3cret');
	await expect(value).toHaveAttribute('type', 'password');
	const show = page.getByRole('button', { name: 'Show header value 1' });
	await show.click();
	await expect(show).toHaveAttribute('aria-pressed', 'true');
	await expect(value).toHaveAttribute('type', 'text');

	await page.keyboard.press('Escape');
	await expect(token).toBeHidden();
	await expect(page.getByRole('button', { name: 'Settings' })).toBeFocused();

	// A click outside closes it too, and so does Connect.
	await page.getByRole('button', { name: 'Settings' }).click();
	await expect(token).toBeVisible();
	await page.getByRole('tabpanel').click({ position: { x: 5, y: 5 } });
	await expect(token).toBeHidden();
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('textbox', { name: 'Server URL' }).fill(ENDPOINT.legacy);
	await page.getByRole('button', { name: 'Connect' }).click();
	await expect(token).toBeHidden();
});

test('on a narrow window the server panel is one line until "Server details"', async ({ page }) => {
	await page.setViewportSize({ width: 800, height: 900 });
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
	const server = page.getByRole('region', { name: 'Server', exact: true });
	await expect(server).toContainText('Loupe demo server');
	await expect(server.getByRole('button', { name: 'Ping' })).toBeHidden();
	const box = (await server.boundingBox())!;
	expect(box.height).toBeLessThan(60);
	await server.getByRole('button', { name: 'Server details' }).click();
	await expect(server.getByRole('button', { name: 'Ping' })).toBeVisible();
});

test('prompt and resource names are shown exactly as sent, not upper-cased', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Prompts' }).click();
	await page
		.getByRole('list', { name: 'Prompts' })
		.getByRole('button', { name: /^greet\b/ })
		.click();
	const heading = page.getByRole('heading', { name: 'greet', exact: true });
	// innerText applies CSS text-transform: this is what a person reads.
	expect(await heading.evaluate((h: HTMLElement) => h.innerText)).toBe('greet');
});
