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
	await openLoupe(page, { server: ENDPOINT.legacy });
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('textbox', { name: 'Bearer token' }).fill('sk-very-secret-token');
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(trafficRows(page).filter({ hasText: 'tools/list' })).toHaveCount(2);
	const rows = await trafficRows(page).count();

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
	expect(text).not.toContain('sk-very-secret-token');
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
