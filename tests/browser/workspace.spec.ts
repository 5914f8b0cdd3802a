/**
 * The workspace: several servers at once, each with its own connection, sign-in, stores, pending
 * requests and traffic; the list survives a reload. Real demo servers of each era, and the real
 * OAuth server for one of them.
 */
import { expect, test, type Page } from '@playwright/test';
import { APP_PORT } from '../../playwright.config';
import { ENDPOINT, MCP, expectConnected, signInWithPopup, status, toolButton } from './fixtures';

const servers = (page: Page) =>
	page.getByRole('region', { name: 'Servers' }).getByRole('list', { name: 'Servers' });
/** The list item of the server with exactly this name. */
const serverItem = (page: Page, name: string) =>
	servers(page)
		.getByRole('listitem')
		.filter({ has: page.getByRole('button', { name, exact: true }) });
const urlBox = (page: Page) => page.getByRole('textbox', { name: 'Server URL' });

/** Opens the three demo endpoints of different eras by one deep link (server= repeated). */
async function openThree(page: Page) {
	const params = new URLSearchParams();
	for (const url of [ENDPOINT.dual, ENDPOINT.legacy, ENDPOINT.sse]) params.append('server', url);
	params.set('connect', '1');
	await page.goto(`/?${params}`);
	await expect(servers(page).getByRole('listitem')).toHaveCount(3);
	// All three connect; equal server names get a suffix.
	for (const name of ['Loupe demo server', 'Loupe demo server (2)', 'Loupe demo server (3)'])
		await expect(serverItem(page, name)).toContainText('Connected');
	// Equal names, told apart by their URLs.
	await expect(serverItem(page, 'Loupe demo server (3)')).toContainText(ENDPOINT.sse);
}

test('three servers of different eras stay connected side by side; selecting one shows its own work', async ({
	page
}) => {
	await openThree(page);
	// The first server of the link is selected.
	await expect(urlBox(page)).toHaveValue(ENDPOINT.dual);
	await expectConnected(page);

	await serverItem(page, 'Loupe demo server (3)').getByRole('button').first().click();
	await expect(urlBox(page)).toHaveValue(ENDPOINT.sse);
	await expectConnected(page);
	await expect(page.getByRole('region', { name: 'Server', exact: true })).toContainText(
		'Legacy HTTP+SSE'
	);
	// The others are still connected meanwhile.
	await expect(serverItem(page, 'Loupe demo server')).toContainText('Connected');

	// Each server keeps its own results.
	await toolButton(page, 'echo').click();
	await page
		.getByRole('textbox', { name: /message/ })
		.first()
		.fill('only on sse');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('only on sse');
	await serverItem(page, 'Loupe demo server').getByRole('button').first().click();
	await expect(urlBox(page)).toHaveValue(ENDPOINT.dual);
	await toolButton(page, 'echo').click();
	await expect(page.getByRole('region', { name: 'Result' })).toHaveCount(0);

	// Traffic is the selected server's.
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(page.getByRole('region', { name: 'Traffic' })).toContainText('server/discover');
	await expect(page.getByRole('region', { name: 'Traffic' })).not.toContainText('only on sse');

	// "All servers": every server's messages in one list, each row naming its server.
	const serverBox = page.getByRole('combobox', { name: 'Server', exact: true });
	await expect(serverBox).toHaveValue('selected');
	await serverBox.selectOption({ label: 'All servers' });
	const rows = page.getByRole('region', { name: 'Traffic' }).getByRole('listitem');
	await expect(
		rows.filter({ hasText: 'Loupe demo server (3)' }).filter({ hasText: 'tools/call' }).first()
	).toBeVisible();
	await expect(rows.filter({ hasText: 'Loupe demo server (2)' }).first()).toBeVisible();
	await page.getByRole('searchbox', { name: 'Filter traffic' }).fill('server/discover');
	// Auto probed server/discover on the two Streamable HTTP servers (not on legacy SSE): each row names its server.
	await expect(rows.filter({ hasText: 'Loupe demo server (2)' }).first()).toBeVisible();
	await page.getByRole('searchbox', { name: 'Filter traffic' }).fill('only on sse');
	await expect(rows.filter({ hasText: 'tools/call' })).toHaveCount(2);
	await expect(rows.filter({ hasText: 'tools/call' }).first()).toContainText(
		'Loupe demo server (3)'
	);
});

