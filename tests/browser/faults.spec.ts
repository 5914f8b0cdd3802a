/**
 * Faults explained at once: answers that are not what they claim (tests/servers/faults.ts) and a
 * server process killed in the middle of a call. Each alert says what happened, and the next
 * call (or Connect) works without a reload.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { expectConnected, MCP, openLoupe, status, toolButton } from './fixtures';

const FAULTS = `${MCP}/mcp-faults`;

async function runTool(page: import('@playwright/test').Page, name: string) {
	await toolButton(page, name).click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	return page.getByRole('region', { name: 'Result' });
}

test('each answer that is not what it claims gets a sentence, and the next call works', async ({
	page
}) => {
	await openLoupe(page, { server: FAULTS, connect: true });
	await expectConnected(page);

	let result = await runTool(page, 'not_json');
	await expect(result.getByRole('alert')).toContainText(
		'answered tools/call not_json with HTTP 200 and Content-Type application/json, but the body is not JSON. It starts: “this is not JSON {"jsonrpc"”.'
	);
	await expect(result).not.toContainText('Unexpected token');
	await expect(result).not.toContainText('ReadableStreamDefaultController');

	result = await runTool(page, 'html_500');
	await expect(result.getByRole('alert')).toContainText(
		'The server answered HTTP 500 (server error) to tools/call html_500, with a web page (text/html)'
	);

	result = await runTool(page, 'text_plain');
	await expect(result.getByRole('alert')).toContainText(
		'Content-Type text/plain; charset=utf-8, which is not an MCP answer. It starts: “OK, done.”'
	);
	await expect(result).not.toContainText('Unexpected content type');

	result = await runTool(page, 'cut_stream');
	await expect(result.getByRole('alert')).toContainText(
		'The connection broke while waiting for the answer to tools/call cut_stream.'
	);

	result = await runTool(page, 'fine');
	await expect(result).toContainText('fine');
	await expect(result.getByRole('alert')).toHaveCount(0);
	await expect(status(page)).toContainText('Connected');

	// The bytes stay in Traffic.
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await page.getByRole('combobox', { name: 'Show' }).selectOption('http');
	await page
		.getByRole('region', { name: 'Traffic' })
		.getByRole('listitem')
		.filter({ hasText: '500' })
		.first()
		.click();
	await expect(page.getByRole('region', { name: 'Message' })).toContainText(
		'Internal Server Error'
	);
});

test('a handshake answered with plain text is explained', async ({ page }) => {
	await openLoupe(page, {
		server: `${FAULTS}?initialize=text_plain`,
		transport: 'streamable-http',
		connect: true
	});
	await expect(page.getByRole('alert')).toContainText(
		'which is not an MCP answer. It starts: “OK, done.”'
	);
	await expect(status(page)).toContainText('Error');
});

test('a busy server says when it asks to be tried again (503 with Retry-After); a 429 without a readable one does not claim the server gave no time', async ({
	page
}) => {
	await openLoupe(page, { server: `${FAULTS}?busy=503&retry-after=30`, connect: true });
	await expectConnected(page);
	const result = await runTool(page, 'fine');
	const alert = result.getByRole('alert');
	await expect(alert).toContainText(
		'The server is busy (HTTP 503: service unavailable) and asks to be tried again in 30 s; it did not answer tools/call fine.'
	);
	await expect(alert).toContainText(/Wait until .+ before trying again/);

	await openLoupe(page, { server: `${FAULTS}?busy=429`, connect: true });
	await expectConnected(page);
	const busy = (await runTool(page, 'fine')).getByRole('alert');
	await expect(busy).toContainText(
		'The server says it was asked too often (HTTP 429: too many requests); it did not answer tools/call fine.'
	);
	// The page cannot tell a Retry-After the server never sent from one its CORS hides: both said.
	await expect(busy).toContainText(
		'This page cannot tell when to try again: the answer has no Retry-After header it can read, so the server sent none or did not expose it to this page (CORS).'
	);
	await expect(busy).toContainText(
		'Access-Control-Expose-Headers: Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate, Retry-After'
	);
	await expect(busy).not.toContainText('did not say when');
});

test('progress that goes back, or past its total, is shown as sent with a note', async ({
	page
}) => {
	await openLoupe(page, { server: `${FAULTS}?progress=40/100,10/100`, connect: true });
	await expectConnected(page);
	await toolButton(page, 'fine').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('value', '10');
	await expect(page.getByText('10 / 100', { exact: true })).toBeVisible();
	await expect(page.getByText(/^progress went back from 40 to 10\b/)).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('Cancelled');

	await openLoupe(page, { server: `${FAULTS}?progress=60/50`, connect: true });
	await expectConnected(page);
	await toolButton(page, 'fine').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByText('60 / 50', { exact: true })).toBeVisible();
	await expect(page.getByText('progress 60 is past the total 50', { exact: true })).toBeVisible();
	await expect(page.getByText(/went back/)).toHaveCount(0);
	await page.getByRole('button', { name: 'Cancel' }).click();
});

test('progress that repeats a value is shown as sent, with one note for the run', async ({
	page
}) => {
	await openLoupe(page, {
		server: `${FAULTS}?progress=20/100,40/100,40/100,40/100`,
		connect: true
	});
	await expectConnected(page);
	await toolButton(page, 'fine').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('progressbar', { name: 'Progress' })).toHaveAttribute('value', '40');
	await expect(page.getByText('40 / 100', { exact: true })).toBeVisible();
	await expect(
		page.getByText('progress stayed at 40 (it must increase with each notification)', {
			exact: true
		})
	).toHaveCount(1);
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('Cancelled');
});

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/** The demo server as a process of its own, so the test can kill it. Resolves once it listens. */
function startDemoProcess(port: number): Promise<ChildProcess> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			process.execPath,
			['--import', 'tsx', 'tests/servers/main.ts', '--port', String(port)],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		let out = '';
		child.stdout!.on('data', (chunk) => {
			out += chunk;
			if (out.includes(`:${port}/mcp`)) resolve(child);
		});
		child.once('exit', (code) =>
			reject(new Error(`demo server exited (${code}) before listening`))
		);
	});
}

