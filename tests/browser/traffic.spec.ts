/** Traffic: every message, filters, export without secrets, bursts. */
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ENDPOINT, expectConnected, openLoupe, toolButton, trafficRows } from './fixtures';

test('filters by text and direction', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(trafficRows(page).filter({ hasText: 'initialize' }).first()).toBeVisible();
	await page.getByRole('searchbox', { name: 'Filter traffic' }).fill('tools/list');
	await expect(trafficRows(page)).toHaveCount(2);
	await page.getByRole('combobox', { name: 'Direction' }).selectOption('received');
	await expect(trafficRows(page)).toHaveCount(1);
	await expect(trafficRows(page).first()).toContainText('←');
});

test('Export traffic downloads every message as JSON, with no secret in it', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, tool: 'log_burst' });
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('textbox', { name: 'Bearer token' }).fill('sk-very-secret-token');
	await page.getByRole('button', { name: 'Add header' }).click();
	await page.getByRole('textbox', { name: 'Header name 1' }).fill('X-Api-Key');
	await page.getByRole('textbox', { name: 'Header value 1' }).fill('custom-header-secret');
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
	// More messages than the virtual list shows at once.
	await page.getByRole('form', { name: 'Arguments' }).getByLabel('count', { exact: true }).fill('300');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('sent 300');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const counter = page.getByRole('region', { name: 'Traffic' }).getByText(/^[\d,]+ of [\d,]+$/);
	const rows = Number((await counter.textContent())!.split(' of ')[0].replace(/,/g, ''));
	expect(rows).toBeGreaterThan(300);

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export traffic' }).click();
	const file = await (await download).path();
	const text = await readFile(file, 'utf8');
	const exported = JSON.parse(text) as { entries: { type: string; method?: string; requestHeaders?: Record<string, string> }[] };
	const messages = exported.entries.filter((e) => e.type === 'message');
	expect(messages.length).toBe(rows);
	expect(messages.map((m) => m.method)).toContain('initialize');
	const posts = exported.entries.filter((e) => e.type === 'http');
	expect(posts.length).toBeGreaterThan(0);
	expect(posts[0].requestHeaders?.authorization).toBe('Bearer ••••••');
	expect(posts[0].requestHeaders?.['x-api-key']).toBe('••••••');
	expect(text).not.toContain('sk-very-secret-token');
	expect(text).not.toContain('custom-header-secret');
});

test('Export traffic says it is working while it builds a large export, then offers all of it', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'log_burst' });
	await expectConnected(page);
	await page.getByRole('form', { name: 'Arguments' }).getByLabel('count', { exact: true }).fill('5000');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('sent 5000');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const button = page.getByRole('region', { name: 'Traffic' }).getByRole('button', { name: 'Export traffic', exact: true });
	// What the button shows at each change, as a person would see it.
	await button.evaluate((b: HTMLButtonElement) => {
		const seen: { text: string; disabled: boolean }[] = [];
		(window as unknown as { exportStates: typeof seen }).exportStates = seen;
		new MutationObserver(() => seen.push({ text: b.textContent!.trim(), disabled: b.disabled })).observe(b, {
			attributes: true,
			childList: true,
			characterData: true,
			subtree: true
		});
	});
	const download = page.waitForEvent('download');
	await button.click();
	const text = await readFile(await (await download).path(), 'utf8');
	await expect(button).toBeEnabled();
	await expect(button).toHaveText('Export traffic');
	const states = await page.evaluate(() => (window as unknown as { exportStates: unknown[] }).exportStates);
	expect(states).toContainEqual({ text: 'Exporting…', disabled: true });
	const exported = JSON.parse(text) as { entries: { method?: string }[] };
	expect(exported.entries.filter((e) => e.method === 'notifications/message')).toHaveLength(5000);
});

test('a burst of 2,000 log notifications during one call all appear', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'log_burst' });
	await expectConnected(page);
	await expect(page.getByRole('form', { name: 'Arguments' })).toBeVisible();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('sent 2000');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await page.getByRole('combobox', { name: 'Method' }).selectOption('notifications/message');
	await expect(page.getByRole('region', { name: 'Traffic' })).toContainText('2,000 of');
	// The list is virtual: the newest notification is on screen, not all 2,000 rows.
	await expect(trafficRows(page).filter({ hasText: 'notifications/message' }).last()).toBeVisible();
	expect(await trafficRows(page).count()).toBeLessThan(200);
});

test('messages the SDK refuses still appear in Traffic, marked invalid', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.offSpec, transport: 'streamable-http', connect: true });
	await expectConnected(page);
	// Two tools share a name: both are listed, the second flagged.
	const tools = page.getByRole('list', { name: 'Tools' }).getByRole('button', { name: /^odd_result/ });
	await expect(tools).toHaveCount(2);
	await expect(tools.nth(1)).toContainText('schema issue');
	await tools.first().click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('"content" is not an array.');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const invalid = trafficRows(page).filter({ hasText: 'invalid' });
	await expect(invalid).toHaveCount(1);
	await invalid.click();
	await expect(page.getByRole('region', { name: 'Message' })).toContainText('this is not JSON {');
	await expect(trafficRows(page).filter({ hasText: '←' }).filter({ hasText: 'notifications/message' })).toHaveCount(1);
});
