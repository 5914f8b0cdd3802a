/**
 * A page left open across a redeploy: a part of Loupe loaded when first shown (here the Traffic
 * view) is gone from the server. The page says so once, in a sentence, with a Reload button,
 * instead of "Failed to fetch dynamically imported module …".
 */
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe } from './fixtures';

const LAZY_CHUNKS = /\/_app\/immutable\/.+\.js$/;

/** From now on every chunk not yet loaded answers 404, as after a redeploy. */
async function dropChunks(page: Page, newVersion: boolean): Promise<string[]> {
	const refused: string[] = [];
	await page.route(LAZY_CHUNKS, (route) => {
		refused.push(route.request().url());
		return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' });
	});
	if (newVersion)
		await page.route('**/_app/version.json', (route) =>
			route.fulfill({ contentType: 'application/json', body: '{"version":"redeployed"}' })
		);
	return refused;
}

test('a redeploy since the page opened: the sentence and Reload, and Reload brings the page back', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	const refused = await dropChunks(page, true);

	await page.getByRole('tab', { name: 'Traffic' }).click();
	const alert = page
		.getByRole('alert')
		.filter({ hasText: 'Loupe was updated on the server since this page was opened.' });
	await expect(alert).toContainText(
		'Loupe was updated on the server since this page was opened. Reload the page to continue.'
	);
	await expect(page.getByText('dynamically imported module')).toHaveCount(0);
	expect(refused.length).toBeGreaterThan(0);

	await page.unrouteAll();
	await alert.getByRole('button', { name: 'Reload' }).click();
	await expectConnected(page);
	await expect(alert).toHaveCount(0);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(page.getByRole('region', { name: 'Traffic' })).toBeVisible();
});

test('a part that fails to load without a new version says so too, with Reload', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	await dropChunks(page, false);

	await page.getByRole('tab', { name: 'Traffic' }).click();
	const alert = page.getByRole('alert').filter({ hasText: 'Part of Loupe could not be loaded' });
	await expect(alert).toContainText(
		'Part of Loupe could not be loaded from the server it was opened from. Reload the page to continue.'
	);
	await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
});
