/**
 * Envelopes the client refuses, and batches, in Traffic (tests/servers/envelope-faults.ts): each
 * row is marked invalid with the sentence that names its fault, a batch member says its place and
 * what the client did with the batch, and the app keeps working (the call is answered, or fails
 * with a sentence, and the next call answers).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectConnected, MCP, openLoupe, status, toolButton, trafficRows } from './fixtures';

const FAULTS = `${MCP}/mcp-faults`;

async function runTool(page: Page, name: string) {
	await page.getByRole('tab', { name: 'Tools' }).click();
	await toolButton(page, name).click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	return page.getByRole('region', { name: 'Result' });
}

test('each refused envelope on a call’s stream is an invalid row saying why; the call still gets its answer', async ({
	page
}) => {
	await openLoupe(page, { server: FAULTS, connect: true });
	await expectConnected(page);
	const result = await runTool(page, 'bad_envelopes');
	await expect(result).toContainText('bad_envelopes');

	await page.getByRole('tab', { name: 'Traffic' }).click();
	const invalid = trafficRows(page).filter({ hasText: /←\s*invalid/ });
	const reasons = [
		'No "jsonrpc" member: JSON-RPC 2.0 wants "jsonrpc": "2.0" in every message.',
		'"jsonrpc" is "1.0": JSON-RPC 2.0 wants exactly the string "2.0".',
		'A member JSON-RPC does not define: "trace". The client accepts nothing else at the top level of a notification, which has only jsonrpc, method and params.',
		'Both "result" and "error": a JSON-RPC 2.0 response carries exactly one of them.',
		'"id" is 1.5: JSON-RPC 2.0 and MCP want an id to be a string or an integer.',
		'An empty batch ([]): JSON-RPC 2.0 calls an empty array an invalid request, since a batch holds at least one message.',
		'Member 1 of 2 of a batch sent as one event: the client reads one message per event and refuses the whole batch. The negotiated version, 2025-11-25, has no batches (MCP removed them in 2025-06-18).',
		'Member 2 of 2 of a batch sent as one event: the client reads one message per event and refuses the whole batch. This member is faulty too: "params" is ["x"]'
	];
	await expect(invalid).toHaveCount(reasons.length);
	for (const [i, reason] of reasons.entries()) await expect(invalid.nth(i)).toContainText(reason);
	// What Loupe sent is not judged wrong, and every answer found its request.
	await expect(trafficRows(page).filter({ hasText: /→\s*invalid/ })).toHaveCount(0);
	await expect(trafficRows(page).filter({ hasText: 'unpaired response' })).toHaveCount(0);
	// The answer that came after them is paired with the call.
	await expect(
		trafficRows(page).filter({ hasText: /←\s*response\s*tools\/call\s*bad_envelopes/ })
	).toHaveCount(1);

	// The message pane says the client refuses it, then why.
	await invalid.nth(3).click();
	await expect(page.getByRole('region', { name: 'Message' }).getByRole('note')).toHaveText(
		'The client refuses this message. Both "result" and "error": a JSON-RPC 2.0 response carries exactly one of them.'
	);

	// The next call answers.
	const next = await runTool(page, 'fine');
	await expect(next).toContainText('fine');
	await expect(status(page)).toContainText('Connected');
});

test('an empty batch, a faulty batch and a batch where the version has none: each said on its rows; the calls fail with a sentence or answer, and the next call works', async ({
	page
}) => {
	await openLoupe(page, { server: FAULTS, connect: true });
	await expectConnected(page);

	let result = await runTool(page, 'empty_batch');
	await expect(result.getByRole('alert')).toContainText(
		'The server answered the POST of tools/call empty_batch without a response to it.'
	);
	result = await runTool(page, 'faulty_batch');
	await expect(result.getByRole('alert')).toBeVisible();
	result = await runTool(page, 'batch_answer');
	await expect(result).toContainText('batch_answer');
	await expect(result.getByRole('alert')).toHaveCount(0);

	await page.getByRole('tab', { name: 'Traffic' }).click();
	const rows = trafficRows(page);
	await expect(rows.filter({ hasText: /←\s*invalid/ }).first()).toContainText(
		'An empty batch ([]): JSON-RPC 2.0 calls an empty array an invalid request, since a batch holds at least one message.'
	);
	await expect(rows.filter({ hasText: 'refused with it' })).toHaveCount(1);
	await expect(rows.filter({ hasText: 'refused with it' })).toContainText(
		'Member 1 of 2 of a batch, refused with it: the client reads a batch whole or not at all, and member 2 is faulty.'
	);
	await expect(rows.filter({ hasText: 'Member 2 of 2 of a batch: A member' })).toContainText(
		'Member 2 of 2 of a batch: A member JSON-RPC does not define: "trace".'
	);
	const read = rows.filter({ hasText: 'The client read it anyway.' });
	await expect(read).toHaveCount(2);
	await expect(read.nth(1)).toContainText(/response\s*tools\/call\s*batch_answer/);
	await expect(read.nth(1)).toContainText(
		'Member 2 of 2 of a batch. The negotiated version, 2025-11-25, has no batches (MCP removed them in 2025-06-18).'
	);

	const next = await runTool(page, 'fine');
	await expect(next).toContainText('fine');
	await expect(next.getByRole('alert')).toHaveCount(0);
	await expect(status(page)).toContainText('Connected');
});