test('a request from a server that is not selected is announced with its name, and one click shows it', async ({
	page
}) => {
	await openThree(page);
	await serverItem(page, 'Loupe demo server (2)').getByRole('button').first().click();
	await toolButton(page, 'ask_llm').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Pending requests' })).toContainText(
		'sampling/createMessage'
	);

	await serverItem(page, 'Loupe demo server (3)').getByRole('button').first().click();
	await expect(page.getByRole('region', { name: 'Pending requests' })).toHaveCount(0);
	const waiting = page.getByRole('status', { name: 'Other servers waiting' });
	await expect(waiting).toContainText(
		'Loupe demo server (2) is waiting for your answer to a sampling request.'
	);
	await expect(serverItem(page, 'Loupe demo server (2)')).toContainText('1 waiting');

	await waiting.getByRole('button', { name: 'Show Loupe demo server (2)' }).click();
	await expect(urlBox(page)).toHaveValue(ENDPOINT.legacy);
	const panel = page.getByRole('region', { name: 'Pending requests' });
	await panel.getByRole('textbox', { name: 'Reply text' }).fill('from the workspace');
	await panel.getByRole('button', { name: 'Send reply' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('from the workspace');
	await expect(waiting).not.toContainText('waiting for your answer');
});

test('one server signed in with OAuth beside an open one; add, remove, and a reload keeps the list without secrets', async ({
	page
}) => {
	await page.goto(`/?server=${encodeURIComponent(ENDPOINT.legacy)}&connect=1`);
	await expectConnected(page);

	await page.getByRole('button', { name: 'Add server' }).click();
	await expect(servers(page).getByRole('listitem')).toHaveCount(2);
	await expect(urlBox(page)).toHaveValue('');
	await urlBox(page).fill(`${MCP}/mcp-oauth`);
	await page.getByRole('button', { name: 'Connect' }).click();
	await expect(status(page)).toContainText('Sign-in required');
	await signInWithPopup(page);
	await expectConnected(page);
	await expect(status(page)).toContainText('Signed in');
	// The first server was not touched by the other's sign-in.
	await expect(serverItem(page, 'Loupe demo server')).toContainText('Connected');

	await page.getByRole('button', { name: 'Add server' }).click();
	await urlBox(page).fill(`${MCP}/mcp-token?api_key=secret-in-url`);
	await expect(servers(page).getByRole('listitem')).toHaveCount(3);
	await page.getByRole('button', { name: 'Remove server' }).click();
	await expect(servers(page).getByRole('listitem')).toHaveCount(2);

	await page.reload();
	await expect(servers(page).getByRole('listitem')).toHaveCount(2);
	// The link's server=…&connect=1 selects its entry again (no duplicate) and connects it; the other
	// is offered, not connected, under the name its server gave (kept from serverInfo).
	await expect(serverItem(page, 'Loupe demo server')).toContainText('Connected');
	await expect(urlBox(page)).toHaveValue(ENDPOINT.legacy);
	await expect(serverItem(page, 'Loupe demo server (2)')).toContainText('Disconnected');
	const stored = await page.evaluate(() => localStorage.getItem('loupe:workspace') ?? '');
	expect(stored).toContain('/mcp-oauth');
	expect(stored).not.toContain('secret-in-url');
	expect(stored).not.toMatch(/token|Bearer/i);
});

test('the Servers list is one Tab stop with arrow keys', async ({ page }) => {
	await openThree(page);
	const first = servers(page).getByRole('button', { name: 'Loupe demo server', exact: true });
	await first.focus();
	await page.keyboard.press('ArrowDown');
	await expect(servers(page).getByRole('button', { name: 'Loupe demo server (2)' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(urlBox(page)).toHaveValue(ENDPOINT.legacy);
});

test('Import config takes the Claude, VS Code and Cursor shapes; bad JSON imports nothing; Export config writes no secret', async ({
	page
}) => {
	await page.goto('/');
	const importConfig = async (config: unknown) => {
		await page.getByRole('button', { name: 'Import config' }).click();
		const dialog = page.getByRole('dialog', { name: 'Import config' });
		await dialog
			.getByRole('textbox', { name: 'Config JSON' })
			.fill(typeof config === 'string' ? config : JSON.stringify(config, null, 2));
		await dialog.getByRole('button', { name: 'Import', exact: true }).click();
		return dialog;
	};

	// Bad JSON: a sentence naming the place, nothing imported.
	let dialog = await importConfig('{\n  "mcpServers": {\n    "a": { "url": "x" },\n  }\n}');
	await expect(dialog.getByRole('alert')).toHaveText(
		'The config is not valid JSON at line 4, column 3 (at `}`). Nothing was imported.'
	);
	await dialog.getByRole('button', { name: 'Close' }).click();
	await expect(servers(page).getByRole('listitem')).toHaveCount(1);

	// Claude Desktop: a URL entry with a header, a stdio entry, an unusable one.
	dialog = await importConfig({
		mcpServers: {
			legacy: {
				type: 'http',
				url: ENDPOINT.token,
				headers: { Authorization: 'Bearer demo-token' }
			},
			everything: {
				command: 'npx',
				args: ['-y', '@modelcontextprotocol/server-everything', 'stdio'],
				env: { API_KEY: 'sk-never-shown' }
			},
			broken: { url: 'javascript:alert(1)' }
		}
	});
	await expect(dialog.getByRole('status')).toHaveText('Added 1 server: legacy.');
	await expect(dialog.getByRole('list', { name: 'Local commands' })).toContainText(
		`npm run bridge -- --loupe http://127.0.0.1:${APP_PORT}/ --env 'API_KEY=<API_KEY>' npx -y @modelcontextprotocol/server-everything stdio`
	);
	await expect(dialog).not.toContainText('sk-never-shown');
	await expect(dialog.getByRole('list', { name: 'Entries not imported' })).toContainText(
		'broken: mcpServers.broken.url must start with http:// or https:// (it is javascript:).'
	);
	await dialog.getByRole('button', { name: 'Close' }).click();
	// The empty first entry was filled, and the header works (the token endpoint needs it).
	await expect(servers(page).getByRole('listitem')).toHaveCount(1);
	await expect(urlBox(page)).toHaveValue(ENDPOINT.token);
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);

	// VS Code and Cursor shapes.
	dialog = await importConfig({ servers: { vs: { type: 'sse', url: ENDPOINT.sse } } });
	await expect(dialog.getByRole('status')).toHaveText('Added 1 server: vs.');
	await dialog.getByRole('button', { name: 'Close' }).click();
	dialog = await importConfig({ mcpServers: { cursor: { url: ENDPOINT.legacy } } });
	await expect(dialog.getByRole('status')).toHaveText('Added 1 server: cursor.');
	await dialog.getByRole('button', { name: 'Close' }).click();
	await expect(servers(page).getByRole('listitem')).toHaveCount(3);
	await expect(serverItem(page, 'vs')).toContainText('Disconnected');
	await expect(page.getByRole('combobox', { name: 'Transport' })).toHaveValue('auto');
	await serverItem(page, 'vs').getByRole('button').first().click();
	await expect(page.getByRole('combobox', { name: 'Transport' })).toHaveValue('sse');

	// Export: the chosen shape, names and URLs, never the header.
	await page.getByRole('combobox', { name: 'Export as' }).selectOption('vscode');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export config' }).click();
	const file = await (await download).path();
	const { readFile } = await import('node:fs/promises');
	const exported = JSON.parse(await readFile(file, 'utf8'));
	expect(Object.keys(exported.servers)).toEqual(['Loupe demo server', 'vs', 'cursor']);
	expect(exported.servers.vs).toEqual({ type: 'sse', url: ENDPOINT.sse });
	expect(JSON.stringify(exported)).not.toContain('demo-token');
});

test('six servers on one host use up the browser connections to it: a stalled call says so', async ({
	page
}) => {
	// Each 2026-07-28 connection keeps its subscriptions/listen stream open: one connection each.
	const params = new URLSearchParams();
	for (let i = 1; i <= 6; i++) params.append('server', `${ENDPOINT.dual}?copy=${i}`);
	params.set('connect', '1');
	await page.goto(`/?${params}`);
	await expect(servers(page).getByRole('listitem')).toHaveCount(6);
	// Every server connected, and every listen stream open (each holds one connection).
	for (const name of ['', ' (2)', ' (3)', ' (4)', ' (5)', ' (6)']) {
		await serverItem(page, `Loupe demo server${name}`).getByRole('button').first().click();
		await expect(
			page
				.getByRole('region', { name: 'Server', exact: true })
				.getByRole('status', { name: 'Listen stream' })
		).toContainText('Open', { timeout: 20_000 });
	}
	await serverItem(page, 'Loupe demo server').getByRole('button').first().click();
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('spinbutton', { name: 'Request timeout (s)' }).fill('2');
	await page.getByRole('button', { name: 'Settings' }).click();
	await toolButton(page, 'add').click();
	await page.getByRole('spinbutton', { name: /^a\b/ }).fill('1');
	await page.getByRole('spinbutton', { name: /^b\b/ }).fill('2');
	await page.getByRole('button', { name: 'Run tool' }).click();
	const result = page.getByRole('region', { name: 'Result' });
	await expect(result).toContainText('did not answer the tools/call add request in time', {
		timeout: 15_000
	});
	await expect(result).toContainText(`5 other connected servers in this tab use ${MCP}`);
	await expect(result).toContainText('Disconnect one of them');
	// It is the browser's limit, not the server: with one server gone, the call goes through.
	await serverItem(page, 'Loupe demo server (6)').getByRole('button').first().click();
	await serverItem(page, 'Loupe demo server (6)')
		.getByRole('button', { name: 'Remove server' })
		.click();
	await expect(servers(page).getByRole('listitem')).toHaveCount(5);
	await serverItem(page, 'Loupe demo server').getByRole('button').first().click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(result.getByText('OK', { exact: true })).toBeVisible({ timeout: 15_000 });
	await expect(result.locator('pre').getByText('3', { exact: true })).toBeVisible();
	await expect(result).not.toContainText('did not answer');
});
