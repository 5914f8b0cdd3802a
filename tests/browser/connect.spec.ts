/**
 * The main path, per transport and protocol era: open by deep link, connect, list tools, fill a
 * nested form with an array of objects and a oneOf, run, see the result, see the request and
 * response in Traffic with their raw JSON.
 */
import { expect, test, type Page } from '@playwright/test';
import {
	ENDPOINT,
	expectConnected,
	openLoupe,
	toolButton,
	trafficRows,
	watchPageErrors
} from './fixtures';

const cases = [
	{
		title: 'Streamable HTTP, 2026-07-28 era',
		server: ENDPOINT.dual,
		transport: 'auto',
		protocol: /2026-07-28/,
		kind: 'Streamable HTTP'
	},
	{
		title: 'Streamable HTTP, 2025-11-25 era with a session',
		server: ENDPOINT.legacy,
		transport: 'streamable-http',
		protocol: /2025-11-25/,
		kind: 'Streamable HTTP'
	},
	{
		title: 'legacy HTTP+SSE',
		server: ENDPOINT.sse,
		transport: 'sse',
		protocol: /2025-11-25/,
		kind: 'Legacy HTTP+SSE'
	},
	{
		title: 'auto falling back to legacy SSE',
		server: ENDPOINT.sse,
		transport: 'auto',
		protocol: /2025-11-25/,
		kind: 'Legacy HTTP+SSE'
	}
] as const;

async function fillOrder(page: Page) {
	const form = page.getByRole('form', { name: 'Arguments' });
	await form.getByLabel('name', { exact: true }).fill('Ada Lovelace');
	await form.getByLabel('street', { exact: true }).fill('12 Analytical Row');
	await form.getByLabel('city', { exact: true }).fill('London');
	// minItems: 1, so the form starts with one item; add a second.
	const first = form.getByRole('group', { name: 'Items 1' });
	await first.getByLabel('sku', { exact: true }).fill('ENGINE-1');
	await first.getByLabel('quantity', { exact: true }).fill('3');
	await form.getByRole('button', { name: 'Add item' }).click();
	const second = form.getByRole('group', { name: 'Items 2' });
	await second.getByLabel('sku', { exact: true }).fill('CARD-2');
	await second.getByLabel('quantity', { exact: true }).fill('2');
	await form.getByLabel('number', { exact: true }).fill('4242 4242 4242 4242');
}

for (const c of cases) {
	test(`connects and runs a tool over ${c.title}`, async ({ page }) => {
		const errors = watchPageErrors(page);
		await openLoupe(page, {
			server: c.server,
			transport: c.transport,
			connect: true,
			tool: 'create_order'
		});
		await expectConnected(page);

		const server = page.getByRole('region', { name: 'Server', exact: true });
		await expect(server).toContainText('loupe-demo');
		await expect(server).toContainText('1.0.0');
		await expect(server).toContainText(c.protocol);
		await expect(server).toContainText(c.kind);

		await expect(toolButton(page, 'create_order')).toBeVisible();
		await expect(toolButton(page, 'echo')).toBeVisible();
		await fillOrder(page);
		await page.getByRole('button', { name: 'Run tool' }).click();

		const result = page.getByRole('region', { name: 'Result' });
		await expect(result).toContainText('Order for Ada Lovelace: 2 items');
		await expect(result).toContainText('structuredContent matches outputSchema');
		await expect(result).not.toContainText('Error');

		await page.getByRole('tab', { name: 'Traffic' }).click();
		const sent = trafficRows(page).filter({ hasText: '→' }).filter({ hasText: 'tools/call' });
		const received = trafficRows(page).filter({ hasText: '←' }).filter({ hasText: 'tools/call' });
		await expect(sent).toHaveCount(1);
		await expect(received).toHaveCount(1);
		await received.click();
		const message = page.getByRole('region', { name: 'Message' });
		// The exact text as it came over the wire (the UI contract's raw JSON text), then pretty-printed on request.
		await expect(message).toContainText('"jsonrpc":"2.0"');
		await expect(message).toContainText('Order for Ada Lovelace');
		await message.getByRole('button', { name: 'Pretty' }).click();
		await expect(message).toContainText('"jsonrpc": "2.0"');
		await sent.click();
		await expect(message).toContainText('"name": "create_order"');
		await expect(message).toContainText('"sku": "ENGINE-1"');
		await expect(message).toContainText('"quantity": 3');
		await expect(message).toContainText('"sku": "CARD-2"');
		await expect(message).toContainText('"type": "card"');
		expect(errors).toEqual([]);
	});
}

test('Disconnect ends the session and the app can connect again', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
	await page.getByRole('button', { name: 'Disconnect' }).click();
	await expect(page.getByRole('status', { name: 'Connection status' })).toContainText(
		'Disconnected'
	);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
	await expect(trafficRows(page).filter({ hasText: 'DELETE' })).toHaveCount(1);
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
});

test('a narrow window still connects, runs a tool and shows the result without sideways scrolling', async ({
	page
}) => {
	await page.setViewportSize({ width: 420, height: 860 });
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'echo' });
	await expectConnected(page);
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('message', { exact: true })
		.fill('small screen');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('Echo: small screen');
	const overflow = await page.evaluate(
		() =>
			[...document.querySelectorAll('body *')].filter((el) => {
				const r = el.getBoundingClientRect();
				return (
					r.width > 0 &&
					r.right > window.innerWidth + 1 &&
					getComputedStyle(el).position !== 'absolute'
				);
			}).length
	);
	expect(overflow).toBe(0);
});

test('a reload keeps the server URL and transport of this tab, not its token', async ({ page }) => {
	await openLoupe(page);
	await page.getByRole('textbox', { name: 'Server URL' }).fill(ENDPOINT.legacy);
	await page.getByRole('combobox', { name: 'Transport' }).selectOption('streamable-http');
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('textbox', { name: 'Bearer token' }).fill('never-stored');
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
	await page.reload();
	await expect(page.getByRole('textbox', { name: 'Server URL' })).toHaveValue(ENDPOINT.legacy);
	await expect(page.getByRole('combobox', { name: 'Transport' })).toHaveValue('streamable-http');
	await page.getByRole('button', { name: 'Settings' }).click();
	await expect(page.getByRole('textbox', { name: 'Bearer token' })).toHaveValue('');
	const stored = await page.evaluate(
		() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage })
	);
	expect(stored).not.toContain('never-stored');
});

test('Enter in the settings connects with them, also when headers are set', async ({ page }) => {
	const errors = watchPageErrors(page);
	await openLoupe(page, { server: ENDPOINT.token });
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('button', { name: 'Add header' }).click();
	await page.getByRole('textbox', { name: 'Header name 1' }).fill('X-Api-Key');
	await page.getByRole('textbox', { name: 'Header value 1' }).fill('anything');
	await page.getByRole('textbox', { name: 'Bearer token' }).fill('demo-token');
	await page.getByRole('textbox', { name: 'Bearer token' }).press('Enter');
	await expectConnected(page);
	expect(errors).toEqual([]);
});

test('a header name that is not a token is refused with a sentence', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy });
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('button', { name: 'Add header' }).click();
	await page.getByRole('textbox', { name: 'Header name 1' }).fill('Bad Header');
	await page.getByRole('button', { name: 'Connect' }).click();
	await expect(page.getByRole('alert')).toContainText(
		'"Bad Header" is not a valid HTTP header name'
	);
});