test('a server killed mid-call fails the call at once, says the server is gone, and Connect works again', async ({
	page
}) => {
	const port = await freePort();
	let child = await startDemoProcess(port);
	try {
		const server = `http://127.0.0.1:${port}/mcp-legacy`;
		await openLoupe(page, { server, connect: true, tool: 'slow' });
		await expectConnected(page);
		const form = page.getByRole('form', { name: 'Arguments' });
		await form.getByLabel('steps', { exact: true }).fill('100');
		await form.getByLabel('delayMs', { exact: true }).fill('500');
		await page.getByRole('button', { name: 'Run tool' }).click();
		await expect(page.getByRole('progressbar', { name: 'Progress' })).toBeVisible();

		child.kill('SIGKILL');
		// Well before the 60 s request timeout (expect's own limit is 10 s).
		const result = page.getByRole('region', { name: 'Result' });
		await expect(result.getByRole('alert')).toContainText(
			'The connection broke while waiting for the answer to tools/call slow.'
		);
		await expect(status(page)).toContainText('Error');
		await expect(page.getByRole('alert').filter({ hasText: 'stopped answering' })).toContainText(
			`The server at ${server} stopped answering: nothing is listening there any more.`
		);
		await expect(page.getByRole('alert').filter({ hasText: 'Request timed out' })).toHaveCount(0);

		child = await startDemoProcess(port);
		await page.getByRole('button', { name: 'Connect' }).click();
		await expectConnected(page);
		await expect(page.getByRole('alert').filter({ hasText: 'stopped answering' })).toHaveCount(0);
		await toolButton(page, 'echo').click();
		await page
			.getByRole('form', { name: 'Arguments' })
			.getByLabel('message', { exact: true })
			.fill('back again');
		await page.getByRole('button', { name: 'Run tool' }).click();
		await expect(page.getByRole('region', { name: 'Result' })).toContainText('back again');
	} finally {
		child.kill('SIGKILL');
	}
});
