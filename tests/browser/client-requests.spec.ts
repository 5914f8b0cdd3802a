/**
 * What the server asks of the person: sampling, form and URL elicitation, roots. Real demo server,
 * both protocol eras: /mcp negotiates 2026-07-28 (embedded input requests), /mcp-legacy speaks
 * 2025-11-25 (server→client JSON-RPC requests).
 */
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, trafficRows } from './fixtures';

const ERAS = [
	{ name: 'modern era (/mcp)', server: ENDPOINT.dual },
	{ name: 'legacy era (/mcp-legacy)', server: ENDPOINT.legacy }
];

async function runTool(page: Page, server: string, tool: string) {
	await openLoupe(page, { server, connect: true, tool });
	await expectConnected(page);
	await page.getByRole('button', { name: 'Run tool' }).click();
}

const pending = (page: Page) => page.getByRole('region', { name: 'Pending requests' });
const result = (page: Page) => page.getByRole('region', { name: 'Result' });

for (const era of ERAS) {
	test.describe(era.name, () => {
		test('sampling: the person edits the reply and the tool gets it', async ({ page }) => {
			await runTool(page, era.server, 'ask_llm');
			const panel = pending(page);
			await expect(panel).toContainText('sampling/createMessage');
			// How it arrived depends on the era.
			await expect(panel).toContainText(
				era.server === ENDPOINT.dual
					? 'input_required result (2026-07-28)'
					: 'JSON-RPC request (2025 era)'
			);
			// What the server sent is shown: messages, system prompt, preferences, limits.
			await expect(panel).toContainText('Say hello');
			await expect(panel).toContainText('You are a terse assistant.');
			await expect(panel).toContainText('claude-3-5-sonnet');
			await expect(panel).toContainText('200');
			await expect(panel).toContainText('"END"');
			await expect(page.getByRole('tab', { name: /Tools/ })).toBeVisible();
			await panel.getByRole('textbox', { name: 'Reply text' }).fill('Hello from a person');
			await panel.getByRole('textbox', { name: 'Model' }).fill('human-1');
			await panel.getByRole('button', { name: 'Send reply' }).click();
			await expect(result(page)).toContainText(
				'LLM reply (model human-1, stopReason endTurn): Hello from a person'
			);
			await expect(pending(page)).toHaveCount(0);
		});

		test('sampling: rejecting fails the tool call with the reason', async ({ page }) => {
			await runTool(page, era.server, 'ask_llm');
			await pending(page).getByRole('button', { name: 'Reject' }).click();
			await expect(result(page)).toContainText('Error');
			await expect(result(page)).toContainText('rejected');
		});

		test('form elicitation: defaults are prefilled and sent on Accept', async ({ page }) => {
			await runTool(page, era.server, 'ask_user');
			const form = pending(page).getByRole('form', { name: 'Elicitation form' });
			await expect(pending(page)).toContainText('Tell us about yourself.');
			await expect(form.getByLabel('Name')).toHaveValue('Ada');
			await expect(form.getByLabel('Age')).toHaveValue('36');
			await expect(form.getByRole('checkbox', { name: 'Subscribe' })).toBeChecked();
			// A multi-select is a checkbox per choice, its default ticked.
			await expect(form.getByRole('checkbox', { name: 'cheese', exact: true })).toBeChecked();
			await expect(form.getByRole('checkbox', { name: 'olives', exact: true })).not.toBeChecked();
			await form.getByRole('checkbox', { name: 'basil', exact: true }).check();
			await form.getByLabel('Name').fill('Grace');
			await form.getByRole('button', { name: 'Accept' }).click();
			const r = result(page);
			await expect(r).toContainText('action: accept');
			await expect(r).toContainText('"name":"Grace"');
			await expect(r).toContainText('"age":36');
			await expect(r).toContainText('"subscribe":true');
			await expect(r).toContainText('"color":"green"');
			await expect(r).toContainText('"toppings":["cheese","basil"]');
		});

		test('form elicitation: the time a person takes to answer does not time out the call', async ({
			page
		}) => {
			await openLoupe(page, { server: era.server, connect: true, tool: 'ask_user' });
			await expectConnected(page);
			await page.getByRole('button', { name: 'Settings' }).click();
			await page.getByRole('spinbutton', { name: 'Request timeout (s)' }).fill('1');
			await page.getByRole('spinbutton', { name: 'Maximum total timeout (s)' }).fill('2');
			await page.getByRole('button', { name: 'Settings' }).click();
			await page.getByRole('button', { name: 'Run tool' }).click();
			const form = pending(page).getByRole('form', { name: 'Elicitation form' });
			await expect(form.getByLabel('Name')).toHaveValue('Ada');
			await expect(pending(page)).not.toContainText('time out');
			// Longer than both the request timeout and the total ceiling.
			await page.waitForTimeout(3000);
			// Still waiting for the person: not withdrawn, no timeout shown.
			await expect(form).toBeVisible();
			await expect(
				page.getByText('did not answer the tools/call ask_user request in time')
			).toHaveCount(0);
			await form.getByLabel('Name').fill('Patient');
			await form.getByRole('button', { name: 'Accept' }).click();
			await expect(result(page)).toContainText('action: accept');
			await expect(result(page)).toContainText('"name":"Patient"');
			await expect(result(page)).toContainText('"age":36');
		});

		test('form elicitation: Decline and Cancel request send no content', async ({ page }) => {
			await runTool(page, era.server, 'ask_user');
			await pending(page).getByRole('button', { name: 'Decline' }).click();
			await expect(result(page)).toContainText('action: decline');
			await expect(result(page)).not.toContainText('content');
			await page.getByRole('button', { name: 'Run tool' }).click();
			await pending(page).getByRole('button', { name: 'Cancel request' }).click();
			await expect(result(page)).toContainText('action: cancel');
		});

		test('URL elicitation: nothing opens before consent; Open link opens the page in a new tab', async ({
			page,
			context
		}) => {
			const pages: string[] = [];
			context.on('page', (p) => pages.push(p.url()));
			await runTool(page, era.server, 'open_link');
			const panel = pending(page);
			await expect(panel).toContainText('Please open this page');
			await expect(panel).toContainText('Opens a page on 127.0.0.1');
			await expect(panel.getByLabel('Link address')).toContainText(
				`${new URL(era.server).origin}/?`
			);
			await page.waitForTimeout(300);
			expect(pages).toHaveLength(0);
			const popup = context.waitForEvent('page');
			await panel.getByRole('button', { name: 'Open link' }).click();
			const opened = await popup;
			await opened.waitForLoadState();
			expect(opened.url()).toContain(`${new URL(era.server).origin}/?`);
			// The opened page has no handle on Loupe.
			expect(await opened.evaluate(() => window.opener)).toBeNull();
			await expect(result(page)).toContainText('action: accept');
		});
	});
}

