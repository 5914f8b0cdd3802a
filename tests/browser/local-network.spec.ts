/**
 * Local Network Access in real Chromium: Loupe opened from a public address (a name Chromium maps
 * to this machine, whose address space the --ip-address-space-overrides switch makes public)
 * cannot reach the demo server on 127.0.0.1, and says why instead of "unreachable".
 */
import { expect, test } from '@playwright/test';
import config, { APP_PORT } from '../../playwright.config';
import { ENDPOINT, status } from './fixtures';

const PUBLIC_HOST = 'loupe.test';

test.use({
	launchOptions: {
		...config.use?.launchOptions,
		args: [
			...(config.use?.launchOptions?.args ?? []),
			`--host-resolver-rules=MAP ${PUBLIC_HOST} 127.0.0.1`,
			`--ip-address-space-overrides=127.0.0.1:${APP_PORT}=public`
		]
	}
});

test('a public page that may not reach this computer says Local Network Access, not "unreachable"', async ({
	page
}) => {
	const server = encodeURIComponent(ENDPOINT.dual);
	await page.goto(`http://${PUBLIC_HOST}:${APP_PORT}/?server=${server}&connect=1`);
	const alert = page.getByRole('alert');
	await expect(alert).toContainText(
		`The browser blocked the request to ${ENDPOINT.dual}: the server is on this computer`
	);
	await expect(alert).toContainText('(Local Network Access)');
	await expect(alert).toContainText('npm start, then http://localhost');
	await expect(alert).not.toContainText('Could not reach');
	await expect(status(page)).toContainText('Error');
});
