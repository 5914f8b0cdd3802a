/** Built for a sub-path (BASE_PATH=/loupe, as on GitHub Pages), Loupe works there too. */
import { expect, test } from '@playwright/test';
import { SUBPATH_PORT } from '../../playwright.config';
import { ENDPOINT, expectConnected, toolButton } from './fixtures';

test('the sub-path build connects and runs a tool', async ({ page }) => {
	const failed: string[] = [];
	page.on('response', (r) => r.status() >= 400 && failed.push(r.url()));
	await page.goto(
		`http://127.0.0.1:${SUBPATH_PORT}/loupe/?server=${encodeURIComponent(ENDPOINT.legacy)}&connect=1&tool=echo`
	);
	await expectConnected(page);
	await expect(toolButton(page, 'echo')).toBeVisible();
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('message', { exact: true })
		.fill('under /loupe');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('Echo: under /loupe');
	// Every asset came from under /loupe/.
	expect(failed.filter((u) => u.includes(`:${SUBPATH_PORT}/`))).toEqual([]);
});
