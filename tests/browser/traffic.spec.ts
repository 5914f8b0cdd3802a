/** Traffic: every message, what each row is about, filters, connection boundaries, the keyboard, export without secrets, bursts. */
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { ENDPOINT, expectConnected, openLoupe, toolButton, trafficRows } from './fixtures';

/** The lines that mark where a connection starts (list items without a button). */
const boundaries = (page: Page) =>
	page
		.getByRole('region', { name: 'Traffic' })
		.getByRole('listitem')
		.filter({ hasNot: page.getByRole('button') });
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** The row of a message: "→ request tools/call add". */
const messageRow = (page: Page, arrow: '→' | '←', kind: string, what: string) =>
	trafficRows(page).filter({
		hasText: new RegExp(`${arrow}\\s*${kind}\\s*${escape(what)}(?![\\w/])`)
	});

async function runTool(
	page: Page,
	name: string,
	args: Record<string, string>,
	expected: string | RegExp
) {
	await page.getByRole('tab', { name: 'Tools' }).click();
	await toolButton(page, name).click();
	const form = page.getByRole('form', { name: 'Arguments' });
	for (const [field, value] of Object.entries(args))
		await form.getByLabel(field, { exact: true }).fill(value);
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText(expected, {
		timeout: 20_000
	});
}

test('filters by text and direction', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(trafficRows(page).filter({ hasText: 'initialize' }).first()).toBeVisible();
	await page.getByRole('searchbox', { name: 'Filter traffic' }).fill('tools/list');
	await expect(trafficRows(page)).toHaveCount(2);
	// The connection's boundary stays above its matches.
	await expect(boundaries(page)).toHaveCount(1);
	await expect(boundaries(page)).toContainText(`Connected to ${ENDPOINT.legacy}`);
	await page.getByRole('combobox', { name: 'Direction' }).selectOption('received');
	await expect(trafficRows(page)).toHaveCount(1);
	await expect(trafficRows(page).first()).toContainText('←');
});

test('Export traffic downloads every message as JSON, with no secret in it', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, tool: 'log_burst' });
	await page.getByRole('button', { name: 'Settings' }).click();
	await page.getByRole('textbox', { name: 'Bearer token' }).fill('sk-very-secret-token');
	await page.getByRole('button', { name: 'Add header' }).click();
	await page.getByRole('textbox', { name: 'Header name 1' }).fill('X-Api-Key');
	await page.getByRole('textbox', { name: 'Header value 1' }).fill('custom-header-secret');
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
	// More messages than the virtual list shows at once.
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('count', { exact: true })
		.fill('300');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('sent 300');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const counter = page.getByRole('region', { name: 'Traffic' }).getByText(/^[\d,]+ of [\d,]+$/);
	const rows = Number((await counter.textContent())!.split(' of ')[0].replace(/,/g, ''));
	expect(rows).toBeGreaterThan(300);

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export traffic' }).click();
	const file = await (await download).path();
	const text = await readFile(file, 'utf8');
	const exported = JSON.parse(text) as {
		entries: { type: string; method?: string; requestHeaders?: Record<string, string> }[];
	};
	const messages = exported.entries.filter((e) => e.type === 'message');
	expect(messages.length).toBe(rows);
	expect(messages.map((m) => m.method)).toContain('initialize');
	// Which connection each message belongs to: its number, and the boundary where it starts.
	const connections = exported.entries.filter((e) => e.type === 'connection') as unknown as {
		url: string;
		state: string;
		connection: number;
	}[];
	expect(connections).toMatchObject([{ url: ENDPOINT.legacy, state: 'connected', connection: 1 }]);
	expect(exported.entries[0].type).toBe('connection');
	expect(messages.every((m) => (m as unknown as { connection: number }).connection === 1)).toBe(
		true
	);
	const posts = exported.entries.filter((e) => e.type === 'http');
	expect(posts.length).toBeGreaterThan(0);
	expect(posts[0].requestHeaders?.authorization).toBe('Bearer ••••••');
	expect(posts[0].requestHeaders?.['x-api-key']).toBe('••••••');
	expect(text).not.toContain('sk-very-secret-token');
	expect(text).not.toContain('custom-header-secret');
});

