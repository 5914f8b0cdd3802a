/** Tools: the list, generated forms, JSON editing, results of every kind. */
import { expect, test } from '@playwright/test';
import { stat } from 'node:fs/promises';
import { ENDPOINT, expectConnected, openLoupe, toolButton } from './fixtures';

test.beforeEach(async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
});

test('the tool list shows names, titles, descriptions and annotation badges, and filters', async ({
	page
}) => {
	const list = page.getByRole('list', { name: 'Tools' });
	await expect(toolButton(page, 'echo')).toContainText('read-only');
	await expect(toolButton(page, 'fail')).toContainText('destructive');
	await expect(toolButton(page, 'add')).toContainText('idempotent');
	await page.getByRole('searchbox', { name: 'Filter tools' }).fill('image');
	await expect(list.getByRole('button')).toHaveCount(1);
	await expect(toolButton(page, 'get_image')).toBeVisible();
	await page.getByRole('searchbox', { name: 'Filter tools' }).fill('');
	await expect(toolButton(page, 'echo')).toBeVisible();
	expect(await list.getByRole('button').count()).toBeGreaterThanOrEqual(12);
});

test('an isError result is shown as an error', async ({ page }) => {
	await toolButton(page, 'fail').click();
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('reason', { exact: true })
		.fill('disk full');
	await page.getByRole('button', { name: 'Run tool' }).click();
	const result = page.getByRole('region', { name: 'Result' });
	await expect(result).toContainText('Error');
	await expect(result).toContainText('Something went wrong: disk full');
});

test('image and audio results play from their base64 data', async ({ page }) => {
	await toolButton(page, 'get_image').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	const result = page.getByRole('region', { name: 'Result' });
	const image = result.getByRole('img');
	await expect(image).toBeVisible();
	expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(32);
	const audio = result.locator('audio');
	await expect(audio).toHaveCount(1);
	await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeCloseTo(0.25, 1);
	// Content annotations are shown with the block they belong to.
	await expect(result).toContainText('for user');
	await expect(result).toContainText('priority 0.5');
});

