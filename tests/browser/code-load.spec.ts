/**
 * A page left open across a redeploy: a part of Loupe loaded when first shown (here the Traffic
 * view, or a module worker's script) is gone from the server. The page says so once, in a
 * sentence, with a Reload button, instead of "Failed to fetch dynamically imported module …"; the
 * work a worker would have done runs on the page instead.
 */
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe } from './fixtures';

const LAZY_CHUNKS = /\/_app\/immutable\/.+\.js$/;
const WORKER_SCRIPTS = /\/_app\/immutable\/workers\/.+\.js$/;

/** From now on every chunk not yet loaded answers 404, as after a redeploy. */
async function dropChunks(
	page: Page,
	newVersion: boolean,
	files: RegExp = LAZY_CHUNKS
): Promise<string[]> {
	const refused: string[] = [];
	await page.route(files, (route) => {
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

test("a worker's script gone after a redeploy: the same sentence and Reload, and the check runs on the page", async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true, tool: 'big_structured' });
	await expectConnected(page);
	const refused = await dropChunks(page, true, WORKER_SCRIPTS);

	// 1 MB of structuredContent is checked in the validation worker, and its message read in another.
	await page.getByRole('switch', { name: 'Edit as JSON' }).click();
	await page.getByRole('textbox', { name: 'Arguments JSON' }).fill('{"megabytes": 1}');
	await page.getByRole('button', { name: 'Run tool' }).click();
	const alert = page
		.getByRole('alert')
		.filter({ hasText: 'Loupe was updated on the server since this page was opened.' });
	await expect(alert).toContainText(
		'Loupe was updated on the server since this page was opened. Reload the page to continue.'
	);
	await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
	expect(refused.some((url) => url.includes('/validation.worker'))).toBe(true);
	// Without its worker the check still comes, done on the page.
	const result = page.getByRole('region', { name: 'Result' });
	await expect(result.getByText('structuredContent matches outputSchema')).toBeVisible({
		timeout: 30_000
	});
	await expect(page.getByRole('alert')).toHaveCount(1);
});