test('while a request waits beside the work, every tab can still be reached', async ({ page }) => {
	// From 1200 px wide, "Pending requests" takes a column of its own beside the tabs.
	await page.setViewportSize({ width: 1280, height: 800 });
	await runTool(page, ENDPOINT.legacy, 'ask_llm');
	await expect(pending(page)).toContainText('sampling/createMessage');
	for (const name of ['Auth', 'Traffic', 'Roots', 'Tools']) {
		const tab = page.getByRole('tab', { name, exact: true });
		await tab.click({ timeout: 5000 });
		await expect(tab).toHaveAttribute('aria-selected', 'true');
	}
	await expect(pending(page)).toContainText('sampling/createMessage');
});

test('legacy era: server requests and Loupe replies appear in Traffic with their method', async ({
	page
}) => {
	await runTool(page, ENDPOINT.legacy, 'ask_llm');
	await pending(page).getByRole('textbox', { name: 'Reply text' }).fill('ok');
	await pending(page).getByRole('button', { name: 'Send reply' }).click();
	await expect(result(page)).toContainText('LLM reply');
	await page.getByRole('tab', { name: /Traffic/ }).click();
	await expect(
		trafficRows(page).filter({ hasText: '←' }).filter({ hasText: 'sampling/createMessage' })
	).toHaveCount(1);
	await expect(
		trafficRows(page).filter({ hasText: '→' }).filter({ hasText: 'sampling/createMessage' })
	).toHaveCount(1);
});

test('legacy era: URL elicitation completion notification marks the item done', async ({
	page,
	context
}) => {
	await runTool(page, ENDPOINT.legacy, 'open_link');
	const popup = context.waitForEvent('page');
	await pending(page).getByRole('button', { name: 'Open link' }).click();
	await popup;
	await expect(pending(page)).toContainText('The server says this step is complete.');
});

