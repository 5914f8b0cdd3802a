/** Server data is data: markup shows as text, unsafe URLs are not loaded, the CSP stays strict. */
import { expect, test } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, toolButton, watchPageErrors } from './fixtures';

test('the first screen runs under a strict CSP: no eval, no inline script', async ({ page }) => {
	await openLoupe(page);
	const csp = await page
		.locator('meta[http-equiv="content-security-policy"]')
		.getAttribute('content');
	const scriptSrc = csp?.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
	expect(scriptSrc).toContain("'self'");
	expect(scriptSrc).not.toContain('unsafe-eval');
	expect(scriptSrc).not.toContain('unsafe-inline');
	await expect(page.getByRole('button', { name: 'Connect' })).toBeVisible();
});

test('markup in tool names, descriptions, schemas and results is shown as text', async ({
	page
}) => {
	const errors = watchPageErrors(page);
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'hostile_text' });
	await expectConnected(page);

	await expect(toolButton(page, 'hostile_text')).toContainText('<img src=x onerror=');
	await expect(
		page.getByText('<script>document.title="pwned"</script><b>bold?</b>', { exact: false }).first()
	).toBeVisible();
	await expect(
		page.getByRole('form', { name: 'Arguments' }).getByLabel('<i>html</i>', { exact: true })
	).toHaveValue('<img src=x onerror=alert(1)>');
	await page.getByRole('button', { name: 'Run tool' }).click();

	const result = page.getByRole('region', { name: 'Result' });
	await expect(result).toContainText(
		`<img src=x onerror="document.title='pwned'"> <img src=x onerror=alert(1)>`
	);
	// The SVG image is refused (it could carry script), and the javascript: link is only text.
	await expect(result).toContainText('mimeType Loupe does not display');
	await expect(result).toContainText('javascript:alert(1)');
	await expect(result.getByRole('link')).toHaveCount(0);
	await expect(result.getByRole('img')).toHaveCount(0);

	expect(await page.title()).not.toBe('pwned');
	expect(dialogs).toEqual([]);
	expect(requests.some((u) => u.includes('tracker.png') || u.startsWith('javascript:'))).toBe(
		false
	);
	expect(errors).toEqual([]);
});