test('Export traffic says it is working while it builds a large export, then offers all of it', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'log_burst' });
	await expectConnected(page);
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('count', { exact: true })
		.fill('5000');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('sent 5000');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const button = page
		.getByRole('region', { name: 'Traffic' })
		.getByRole('button', { name: 'Export traffic', exact: true });
	// What the button shows at each change, as a person would see it.
	await button.evaluate((b: HTMLButtonElement) => {
		const seen: { text: string; disabled: boolean }[] = [];
		(window as unknown as { exportStates: typeof seen }).exportStates = seen;
		new MutationObserver(() =>
			seen.push({ text: b.textContent!.trim(), disabled: b.disabled })
		).observe(b, {
			attributes: true,
			childList: true,
			characterData: true,
			subtree: true
		});
	});
	const download = page.waitForEvent('download');
	await button.click();
	const text = await readFile(await (await download).path(), 'utf8');
	await expect(button).toBeEnabled();
	await expect(button).toHaveText('Export traffic');
	const states = await page.evaluate(
		() => (window as unknown as { exportStates: unknown[] }).exportStates
	);
	expect(states).toContainEqual({ text: 'Exporting…', disabled: true });
	const exported = JSON.parse(text) as { entries: { method?: string }[] };
	expect(exported.entries.filter((e) => e.method === 'notifications/message')).toHaveLength(5000);
});

test('a burst of 2,000 log notifications during one call all appear', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'log_burst' });
	await expectConnected(page);
	await expect(page.getByRole('form', { name: 'Arguments' })).toBeVisible();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('sent 2000');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await page.getByRole('combobox', { name: 'Method' }).selectOption('notifications/message');
	await expect(page.getByRole('region', { name: 'Traffic' })).toContainText('2,000 of');
	// The list is virtual: the newest notification is on screen, not all 2,000 rows.
	await expect(trafficRows(page).filter({ hasText: 'notifications/message' }).last()).toBeVisible();
	expect(await trafficRows(page).count()).toBeLessThan(200);
});

test('messages the SDK refuses still appear in Traffic, marked invalid', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.offSpec, transport: 'streamable-http', connect: true });
	await expectConnected(page);
	// Two tools share a name: both are listed, the second flagged.
	const tools = page
		.getByRole('list', { name: 'Tools' })
		.getByRole('button', { name: /^odd_result/ });
	await expect(tools).toHaveCount(2);
	await expect(tools.nth(1)).toContainText('schema issue');
	await tools.first().click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText(
		'"content" is not an array.'
	);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const invalid = trafficRows(page).filter({ hasText: 'invalid' });
	// The garbage, and a log message with a member JSON-RPC does not define.
	await expect(invalid).toHaveCount(2);
	await invalid.first().click();
	await expect(page.getByRole('region', { name: 'Message' })).toContainText('this is not JSON {');
	const log = trafficRows(page)
		.filter({ hasText: '←' })
		.filter({ hasText: 'notifications/message' });
	await expect(log).toHaveCount(1);
	await expect(log).toContainText('invalid');
	await expect(log).toContainText('A member JSON-RPC does not define: "surplus".');
});

