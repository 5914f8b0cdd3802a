/** Logs: the level Loupe asks for (both eras), the view filter, clearing, and a 10,000-message burst. */
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, toolButton } from './fixtures';

const logs = (page: Page) => page.getByRole('region', { name: 'Logs' });
/** The log messages (not the lines where a connection starts). */
const logRows = (page: Page) =>
	logs(page)
		.getByRole('list', { name: 'Log messages' })
		.getByRole('listitem')
		.filter({ hasNotText: /^\s*[\d:.]+\s*(Connected to|New session with) / });

async function runTool(page: Page, name: string, expected: string) {
	await page.getByRole('tab', { name: 'Tools' }).click();
	await toolButton(page, name).click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText(expected);
}

for (const [era, server] of [
	['2025', ENDPOINT.legacy],
	['2026-07-28', ENDPOINT.dual]
] as const) {
	test(`${era} era: only messages at or above the chosen level arrive`, async ({ page }) => {
		await openLoupe(page, { server, connect: true });
		await expectConnected(page);
		await page.getByRole('tab', { name: 'Logs' }).click();
		await page.getByRole('combobox', { name: 'Log level' }).selectOption('warning');
		await expect(logs(page).getByRole('status')).toContainText(
			era === '2025' ? 'logging/setLevel "warning" accepted' : 'in _meta'
		);
		await runTool(page, 'log_levels', 'sent one message per level');
		await page.getByRole('tab', { name: 'Logs' }).click();
		await expect(logRows(page)).toHaveCount(5);
		await expect(logRows(page).first()).toContainText('warning');
		await expect(logRows(page).first()).toContainText('log_levels');
		await expect(logRows(page).first()).toContainText('"note":"a warning message"');
		await expect(logs(page)).not.toContainText('a notice message');
		if (era === '2025') {
			await page.getByRole('tab', { name: 'Traffic' }).click();
			await expect(
				page
					.getByRole('region', { name: 'Traffic' })
					.getByRole('listitem')
					.filter({ hasText: 'logging/setLevel' })
					.first()
			).toBeVisible();
		}
	});
}

test('2026-07-28 era: without a choice Loupe asks for info (the era has no server default), and says so', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Logs' }).click();
	await expect(logs(page).getByRole('status')).toContainText(
		'Every request carries log level "info" in _meta'
	);
	await expect(page.getByRole('combobox', { name: 'Log level' })).toHaveValue('');
	await expect(
		page.getByRole('combobox', { name: 'Log level' }).locator('option:checked')
	).toHaveText('Default (info)');
	await runTool(page, 'log_levels', 'sent one message per level');
	await page.getByRole('tab', { name: 'Logs' }).click();
	// info and the six levels above it; debug is below.
	await expect(logs(page)).toContainText('7 of 7');
	await expect(logRows(page).filter({ hasText: 'a debug message' })).toHaveCount(0);
});

test('the level filter and Clear logs', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Logs' }).click();
	await page.getByRole('combobox', { name: 'Log level' }).selectOption('debug');
	await expect(logs(page).getByRole('status')).toContainText('accepted');
	await runTool(page, 'log_levels', 'sent one message per level');
	await page.getByRole('tab', { name: 'Logs' }).click();
	await expect(logRows(page)).toHaveCount(8);
	await page.getByRole('combobox', { name: 'Show level' }).selectOption('error');
	await expect(logRows(page)).toHaveCount(4);
	await expect(logs(page)).toContainText('4 of 8');
	await expect(logRows(page).first()).toContainText('error');
	await page.getByRole('combobox', { name: 'Show level' }).selectOption('');
	await expect(logRows(page)).toHaveCount(8);
	await page.getByRole('button', { name: 'Clear logs' }).click();
	await expect(logRows(page)).toHaveCount(0);
	await expect(logs(page)).toContainText('0 of 0');
});

test('10,000 log messages arrive and the list stays virtual', async ({ page }) => {
	test.setTimeout(90_000);
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'log_burst' });
	await expectConnected(page);
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('count', { exact: true })
		.fill('10000');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('sent 10000', {
		timeout: 60_000
	});
	await page.getByRole('tab', { name: 'Logs' }).click();
	await expect(logs(page)).toContainText('10,000 of 10,000');
	await expect(logRows(page).filter({ hasText: 'log message 10000 of 10000' })).toBeVisible();
	expect(await logRows(page).count()).toBeLessThan(200);
});
