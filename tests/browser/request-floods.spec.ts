/**
 * A server that floods Loupe with requests (tests/servers/faults.ts `?burst=`): one notice per
 * burst naming the method and the count, a few cards with "N more waiting" below them, and the
 * app answering the next call at once.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectConnected, MCP, openLoupe, toolButton } from './fixtures';

const burst = (method: string) => `${MCP}/mcp-faults?burst=${encodeURIComponent(method)}`;

async function runFine(page: Page) {
	await toolButton(page, 'fine').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('fine');
}

test('200 roots/list requests in 2 s: one notice with the method and the count, all answered', async ({
	page
}) => {
	await openLoupe(page, { server: burst('roots/list'), connect: true });
	await expectConnected(page);
	const notice = page.getByRole('status', { name: 'Request flood' });
	await expect(notice).toContainText('The server sent 200 roots/list requests in');
	await expect(notice).toContainText('Loupe answered each one itself');
	await expect(notice).toHaveCount(1);
	// Nothing waits on the person for roots.
	await expect(page.getByRole('region', { name: 'Pending requests' })).toHaveCount(0);
	await runFine(page);

	await page.getByRole('button', { name: 'Dismiss request flood notice' }).click();
	await expect(notice).toHaveCount(0);
});

test('200 sampling requests: one notice, ten cards and "190 more waiting", dismissed at once', async ({
	page
}) => {
	await openLoupe(page, { server: burst('sampling/createMessage'), connect: true });
	await expectConnected(page);
	const notice = page.getByRole('status', { name: 'Request flood' });
	await expect(notice).toContainText('The server sent 200 sampling/createMessage requests in');
	await expect(notice).toHaveCount(1);

	const pending = page.getByRole('region', { name: 'Pending requests' });
	const cards = pending.getByRole('listitem', {
		name: 'The server asks for an LLM reply (sampling/createMessage)'
	});
	await expect(pending.getByText('190 more waiting')).toBeVisible();
	await expect(cards).toHaveCount(10);
	await pending.getByRole('button', { name: 'Show more requests' }).click();
	await expect(cards).toHaveCount(20);
	await expect(pending.getByText('180 more waiting')).toBeVisible();

	// The app still answers at once while 200 requests wait.
	await runFine(page);

	await pending.getByRole('button', { name: 'Dismiss all waiting requests' }).click();
	await expect(pending).toHaveCount(0);
	await expect(notice).toHaveCount(1);
});
