/** Failures a person can act on: bad URL, nothing listening, CORS-blocked; the app keeps working. */
import { expect, test } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, status, toolButton } from './fixtures';

test('a bad URL gets an alert, and a good one then connects', async ({ page }) => {
	await openLoupe(page);
	await page.getByRole('textbox', { name: 'Server URL' }).fill('not a url');
	await page.getByRole('button', { name: 'Connect' }).click();
	await expect(page.getByRole('alert')).toContainText('is not a URL');
	await expect(status(page)).toContainText('Error');

	await page.getByRole('textbox', { name: 'Server URL' }).fill(ENDPOINT.legacy);
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
	await expect(page.getByRole('alert')).toHaveCount(0);
});

test('an unreachable server is told apart from a CORS problem', async ({ page }) => {
	await openLoupe(page, { server: 'http://127.0.0.1:9/mcp', connect: true });
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Could not reach http://127.0.0.1:9/mcp');
	await expect(alert).not.toContainText('does not allow requests from this page');
	await expect(status(page)).toContainText('Error');

	await page.getByRole('textbox', { name: 'Server URL' }).fill(ENDPOINT.dual);
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
	await expect(toolButton(page, 'echo')).toBeVisible();
});

test('a CORS-blocked server gets the list of headers it must send', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.noCors, connect: true });
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('is up, but it does not allow requests from this page');
	await expect(alert).toContainText('Access-Control-Allow-Origin');
	await expect(alert).toContainText(
		'Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID, Mcp-Method, Mcp-Name'
	);
	await expect(alert).toContainText(
		'Access-Control-Expose-Headers: Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate'
	);

	await page.getByRole('textbox', { name: 'Server URL' }).fill(ENDPOINT.dual);
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
});

test('a 401 is explained, never "fixed" by falling back to SSE, and a bearer token then gets in', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.token, connect: true });
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('requires authorization (HTTP 401)');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await page.getByRole('combobox', { name: 'Show' }).selectOption('http');
	// Only POSTs to the server: no GET of an SSE stream after the 401.
	await expect(
		page
			.getByRole('region', { name: 'Traffic' })
			.getByRole('listitem')
			.filter({ hasText: '401' })
			.first()
	).toBeVisible();
	await expect(
		page.getByRole('region', { name: 'Traffic' }).getByRole('listitem').filter({ hasText: 'GET ' })
	).toHaveCount(0);

	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('textbox', { name: 'Bearer token' }).fill('demo-token');
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Tools' }).click();
	await expect(toolButton(page, 'echo')).toBeVisible();
});

test('legacy SSE reached through Auto keeps no banner from the Streamable HTTP probe', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.sse, connect: true });
	await expectConnected(page);
	await expect(page.getByRole('region', { name: 'Server', exact: true })).toContainText(
		'Legacy HTTP+SSE'
	);
	await expect(page.getByText('Error POSTing')).toHaveCount(0);
	await expect(page.getByText('The connection reported')).toHaveCount(0);
	await expect(page.getByRole('alert')).toHaveCount(0);
});