test('-32042: the tool error puts the link before the person, then offers a retry', async ({
	page,
	context
}) => {
	await runTool(page, ENDPOINT.legacy, 'open_link_required');
	await expect(result(page)).toContainText('Error');
	const panel = pending(page);
	await expect(panel).toContainText('Authorize the demo service first.');
	await expect(panel.getByRole('button', { name: 'Retry open_link_required' })).toHaveCount(0);
	const popup = context.waitForEvent('page');
	await panel.getByRole('button', { name: 'Open link' }).click();
	await popup;
	await panel.getByRole('button', { name: 'Retry open_link_required' }).click();
	await expect(result(page)).toContainText('the call went through');
	// The link was for the failed attempt: once retried, its card is gone.
	await expect(panel).toHaveCount(0);
});

test('a javascript: link is refused and cannot be opened', async ({ page, context }) => {
	const pages: string[] = [];
	context.on('page', (p) => pages.push(p.url()));
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'open_link' });
	await expectConnected(page);
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('url', { exact: true })
		.fill('javascript:alert(1)');
	await page.getByRole('button', { name: 'Run tool' }).click();
	const panel = pending(page);
	await expect(panel.getByRole('alert')).toContainText('refuses to open javascript: links');
	await expect(panel.getByRole('button', { name: 'Open link' })).toBeDisabled();
	await panel.getByRole('button', { name: 'Decline' }).click();
	await expect(result(page)).toContainText('action: decline');
	expect(pages).toHaveLength(0);
});

for (const era of ERAS) {
	test(`roots: edited roots reach the server (${era.name})`, async ({ page }) => {
		await openLoupe(page, { server: era.server, connect: true, tool: 'list_roots' });
		await expectConnected(page);
		await page.getByRole('tab', { name: /Roots/ }).click();
		await page.getByRole('button', { name: 'Add root' }).click();
		const roots = page.getByRole('list', { name: 'Roots' });
		await roots.getByRole('textbox', { name: 'Root name 1' }).fill('Project');
		const uri = roots.getByRole('textbox', { name: 'Root URI 1' });
		await uri.fill('file:///home/ada/project');
		await uri.press('Tab');
		if (era.server === ENDPOINT.legacy)
			await expect(
				page.getByRole('status').filter({ hasText: 'Sent notifications/roots/list_changed.' })
			).toBeVisible();
		await page.getByRole('tab', { name: /Tools/ }).click();
		await page.getByRole('button', { name: 'Run tool' }).click();
		await expect(result(page)).toContainText('file:///home/ada/project');
		await expect(result(page)).toContainText('"name":"Project"');
		if (era.server === ENDPOINT.legacy) {
			await expect(result(page)).not.toContainText('list_changed notifications: 0');
			await page.getByRole('tab', { name: /Traffic/ }).click();
			await expect(
				trafficRows(page).filter({ hasText: 'notifications/roots/list_changed' }).first()
			).toBeVisible();
		}
	});
}

test('sampling with tools: the offered tools are shown and the person can answer with a tool use', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true, tool: 'ask_llm' });
	await expectConnected(page);
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByRole('checkbox', { name: 'withTools' })
		.check();
	await page.getByRole('button', { name: 'Run tool' }).click();
	const panel = pending(page);
	await expect(panel).toContainText('Tools offered');
	await expect(panel).toContainText('Current weather for a city');
	// Earlier rounds: an image, a tool use and its result.
	const messages = panel.getByRole('list', { name: 'Sampling messages' });
	await expect(messages.getByRole('img')).toBeVisible();
	await expect(messages).toContainText('Tool use');
	await expect(messages).toContainText('"city": "Paris"');
	await expect(messages).toContainText('18°C, cloudy');
	await panel.getByRole('radio', { name: 'Tool use' }).check();
	await panel.getByRole('textbox', { name: 'Tool input JSON' }).fill('{"city":"Lyon"}');
	await panel.getByRole('button', { name: 'Send reply' }).click();
	await expect(result(page)).toContainText(
		'stopReason toolUse): tool_use get_weather {"city":"Lyon"}'
	);
});

test('after opening a -32042 link, Loupe says to retry rather than wait for a completion that may never come', async ({
	page,
	context
}) => {
	// The reference "everything" server sends no notifications/elicitation/complete for its -32042 link.
	await runTool(page, ENDPOINT.legacy, 'open_link_required');
	const panel = pending(page);
	const popup = context.waitForEvent('page');
	await panel.getByRole('button', { name: 'Open link' }).click();
	await popup;
	await expect(panel).toContainText('Finish in the page that opened, then retry the call.');
	await expect(panel).not.toContainText('Waiting for the server to confirm');
	await expect(panel.getByRole('button', { name: 'Retry open_link_required' })).toBeVisible();
});
