/**
 * What a server sends oddly, said as what it is (tests/servers/faults.ts): a tool named by a
 * number and a nextCursor that is not a string, beside the tool list; in Traffic, a second
 * answer to one request, an error object the client refuses, and an event of a type the client
 * never reads, each on its own row saying why.
 */
import { expect, test } from '@playwright/test';
import { expectConnected, MCP, openLoupe, toolButton, trafficRows } from './fixtures';

const FAULTS = `${MCP}/mcp-faults`;

test('a tool named by a number and a nextCursor that is not a string are said beside the list, which stays usable', async ({
	page
}) => {
	await openLoupe(page, { server: `${FAULTS}?list=odd`, connect: true });
	await expectConnected(page);
	await expect(
		page.getByText('A tools/list entry has a name that is not a string (42) and was left out.')
	).toBeVisible();
	await expect(
		page.getByText(
			"The server's nextCursor is not a string: 5; the tool list may be incomplete (Loupe read no further pages)."
		)
	).toBeVisible();
	await expect(page.getByText(/no name/)).toHaveCount(0);
	// The tools that came are listed and work.
	await toolButton(page, 'fine').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('fine');
});

test('Traffic names a duplicate response, a malformed error and an ignored event for what they are', async ({
	page
}) => {
	await openLoupe(page, { server: FAULTS, connect: true });
	await expectConnected(page);
	for (const name of ['duplicate_answer', 'malformed_error', 'odd_event']) {
		await toolButton(page, name).click();
		await page.getByRole('button', { name: 'Run tool' }).click();
		// Each call still gets its answer.
		await expect(page.getByRole('region', { name: 'Result' })).toContainText(name);
	}
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const message = page.getByRole('region', { name: 'Message' });

	// The second answer to the call is a duplicate, not "unpaired".
	const duplicate = trafficRows(page).filter({ hasText: 'duplicate response' });
	await expect(duplicate).toHaveCount(1);
	await expect(duplicate).toContainText('duplicate_answer');
	await expect(duplicate).toContainText(/tools\/call was answered before, at #\d+/);
	await expect(trafficRows(page).filter({ hasText: 'unpaired response' })).toHaveCount(0);
	await duplicate.click();
	await expect(message.getByRole('note')).toContainText(
		'A second response to this request: it already had its answer'
	);
	await message.getByRole('button', { name: /^Go to first response #\d+$/ }).click();
	await expect(message).toContainText('"text":"duplicate_answer"');

	// The error without a message and with a string code is invalid, with its reasons.
	const invalid = trafficRows(page).filter({ hasText: 'invalid message' });
	await expect(invalid).toHaveCount(1);
	await expect(invalid).toContainText(
		'A malformed error: error.code: expected an integer, received "oops"; error.message: missing.'
	);
	await invalid.click();
	await expect(message.getByRole('note')).toContainText('The client refuses this message.');

	// The "progress" event is its own row, not only bytes inside the HTTP body.
	const ignored = trafficRows(page).filter({ hasText: /←\s*ignored\s*notifications\/progress/ });
	await expect(ignored).toHaveCount(1);
	await expect(ignored).toContainText(
		'An event of type "progress": the client reads only "message" events and ignored it.'
	);
});
