/**
 * Secrets typed into a tool's arguments: shown as password fields, sent with the call, and never
 * kept in this tab's storage, so a reload brings back the plain values and empty secret fields;
 * Traffic and its export show "••••••" where they were sent.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, trafficRows } from './fixtures';

const SECRETS = ['hunter2-secret', 'sk-live-123', 'sig-abc'];

function fields(page: Page) {
	const form = page.getByRole('form', { name: 'Arguments' });
	return {
		form,
		service: form.getByLabel('service', { exact: true }),
		password: form.getByLabel('password', { exact: true }),
		apiKey: form.getByLabel('apiKey', { exact: true }),
		region: form.getByLabel('region', { exact: true }),
		signature: form.getByLabel('signature', { exact: true })
	};
}

const storedText = (page: Page) =>
	page.evaluate(() =>
		Object.keys(sessionStorage)
			.map((k) => `${k}=${sessionStorage.getItem(k)}`)
			.join('\n')
	);

test('secret arguments are typed unseen, sent but masked in Traffic and its export, and gone after a reload while plain ones stay', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'service_login' });
	await expectConnected(page);
	let f = fields(page);
	await expect(f.service).toHaveAttribute('type', 'text');
	for (const secret of [f.password, f.apiKey, f.signature]) {
		await expect(secret).toHaveAttribute('type', 'password');
		await expect(secret).toHaveAccessibleDescription(/secret: not kept after a reload/);
	}
	await expect(f.service).not.toHaveAccessibleDescription(/secret/);

	await f.service.fill('github');
	await f.password.fill(SECRETS[0]);
	await f.apiKey.fill(SECRETS[1]);
	await f.region.fill('eu-west');
	await f.signature.fill(SECRETS[2]);
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText(
		'github: password of 14, key of 11, signature of 7 characters'
	);

	const stored = await storedText(page);
	expect(stored).toContain('eu-west');
	expect(stored).toContain('github');
	for (const secret of SECRETS) expect(stored).not.toContain(secret);

	// Traffic shows the call with its plain arguments and the secrets masked, and so does its export.
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await trafficRows(page)
		.filter({ hasText: '→' })
		.filter({ hasText: 'tools/call service_login' })
		.click();
	const message = page.getByRole('region', { name: 'Message' });
	await expect(message).toContainText('eu-west');
	await expect(message).toContainText('••••••');
	for (const secret of SECRETS) await expect(message).not.toContainText(secret);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export traffic' }).click();
	const exported = await readFile(await (await download).path(), 'utf8');
	expect(exported).toContain('eu-west');
	for (const secret of SECRETS) expect(exported).not.toContain(secret);
	await page.getByRole('tab', { name: 'Tools' }).click();

	// The deep link in the address bar connects again and selects the tool.
	await page.reload();
	await expectConnected(page);
	f = fields(page);
	await expect(f.service).toHaveValue('github');
	await expect(f.region).toHaveValue('eu-west');
	await expect(f.password).toHaveValue('');
	await expect(f.apiKey).toHaveValue('');
	await expect(f.signature).toHaveValue('');
	const after = await storedText(page);
	for (const secret of SECRETS) expect(after).not.toContain(secret);
});
