/**
 * The tab remembers a server's protocol era: a second connect to a 2025-era server sends
 * initialize at once, without the server/discover probe (seen in Traffic), and a URL with a
 * secret in it is never remembered.
 */
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, trafficRows, watchPageErrors } from './fixtures';

async function showTraffic(page: Page) {
	await page.getByRole('tab', { name: 'Traffic' }).click();
	return page.getByRole('region', { name: 'Traffic' });
}

/** Requests Loupe sent with exactly that method ("initialize", not "notifications/initialized"). */
const sent = (page: Page, method: string) =>
	trafficRows(page).filter({
		hasText: new RegExp(`→\\s*request\\s*${method.replace('/', '\\/')}(?![\\w/])`)
	});

async function reconnectWithClearedTraffic(page: Page) {
	const traffic = await showTraffic(page);
	await page.getByRole('button', { name: 'Disconnect' }).click();
	await expect(page.getByRole('status', { name: 'Connection status' })).toContainText(
		'Disconnected'
	);
	await traffic.getByRole('button', { name: 'Clear' }).click();
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expectConnected(page);
	await expect(sent(page, 'tools/list')).toHaveCount(1);
}

test('a second connect to a 2025-era server in the same tab sends no server/discover', async ({
	page
}) => {
	const errors = watchPageErrors(page);
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
	const server = page.getByRole('region', { name: 'Server', exact: true });
	await expect(server).toContainText('session-based');
	await expect(server).not.toContainText('earlier connect');
	// The first connect probes (the 2025-era server refuses the probe), then initializes.
	await showTraffic(page);
	await expect(sent(page, 'server/discover')).toHaveCount(1);
	await expect(sent(page, 'initialize')).toHaveCount(1);

	await reconnectWithClearedTraffic(page);
	await expect(sent(page, 'initialize')).toHaveCount(1);
	await expect(sent(page, 'server/discover')).toHaveCount(0);
	await expect(trafficRows(page).filter({ hasText: 'server/discover' })).toHaveCount(0);
	await expect(trafficRows(page).filter({ hasText: 'notifications/initialized' })).toHaveCount(1);
	await expect(server).toContainText('era known from an earlier connect');

	// A reload of the deep link in the same tab, too.
	await page.reload();
	await expectConnected(page);
	await showTraffic(page);
	await expect(sent(page, 'tools/list')).toHaveCount(1);
	await expect(sent(page, 'initialize')).toHaveCount(1);
	await expect(sent(page, 'server/discover')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a 2026-era server is probed on every connect, and a URL with a secret-looking parameter is never remembered', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	await reconnectWithClearedTraffic(page);
	await expect(sent(page, 'server/discover')).toHaveCount(1);

	const secretUrl = `${ENDPOINT.legacy}?api_key=do-not-keep`;
	await page.getByRole('button', { name: 'Disconnect' }).click();
	await page.getByRole('textbox', { name: 'Server URL' }).fill(secretUrl);
	await page.getByRole('button', { name: 'Connect', exact: true }).click();
	await expectConnected(page);
	await reconnectWithClearedTraffic(page);
	await expect(sent(page, 'server/discover')).toHaveCount(1);
	const stored = await page.evaluate(
		() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage })
	);
	expect(stored).not.toContain('do-not-keep');
	expect(stored).toContain('loupe:server-eras');
});
