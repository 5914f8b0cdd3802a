/**
 * The local bridge (`npm run bridge`) as a person uses it: start it, open the link it prints (its
 * Loupe origin set to this test's app with --loupe), and work. A stdio server from the npm
 * registry (@modelcontextprotocol/server-everything): connect, list, call, its stderr in Logs, the
 * token out of the address bar, storage, Settings and the export. The demo server over stdio in
 * the 2026-07-28 era. And `--to` in front of the demo's /mcp-nocors, which the browser cannot
 * reach by itself.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { APP_PORT } from '../../playwright.config';
import { runBridge, type RunningBridge } from '../unit/bridge-helpers';
import { ENDPOINT, expectConnected, openLoupe, toolButton } from './fixtures';

const LOUPE = `http://127.0.0.1:${APP_PORT}/`;
const EVERYTHING = 'node_modules/@modelcontextprotocol/server-everything/dist/index.js';

let bridge: RunningBridge | undefined;
test.afterEach(async () => {
	await bridge?.stop();
	bridge = undefined;
});

/** Everything the page keeps in storage, as one text. */
const storage = (page: Page) =>
	page.evaluate(() =>
		JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })
	);

async function runTool(page: Page, name: string, args: Record<string, string>, expected: string) {
	await page.getByRole('tab', { name: 'Tools' }).click();
	await toolButton(page, name).click();
	const form = page.getByRole('form', { name: 'Arguments' });
	for (const [field, value] of Object.entries(args))
		await form.getByLabel(field, { exact: true }).fill(value);
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText(expected);
}

test('a stdio server through the printed link: connect, list, call, its stderr in Logs; the token stays in the tab’s memory', async ({
	page
}) => {
	bridge = await runBridge(['--loupe', LOUPE, process.execPath, EVERYTHING, 'stdio']);
	expect(bridge.link.startsWith(`${LOUPE}?server=`)).toBe(true);
	await page.goto(bridge.link);
	await expectConnected(page);
	// The token left the address bar at once, and is in no storage.
	expect(page.url()).not.toContain('bridge-token');
	expect(page.url()).not.toContain(bridge.token);
	expect(await page.evaluate(() => location.hash)).toBe('');
	expect(await storage(page)).not.toContain(bridge.token);
	await expect(page.getByRole('textbox', { name: 'Server URL' })).toHaveValue(bridge.endpoint.href);

	await expect(toolButton(page, 'echo')).toBeVisible();
	await runTool(
		page,
		'echo',
		{ message: 'hello through the bridge' },
		'Echo: hello through the bridge'
	);

	// The stdio server's stderr, as log lines.
	await page.getByRole('tab', { name: 'Logs' }).click();
	const logs = page
		.getByRole('region', { name: 'Logs' })
		.getByRole('list', { name: 'Log messages' })
		.getByRole('listitem');
	await expect(logs.filter({ hasText: 'Starting default (STDIO) server' })).toHaveCount(1);
	await expect(logs.filter({ hasText: 'Starting default (STDIO) server' })).toContainText('stderr');

	// Not shown as the Bearer token, not exported.
	await page.getByRole('button', { name: 'Settings' }).click();
	await expect(page.getByRole('textbox', { name: 'Bearer token' })).toHaveValue('');
	await page.keyboard.press('Escape');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(page.getByRole('region', { name: 'Traffic' })).not.toContainText(bridge.token);
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export traffic' }).click();
	const exported = await readFile(await (await download).path(), 'utf8');
	expect(exported).toMatch(/"authorization": ?"Bearer ••••••"/);
	expect(exported).not.toContain(bridge.token);
	expect(await storage(page)).not.toContain(bridge.token);
});

test('the 2026-07-28 era passes through a stdio bridge unchanged: the demo server over stdio, its logs and its stderr', async ({
	page
}) => {
	bridge = await runBridge([
		'--loupe',
		LOUPE,
		process.execPath,
		'--import',
		'tsx',
		'tests/servers/stdio-main.ts'
	]);
	await page.goto(bridge.link);
	await expectConnected(page);
	await expect(page.getByRole('region', { name: 'Server', exact: true })).toContainText(
		'2026-07-28 · stateless'
	);
	await runTool(page, 'log_levels', {}, 'sent one message per level');
	await page.getByRole('tab', { name: 'Logs' }).click();
	const logs = page
		.getByRole('region', { name: 'Logs' })
		.getByRole('list', { name: 'Log messages' })
		.getByRole('listitem');
	await expect(logs.filter({ hasText: 'log_levels' })).toHaveCount(7);
	await expect(logs.filter({ hasText: 'loupe-demo over stdio: ready' })).toContainText('stderr');
});

test('--to in front of a server that refuses browsers: the link connects where the browser alone cannot; a reload says to open the link again', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.noCors, connect: true });
	await expect(page.getByRole('alert')).toContainText('does not allow requests from this page');

	bridge = await runBridge(['--loupe', LOUPE, '--to', ENDPOINT.noCors]);
	await page.goto(bridge.link);
	await expectConnected(page);
	expect(page.url()).not.toContain(bridge.token);
	await runTool(page, 'echo', { message: 'relayed' }, 'Echo: relayed');
	expect(await storage(page)).not.toContain(bridge.token);

	// A reload forgets the token (it was in memory only); Loupe says what to do.
	await page.reload();
	await expect(page.getByRole('alert')).toContainText('The Loupe bridge at');
	await expect(page.getByRole('alert')).toContainText(
		'needs its token, and this tab does not have it'
	);
	await expect(page.getByRole('alert')).toContainText(
		'Open Loupe with the link the bridge printed'
	);
	// The bridge said what it wants: CORS is not the question, so no "Check server".
	await expect(page.getByRole('alert').getByRole('button', { name: 'Check server' })).toHaveCount(
		0
	);
});
