/** Ping, cancellation in both eras, timeouts, list_changed, the 2026-07-28 era's discover and listen. */
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, toolButton } from './fixtures';

const server = (page: Page) => page.getByRole('region', { name: 'Server', exact: true });
const trafficRows = (page: Page) =>
	page.getByRole('region', { name: 'Traffic' }).getByRole('listitem');

test('Ping shows a round-trip time (2025 era)', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
	await server(page).getByRole('button', { name: 'Ping' }).click();
	await expect(server(page).getByRole('status', { name: 'Ping result' })).toHaveText(
		/^Pong in [\d.]+ ms$/
	);
});

test('the 2026-07-28 era: no ping, the discover result, and an open listen stream', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	await expect(server(page).getByRole('button', { name: 'Ping' })).toBeDisabled();
	await expect(server(page)).toContainText('The 2026-07-28 protocol has no ping.');
	await expect(server(page).getByRole('status', { name: 'Listen stream' })).toContainText('Open');
	await expect(server(page).getByRole('status', { name: 'Listen stream' })).toContainText('tools');
	await server(page).getByText('server/discover result').click();
	await expect(server(page).getByLabel('Discover result')).toContainText('"supportedVersions"');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(trafficRows(page).filter({ hasText: 'subscriptions/listen' }).first()).toBeVisible();
	await expect(
		trafficRows(page).filter({ hasText: 'notifications/subscriptions/acknowledged' })
	).toHaveCount(1);
});

for (const [era, url] of [
	['2025', ENDPOINT.legacy],
	['2026-07-28', ENDPOINT.dual]
] as const) {
	test(`${era} era: list_changed re-fetches the tools and says what changed`, async ({ page }) => {
		const name = `added_${era.replace(/-/g, '_')}_${Date.now().toString(36)}`;
		await openLoupe(page, { server: url, connect: true, tool: 'change_tools' });
		await expectConnected(page);
		if (era !== '2025')
			await expect(server(page).getByRole('status', { name: 'Listen stream' })).toContainText(
				'Open'
			);
		await page
			.getByRole('form', { name: 'Arguments' })
			.getByLabel('add', { exact: true })
			.fill(name);
		await page.getByRole('button', { name: 'Run tool' }).click();
		await expect(page.getByRole('region', { name: 'Result' })).toContainText(`added ${name}`);
		await expect(page.getByRole('status').filter({ hasText: 'Tools changed' })).toContainText(
			`+${name}`
		);
		await expect(toolButton(page, name)).toBeVisible();
		await page.getByRole('form', { name: 'Arguments' }).getByLabel('add', { exact: true }).fill('');
		await page
			.getByRole('form', { name: 'Arguments' })
			.getByLabel('remove', { exact: true })
			.fill(name);
		await page.getByRole('button', { name: 'Run tool' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Tools changed' })).toContainText(
			`−${name}`
		);
		await expect(toolButton(page, name)).toHaveCount(0);
	});

	test(`${era} era: Cancel stops a slow tool`, async ({ page }) => {
		await openLoupe(page, { server: url, connect: true, tool: 'slow' });
		await expectConnected(page);
		await page
			.getByRole('form', { name: 'Arguments' })
			.getByLabel('steps', { exact: true })
			.fill('50');
		await page.getByRole('button', { name: 'Run tool' }).click();
		const bar = page.getByRole('progressbar', { name: 'Progress' });
		await expect(bar).toBeVisible();
		await expect(page.getByText(/step \d+ of 50/)).toBeVisible();
		await page.getByRole('button', { name: 'Cancel' }).click();
		const result = page.getByRole('region', { name: 'Result' });
		await expect(result).toContainText('Cancelled');
		await expect(result).toContainText(
			era === '2025'
				? 'sent notifications/cancelled'
				: "closed the tools/call slow request's stream"
		);
		await page.getByRole('tab', { name: 'Traffic' }).click();
		await expect(trafficRows(page).filter({ hasText: 'tools/call' }).first()).toBeVisible();
		// The 2025 era says so in a notification; the 2026-07-28 era closes the request's stream instead.
		await expect(trafficRows(page).filter({ hasText: 'notifications/cancelled' })).toHaveCount(
			era === '2025' ? 1 : 0
		);
	});
}

test('a short request timeout fails a slow call; progress keeps a long call alive; the total ceiling ends it', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'slow' });
	await expectConnected(page);
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('spinbutton', { name: 'Request timeout (s)' }).fill('1');
	await page.getByRole('spinbutton', { name: 'Maximum total timeout (s)' }).fill('0');
	await page.getByRole('button', { name: 'Settings' }).click();
	const form = page.getByRole('form', { name: 'Arguments' });
	const result = page.getByRole('region', { name: 'Result' });

	// No progress for 3 s: the 1 s timeout ends it.
	await form.getByLabel('steps', { exact: true }).fill('2');
	await form.getByLabel('delayMs', { exact: true }).fill('3000');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(result).toContainText('did not answer the tools/call slow request in time');
	await expect(result).toContainText('Loupe waits 1 s for an answer or a progress notification');

	// Progress every 300 ms, 2.4 s in all: each one starts the 1 s timeout again.
	await form.getByLabel('steps', { exact: true }).fill('8');
	await form.getByLabel('delayMs', { exact: true }).fill('300');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(result).toContainText('done after 8 steps', { timeout: 10_000 });

	// A 1.5 s ceiling ends the same call whatever progress says.
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('spinbutton', { name: 'Maximum total timeout (s)' }).fill('1.5');
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(result).toContainText('Maximum total timeout exceeded', { timeout: 10_000 });
});

test('the connection timeout bounds the handshake: a stream that never names its endpoint fails after it', async ({
	page
}) => {
	await openLoupe(page, {
		server: ENDPOINT.dual.replace(/\/mcp$/, '/sse-silent'),
		transport: 'sse'
	});
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('spinbutton', { name: 'Connection timeout (s)' }).fill('1');
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('button', { name: 'Connect' }).click();
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('did not finish within 1 s', { timeout: 10_000 });
	await expect(alert).toContainText('raise the connection timeout under Settings → Timeouts');
});