test('a row says what it is about, with its id, size and latency; filtering by the tool finds the request and its response', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	await runTool(page, 'add', { a: '2', b: '3' }, '5');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const request = messageRow(page, '→', 'request', 'tools/call add');
	const response = messageRow(page, '←', 'response', 'tools/call add');
	await expect(request).toHaveCount(1);
	await expect(request).toContainText(/#\d+/);
	await expect(request).toContainText(/\d+ B/);
	await expect(response).toContainText(/#\d+\s*\d+ B\s*[\d,]+ ms/);

	// The answer ({"sum":5}) does not name the tool: it is found as the request's pair.
	const filter = page.getByRole('searchbox', { name: 'Filter traffic' });
	await filter.fill('add');
	await expect(request).toBeVisible();
	await expect(response).toBeVisible();
	// And the other way round: text only the answer has finds the request too.
	await filter.fill('"sum":5');
	await expect(trafficRows(page)).toHaveCount(2);
	await expect(request).toBeVisible();
	await expect(response).toBeVisible();

	// An HTTP row shows the Mcp-Method and Mcp-Name headers of its request (2026-07-28 era).
	await filter.fill('add');
	await page.getByRole('combobox', { name: 'Show' }).selectOption('all');
	await expect(
		trafficRows(page).filter({ hasText: /⇄\s*http\s*POST\s*tools\/call add\b/ })
	).toHaveCount(1);
});

test('rows keep one line and every column with a 5-digit latency and a long URI, at three window sizes', async ({
	page
}) => {
	test.setTimeout(60_000);
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	await runTool(page, 'slow', { steps: '1', delayMs: '10200' }, 'done after 1 steps');
	await page.getByRole('tab', { name: 'Resources' }).click();
	await page
		.getByRole('list', { name: 'Resource templates' })
		.getByRole('button', { name: /File by path/ })
		.click();
	const longPath = 'a-very-long-directory-name/' + 'with-many-segments/'.repeat(8) + 'file.txt';
	const form = page.getByRole('form', { name: 'Template variables' });
	await form.getByLabel('path', { exact: true }).fill(longPath);
	await form.getByRole('button', { name: 'Read' }).click();
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const slow = messageRow(page, '←', 'response', 'tools/call slow');
	await expect(slow).toContainText(/1\d,\d{3} ms/);
	await expect(
		messageRow(page, '→', 'request', 'resources/read demo://files/a-very-long')
	).toHaveCount(1);

	/** Every row in view: one line high, its columns side by side, sizes and latencies shown whole. */
	const layoutProblems = () =>
		page.getByRole('list', { name: 'Messages' }).evaluate((list) => {
			const problems: string[] = [];
			for (const button of list.querySelectorAll<HTMLElement>('[role="listitem"] > button')) {
				const row = button.getBoundingClientRect();
				const name = (button.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
				if (row.height > 30) problems.push(`"${name}" is ${row.height}px high`);
				const cells = [...button.children].filter(
					(c) => c.getBoundingClientRect().width > 0
				) as HTMLElement[];
				let right = row.left;
				for (const cell of cells) {
					const box = cell.getBoundingClientRect();
					if (box.left < right - 0.5 || box.right > row.right + 0.5)
						problems.push(`"${name}": "${cell.textContent}" overlaps or overflows`);
					right = box.right;
				}
				// Sizes and latencies are never cut (long ids, methods and URIs end in an ellipsis).
				for (const cell of cells.filter((c) =>
					/^\s*[\d.,]+ (B|KB|MB|ms|s)\s*$/.test(c.textContent ?? '')
				)) {
					if (cell.scrollWidth > cell.clientWidth + 0.5)
						problems.push(`"${name}": "${cell.textContent}" is cut`);
				}
			}
			return problems;
		});
	for (const [width, height] of [
		[1280, 800],
		[1920, 1080],
		[800, 900]
	]) {
		await page.setViewportSize({ width, height });
		await expect(slow).toBeVisible();
		expect(await layoutProblems(), `${width}x${height}`).toEqual([]);
	}
	// With the message open beside (or under) the list, the narrower rows hold too.
	await slow.click();
	await expect(page.getByRole('region', { name: 'Message' })).toContainText('done after 1 steps');
	for (const [width, height] of [
		[800, 900],
		[1280, 800]
	]) {
		await page.setViewportSize({ width, height });
		await expect(slow).toBeVisible();
		expect(await layoutProblems(), `${width}x${height} with the message open`).toEqual([]);
	}
});

test('a new connection starts a boundary in Traffic and in Logs; filtered, each connection keeps its own', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual, connect: true });
	await expectConnected(page);
	await expect(toolButton(page, 'echo')).toBeVisible();
	await page.getByRole('button', { name: 'Disconnect' }).click();
	await page.getByRole('textbox', { name: 'Server URL' }).fill(ENDPOINT.legacy);
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
	await expect(toolButton(page, 'echo')).toBeVisible();

	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(boundaries(page)).toHaveCount(2);
	await expect(boundaries(page).first()).toContainText(
		`Connected to ${ENDPOINT.dual} · loupe-demo`
	);
	await expect(boundaries(page).first()).toContainText('2026-07-28');
	await expect(boundaries(page).last()).toContainText(
		`Connected to ${ENDPOINT.legacy} · loupe-demo`
	);
	await expect(boundaries(page).last()).toContainText('2025-11-25');

	// Filtered: the matches of each connection stay under its own boundary.
	await page.getByRole('searchbox', { name: 'Filter traffic' }).fill('tools/list');
	const lines = await page
		.getByRole('list', { name: 'Messages' })
		.getByRole('listitem')
		.allTextContents();
	const shape = lines.map((line) =>
		line.includes('Connected to')
			? line.match(/Connected to (\S+)/)![1]
			: line.includes('→')
				? '→'
				: '←'
	);
	expect(shape).toEqual([ENDPOINT.dual, '→', '←', ENDPOINT.legacy, '→', '←']);

	// Connecting again to the same server starts another one.
	await page.getByRole('button', { name: 'Disconnect' }).click();
	await page.getByRole('button', { name: 'Connect' }).click();
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(boundaries(page)).toHaveCount(3);

	await page.getByRole('tab', { name: 'Logs' }).click();
	const logLines = page.getByRole('list', { name: 'Log messages' }).getByRole('listitem');
	await expect(
		logLines.filter({ hasText: `Connected to ${ENDPOINT.dual} · loupe-demo` })
	).toHaveCount(1);
	await expect(
		logLines.filter({ hasText: `Connected to ${ENDPOINT.legacy} · loupe-demo` })
	).toHaveCount(2);
	// Boundaries are not log messages.
	await expect(page.getByRole('region', { name: 'Logs' })).toContainText('0 of 0');
});