test('resource links are shown, not fetched; embedded resources show their text or offer a download', async ({
	page
}) => {
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	await toolButton(page, 'resource_link_demo').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	const result = page.getByRole('region', { name: 'Result' });
	await expect(result).toContainText('Resource link');
	await expect(result).toContainText('demo://readme');
	await expect(result).toContainText('not fetched');
	await expect(result).toContainText('An embedded text resource.');
	// An embedded image is shown inline, as Resources shows it, and still offered as a download.
	const embedded = result.getByRole('img', { name: 'Image from the server (image/png)' });
	await expect(embedded).toBeVisible();
	expect(await embedded.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(8);
	const download = page.waitForEvent('download');
	const blobButton = result.getByRole('button', { name: /^Download blob \([\d,]+ bytes\)$/ });
	const shownBytes = Number((await blobButton.textContent())!.replace(/\D/g, ''));
	await blobButton.click();
	expect((await download).suggestedFilename()).toBe('gradient.png');
	// The size it says is the file's (base64 padding is not counted as bytes).
	expect((await stat((await (await download).path())!)).size).toBe(shownBytes);
	expect(requests.some((u) => u.startsWith('demo:'))).toBe(false);
});

test('structured content that breaks its outputSchema still arrives, with a failed verdict', async ({
	page
}) => {
	await toolButton(page, 'bad_structured').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	const result = page.getByRole('region', { name: 'Result' });
	await expect(result).toContainText('structuredContent does not match outputSchema');
	await expect(result).toContainText('"count": "not a number"');
});

test('unicode and a 1 MB text come through intact', async ({ page }) => {
	await toolButton(page, 'unicode_and_big').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	const result = page.getByRole('region', { name: 'Result' });
	await expect(result).toContainText('😀');
	await expect(result).toContainText('Show all 1,048,576 characters');
});

test('Edit as JSON holds the same value as the form, both ways', async ({ page }) => {
	await toolButton(page, 'echo').click();
	const form = page.getByRole('form', { name: 'Arguments' });
	await form.getByLabel('message', { exact: true }).fill('from the form');
	await page.getByRole('switch', { name: 'Edit as JSON' }).click();
	const json = page.getByRole('textbox', { name: 'Arguments JSON' });
	await expect(json).toHaveValue(/"message": "from the form"/);
	await json.fill('{ "message": "from JSON" }');
	await page.getByRole('switch', { name: 'Edit as JSON' }).click();
	await expect(form.getByLabel('message', { exact: true })).toHaveValue('from JSON');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('Echo: from JSON');
});

test('the last arguments of a tool survive a reconnect', async ({ page }) => {
	await toolButton(page, 'echo').click();
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('message', { exact: true })
		.fill('remember me');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('Echo: remember me');
	await page.getByRole('button', { name: 'Disconnect' }).click();
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
	await toolButton(page, 'echo').click();
	await expect(
		page.getByRole('form', { name: 'Arguments' }).getByLabel('message', { exact: true })
	).toHaveValue('remember me');
});

test('a slow tool shows its progress and can be cancelled', async ({ page }) => {
	await toolButton(page, 'slow').click();
	const form = page.getByRole('form', { name: 'Arguments' });
	await form.getByLabel('steps', { exact: true }).fill('50');
	await page.getByRole('button', { name: 'Run tool' }).click();
	const bar = page.getByRole('progressbar', { name: 'Progress' });
	await expect(bar).toBeVisible();
	// The bar follows the server's progress, not just its first notification.
	await expect
		.poll(async () => Number(await bar.getAttribute('value')), { timeout: 10_000 })
		.toBeGreaterThanOrEqual(3);
	await expect(page.getByText(/^\d+\.\d s$/)).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('Cancelled');
	// Cancelling is the person's own doing: no error box.
	await expect(page.getByRole('region', { name: 'Result' }).getByRole('alert')).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Result' }).getByRole('status')).toContainText(
		'Cancelled: Loupe sent notifications/cancelled for tools/call slow'
	);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(
		page
			.getByRole('region', { name: 'Traffic' })
			.getByRole('listitem')
			.filter({ hasText: 'notifications/cancelled' })
	).toHaveCount(1);
	await page.getByRole('tab', { name: 'Tools' }).click();
	await expect(page.getByRole('button', { name: 'Run tool' })).toBeEnabled();
});

test('switching tools while one runs: the other tool waits, its view shows no foreign progress or result', async ({
	page
}) => {
	await toolButton(page, 'slow').click();
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('steps', { exact: true })
		.fill('40');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
	await toolButton(page, 'echo').click();
	await expect(page.getByText('slow is running; one call at a time.')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Run tool' })).toBeDisabled();
	await expect(page.getByRole('region', { name: 'Result' })).toHaveCount(0);
	await toolButton(page, 'slow').click();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('Cancelled');
	await toolButton(page, 'echo').click();
	await expect(page.getByRole('region', { name: 'Result' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Run tool' })).toBeEnabled();
});

test('a legacy enumNames choice shows the names and sends the values', async ({ page }) => {
	// server-everything's elicitation form has one ("Legacy Titled Single Select Enum"); Loupe showed pet-1…
	await toolButton(page, 'types_demo').click();
	const form = page.getByRole('form', { name: 'Arguments' });
	const pet = form.getByLabel('pet', { exact: true });
	await expect(pet.getByRole('option', { name: 'Cats' })).toHaveCount(1);
	await expect(pet.getByRole('option', { name: 'pet-1' })).toHaveCount(0);
	await form.getByLabel('Name', { exact: true }).fill('Ada');
	await pet.selectOption({ label: 'Dogs' });
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('"pet": "pet-2"');
});
