/**
 * Secrets a server sends back: a tool that returns its arguments (`leaky_login`) and an
 * elicitation whose answer the server echoes (`ask_user`'s Password field). Traffic shows the
 * echo masked, says so, and can show it on request; the export never holds it, and says so.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, trafficRows } from './fixtures';

const MASK = '••••••';

async function exportText(page: Page): Promise<string> {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export traffic' }).click();
	return readFile(await (await download).path(), 'utf8');
}

const messagePane = (page: Page) => page.getByRole('region', { name: 'Message' });
const row = (page: Page, text: RegExp) => trafficRows(page).filter({ hasText: text });

test('a tool that echoes a secret argument: Traffic masks the echo in the message and its HTTP exchange, shows it on request, and the export never holds it', async ({
	page
}) => {
	// A quote, a slash and a non-ASCII letter: the echo holds it JSON-escaped twice over.
	const secret = 'pa"ss/wörd-42';
	await openLoupe(page, { server: ENDPOINT.dual, connect: true, tool: 'leaky_login' });
	await expectConnected(page);
	const form = page.getByRole('form', { name: 'Arguments' });
	await form.getByLabel('username', { exact: true }).fill('ada');
	await form.getByLabel('password', { exact: true }).fill(secret);
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText(
		'Received {"username":"ada"'
	);

	await page.getByRole('tab', { name: 'Traffic' }).click();
	await row(page, /←\s*response\s*tools\/call leaky_login/).click();
	const pane = messagePane(page);
	await expect(pane).toContainText('"username\\":\\"ada\\"');
	await expect(pane).toContainText(`\\"password\\":\\"${MASK}\\"`);
	await expect(pane).not.toContainText('ss/w');
	await expect(pane.getByRole('note')).toHaveText(/Contains a secret you entered \(masked\)\./);

	// Shown on request, for this message only, and hidden again.
	const show = pane.getByRole('button', { name: 'Show secret' });
	await expect(show).toHaveAttribute('aria-pressed', 'false');
	await show.click();
	await expect(show).toHaveAttribute('aria-pressed', 'true');
	await expect(pane).toContainText('pa\\\\\\"ss/wörd-42');
	await expect(pane.getByRole('note')).toContainText('shown here only; masked in the export');
	await show.click();
	await expect(pane).not.toContainText('ss/w');

	// The HTTP exchange that carried it: its response body is masked too.
	await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
	await row(page, /⇄\s*http\s*POST\s*tools\/call leaky_login/).click();
	await expect(pane.getByRole('note')).toHaveText(/Contains a secret you entered \(masked\)\./);
	await expect(pane).toContainText(MASK);
	await expect(pane).not.toContainText('ss/w');

	const exportButton = page.getByRole('button', { name: 'Export traffic' });
	await expect(exportButton).toHaveAccessibleDescription(/secrets you entered .*are masked/);
	const exported = await exportText(page);
	expect(exported).not.toContain('ss/w');
	expect(exported).not.toContain('ss\\/w');
	const file = JSON.parse(exported);
	expect(file.secrets).toContain('entered in this tab as secrets');
	const echo = file.entries.find(
		(e: { direction?: string; method?: string }) =>
			e.direction === 'received' && e.method === 'tools/call'
	);
	expect(echo.message.result.content[0].text).toBe(
		`Received {"username":"ada","password":"${MASK}"}`
	);
});

for (const era of [
	{
		name: 'modern era (/mcp)',
		server: ENDPOINT.dual,
		answer: /→\s*request\s*tools\/call ask_user/
	},
	{
		name: 'legacy era (/mcp-legacy)',
		server: ENDPOINT.legacy,
		answer: /→\s*response\s*elicitation\/create/
	}
]) {
	test(`${era.name}: an elicitation's secret answer is masked where it was sent and where the server echoes it, on screen and in the export`, async ({
		page
	}) => {
		const secret = 'elicited-s3cret';
		await openLoupe(page, { server: era.server, connect: true, tool: 'ask_user' });
		await expectConnected(page);
		await page.getByRole('button', { name: 'Run tool' }).click();
		const form = page
			.getByRole('region', { name: 'Pending requests' })
			.getByRole('form', { name: 'Elicitation form' });
		const password = form.getByLabel('Password');
		await expect(password).toHaveAttribute('type', 'password');
		await password.fill(secret);
		await form.getByRole('button', { name: 'Accept' }).click();
		// The server echoes what it got, the password too (the Result shows what the tool returned).
		await expect(page.getByRole('region', { name: 'Result' })).toContainText('"name":"Ada"');

		await page.getByRole('tab', { name: 'Traffic' }).click();
		const pane = messagePane(page);
		// Where Loupe sent it (the answer) …
		await row(page, era.answer).last().click();
		await expect(pane).toContainText('"name":"Ada"');
		await expect(pane).toContainText(`"password":"${MASK}"`);
		await expect(pane).not.toContainText(secret);
		// … and where the server sent it back.
		await row(page, /←\s*response\s*tools\/call ask_user/)
			.last()
			.click();
		await expect(pane).toContainText(`\\"password\\":\\"${MASK}\\"`);
		await expect(pane).not.toContainText(secret);
		await expect(pane.getByRole('note')).toHaveText(/Contains a secret you entered \(masked\)\./);

		const exported = await exportText(page);
		expect(exported).toContain('"name":"Ada"'.replaceAll('"', '\\"'));
		expect(exported).not.toContain(secret);
		expect(exported).toContain(MASK);
	});
}