test('arrow keys, Home and End move the selection through Traffic and show each message; the list is one Tab stop', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'log_burst' });
	await expectConnected(page);
	// More rows than the virtual list shows at once.
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('count', { exact: true })
		.fill('300');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('sent 300');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const rows = trafficRows(page);
	const message = page.getByRole('region', { name: 'Message' });
	const selected = page
		.getByRole('list', { name: 'Messages' })
		.locator('button[aria-current="true"]');

	// ArrowDown in the filter box goes into the list, to the first message, and shows it.
	await page.getByRole('searchbox', { name: 'Filter traffic' }).press('ArrowDown');
	await expect(rows.first().getByRole('button')).toBeFocused();
	await expect(rows.first().getByRole('button')).toHaveAttribute('aria-current', 'true');
	await expect(message).toContainText(/"method":\s*"server\/discover"/);
	await page.keyboard.press('ArrowDown');
	await expect(message).toContainText('"error"');
	await page.keyboard.press('ArrowDown');
	await expect(message).toContainText(/"method":\s*"initialize"/);
	await expect(selected).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await expect(message).toContainText('"error"');

	// End reaches the newest message (scrolled into view), Home the first again.
	await page.keyboard.press('End');
	await expect(selected).toContainText(/response\s*tools\/call log_burst/);
	await expect(selected).toBeFocused();
	await expect(selected).toBeInViewport();
	await expect(message).toContainText('sent 300');
	// Page Up moves a screenful up (among the notifications of the burst).
	await page.keyboard.press('PageUp');
	await expect(selected).toContainText(/notification\s*notifications\/message/);
	await expect(selected).toBeFocused();
	await expect(message).toContainText(/"log message \d+ of 300"/);
	await page.keyboard.press('Home');
	await expect(selected).toContainText(/request\s*server\/discover/);
	await expect(selected).toBeFocused();
	await expect(selected).toBeInViewport();

	// One Tab stop: Tab leaves the list, Shift+Tab comes back to the selected row.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('list', { name: 'Messages' }).locator(':focus')).toHaveCount(0);
	await page.keyboard.press('Shift+Tab');
	await expect(selected).toBeFocused();
	// Scrolled far away in the virtual list, the selected row is still where Tab goes.
	await page.getByRole('list', { name: 'Messages' }).hover();
	await page.mouse.wheel(0, 20_000);
	await expect(selected).not.toBeInViewport();
	await page.getByRole('button', { name: 'Export traffic' }).focus();
	await page.keyboard.press('Tab');
	await expect(selected).toBeFocused();
	await expect(selected).toContainText(/request\s*server\/discover/);

	// The shortcuts are listed in the keyboard help.
	await page.keyboard.press('?');
	await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('traffic');
});
