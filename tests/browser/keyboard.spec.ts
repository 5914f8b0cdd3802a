/** The main flow from the keyboard: lists with arrows, Enter to open, Ctrl+Enter to run, focus kept, "?" for help. */
import { expect, test } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, toolButton } from './fixtures';

test.beforeEach(async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true });
	await expectConnected(page);
	await expect(toolButton(page, 'echo')).toBeVisible();
});

test('the tool list is one Tab stop, arrows move within it, Enter opens', async ({ page }) => {
	const filter = page.getByRole('searchbox', { name: 'Filter tools' });
	await filter.focus();
	await page.keyboard.press('Tab');
	await expect(toolButton(page, 'echo')).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(toolButton(page, 'add')).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'add', exact: true })).toBeVisible();
	// Tab leaves the list instead of walking through every tool.
	await toolButton(page, 'add').focus();
	await page.keyboard.press('Tab');
	await expect(toolButton(page, 'types_demo')).not.toBeFocused();
	await expect(page.locator('[aria-label="Tools"] button:focus')).toHaveCount(0);
});

test('Enter in the filter opens the first match; Ctrl+Enter runs the tool; the focus comes back to Run tool', async ({
	page
}) => {
	const filter = page.getByRole('searchbox', { name: 'Filter tools' });
	await filter.fill('echo');
	await filter.press('Enter');
	await expect(page.getByRole('heading', { name: 'echo', exact: true })).toBeVisible();
	const message = page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('message', { exact: true });
	await message.fill('from the keyboard');
	await message.press('Control+Enter');
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('from the keyboard');
	await expect(message).toBeFocused();

	await page.getByRole('button', { name: 'Run tool' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('from the keyboard');
	await expect(page.getByRole('button', { name: 'Run tool' })).toBeFocused();
});

test('prompts: ArrowDown from the filter goes into the list, arrows move, Enter in the filter opens', async ({
	page
}) => {
	await page.getByRole('tab', { name: 'Prompts' }).click();
	const filter = page.getByRole('searchbox', { name: 'Filter prompts' });
	await filter.focus();
	await page.keyboard.press('ArrowDown');
	const list = page.getByRole('list', { name: 'Prompts' });
	await expect(list.getByRole('button').nth(0)).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(list.getByRole('button').nth(1)).toBeFocused();
	await filter.fill('trip');
	await filter.press('Enter');
	await expect(page.getByRole('heading', { name: 'trip', exact: true })).toBeVisible();
});

test('"?" shows the keyboard shortcuts; Escape closes them', async ({ page }) => {
	await page.getByRole('tab', { name: 'Tools' }).focus();
	await page.keyboard.press('?');
	const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
	await expect(help).toBeVisible();
	await expect(help).toContainText('Submit the form you are in');
	await page.keyboard.press('Escape');
	await expect(help).toBeHidden();
	// Typing "?" in a field is typing, not a shortcut.
	await page.getByRole('searchbox', { name: 'Filter tools' }).fill('?');
	await expect(help).toBeHidden();
});

test('resources: ArrowDown from the filter goes into the list, arrows move, Enter in the filter opens', async ({
	page
}) => {
	await page.getByRole('tab', { name: 'Resources' }).click();
	const filter = page.getByRole('searchbox', { name: 'Filter resources' });
	const list = page.getByRole('list', { name: 'Resources' });
	await expect(list.getByRole('button').first()).toBeVisible();
	await filter.focus();
	await page.keyboard.press('ArrowDown');
	await expect(list.getByRole('button').nth(0)).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(list.getByRole('button').nth(1)).toBeFocused();
	// The list is one Tab stop: Tab from a row leaves it, Shift+Tab comes back to the filter.
	await page.keyboard.press('Tab');
	await expect(page.locator('[aria-label="Resources"] button:focus')).toHaveCount(0);
	await filter.focus();
	await page.keyboard.press('Tab');
	await expect(list.getByRole('button').nth(0)).toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await expect(filter).toBeFocused();
	await filter.fill('guide');
	await filter.press('Enter');
	await expect(page.getByRole('button', { name: 'Read' })).toBeVisible();
	await expect(page.getByRole('tabpanel', { name: 'Resources' })).toContainText(
		'demo://docs/guide.md'
	);
});
