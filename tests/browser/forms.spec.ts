/** Generated argument forms: problems at their fields, constraints in words, sending null. */
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, watchPageErrors } from './fixtures';

async function openTool(page: Page, tool: string) {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool });
	await expectConnected(page);
	return page.getByRole('form', { name: 'Arguments' });
}

test('a field shows its own problem once left, marked invalid, live as it is fixed; the summary lists them all', async ({
	page
}) => {
	const form = await openTool(page, 'types_demo');
	const name = form.getByLabel('Name', { exact: true });
	const age = form.getByLabel('age', { exact: true });
	await name.fill('A');
	// Not while the person is still typing the first time.
	await expect(name).not.toHaveAttribute('aria-invalid', 'true');
	await name.press('Tab');
	await expect(
		form.getByText('Must be at least 2 characters long.', { exact: true })
	).toBeVisible();
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(name).toHaveAccessibleDescription(/Must be at least 2 characters long\./);

	await age.fill('200');
	await age.press('Tab');
	await expect(age).toHaveAttribute('aria-invalid', 'true');
	await expect(age).toHaveAccessibleDescription(/Must be at most 150\./);
	// Fields the person has not touched stay quiet.
	await expect(form.getByLabel('tag', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');

	const summary = form.getByText(
		"The arguments don't match the schema (2 issues); you can still run the tool."
	);
	await expect(summary).toBeVisible();

	// Sending them on purpose still works: the server gets them and answers.
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText(
		'Input validation error'
	);

	await name.fill('Ada');
	await expect(name).toHaveAttribute('aria-invalid', 'false');
	await expect(form.getByText('Must be at least 2 characters long.', { exact: true })).toHaveCount(
		0
	);
	await expect(
		form.getByText("The arguments don't match the schema (1 issue); you can still run the tool.")
	).toBeVisible();
});

test('Run tool shows every field’s problem; typing clears it at once', async ({ page }) => {
	const form = await openTool(page, 'types_demo');
	const name = form.getByLabel('Name', { exact: true });
	await expect(name).not.toHaveAttribute('aria-invalid', 'true');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(name).toHaveAttribute('aria-invalid', 'true');
	await expect(name).toHaveAccessibleDescription(/Required\./);
	await name.pressSequentially('Ada');
	await expect(name).toHaveAttribute('aria-invalid', 'false');
	await expect(name).not.toHaveAccessibleDescription(/Required\./);
});

test('problems made in Edit as JSON are shown at their fields back in the form', async ({
	page
}) => {
	const form = await openTool(page, 'types_demo');
	await form.getByRole('switch', { name: 'Edit as JSON' }).click();
	await form
		.getByRole('textbox', { name: 'Arguments JSON' })
		.fill('{"name": "Ada", "age": -1, "tag": "ABC", "extra": {"a": 1}}');
	await form.getByRole('switch', { name: 'Edit as JSON' }).click();
	const age = form.getByLabel('age', { exact: true });
	await expect(age).toHaveValue('-1');
	await expect(age).toHaveAttribute('aria-invalid', 'true');
	await expect(age).toHaveAccessibleDescription(/Must be at least 0\./);
	await expect(form.getByLabel('tag', { exact: true })).toHaveAccessibleDescription(
		/Must match the pattern \^\[a-z\]\+\$\./
	);
	await expect(form.getByLabel('Name', { exact: true })).toHaveAttribute('aria-invalid', 'false');
});

test('each field shows its constraints beside it, in words, as plain text', async ({ page }) => {
	const form = await openTool(page, 'types_demo');
	const expected: [string, string][] = [
		['Name', 'required · 2–40 characters'],
		['age', '0–150'],
		['limit', '1–1000 · default 200'],
		['tag', 'at most 20 characters · pattern ^[a-z]+$'],
		['score', '> 0 and ≤ 1'],
		['email', 'format email'],
		['greeting', 'default "hello"']
	];
	for (const [label, text] of expected) {
		await expect(form.getByText(text, { exact: true })).toBeVisible();
		await expect(form.getByLabel(label, { exact: true })).toHaveAccessibleDescription(
			new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		);
	}
	// A field with nothing to say says nothing.
	await expect(form.getByLabel('ratio', { exact: true })).toHaveAccessibleDescription(
		'Any number, fractions allowed'
	);
});

test('a server’s default with markup is shown as text beside the field', async ({ page }) => {
	const errors = watchPageErrors(page);
	const form = await openTool(page, 'hostile_text');
	await expect(
		form.getByText('default "<img src=x onerror=alert(1)>"', { exact: true })
	).toBeVisible();
	await expect(form.locator('img')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a nullable field sends null from the form, and gives its value back when null is unticked', async ({
	page
}) => {
	const form = await openTool(page, 'types_demo');
	await form.getByLabel('Name', { exact: true }).fill('Ada');
	const nickname = form.getByLabel('nickname', { exact: true });
	const nicknameNull = form.getByRole('checkbox', { name: 'Send null for nickname' });
	await nickname.fill('Bob');
	await nicknameNull.check();
	await expect(nickname).toHaveValue('');
	await expect(nickname).toHaveAttribute('placeholder', 'null');
	await nicknameNull.uncheck();
	await expect(nickname).toHaveValue('Bob');
	await nicknameNull.check();
	// anyOf [number, null] (Python's Optional) and type [object, null].
	await form.getByRole('checkbox', { name: 'Send null for score' }).check();
	const period = form.getByRole('group', { name: 'Period' });
	await period.getByRole('checkbox', { name: 'Send null for Period' }).check();
	await expect(period.getByLabel('from', { exact: true })).toHaveCount(0);

	await page.getByRole('button', { name: 'Run tool' }).click();
	const result = page.getByRole('region', { name: 'Result' });
	await expect(result).toContainText('"nickname": null');
	await expect(result).toContainText('"score": null');
	await expect(result).toContainText('"period": null');

	// Typing ends the null; unticking a group brings its fields back.
	await nickname.fill('Bo');
	await expect(nicknameNull).not.toBeChecked();
	await period.getByRole('checkbox', { name: 'Send null for Period' }).uncheck();
	await expect(period.getByLabel('from', { exact: true })).toBeVisible();
	await form.getByRole('switch', { name: 'Edit as JSON' }).click();
	const json = form.getByRole('textbox', { name: 'Arguments JSON' });
	await expect(json).toHaveValue(/"nickname": "Bo"/);
	await expect(json).toHaveValue(/"score": null/);
	await expect(json).not.toHaveValue(/"period": null/);
});

test('null typed in Edit as JSON ticks the field’s null box in the form', async ({ page }) => {
	const form = await openTool(page, 'types_demo');
	await form.getByRole('switch', { name: 'Edit as JSON' }).click();
	await form
		.getByRole('textbox', { name: 'Arguments JSON' })
		.fill('{"name": "Ada", "nickname": null}');
	await form.getByRole('switch', { name: 'Edit as JSON' }).click();
	await expect(form.getByRole('checkbox', { name: 'Send null for nickname' })).toBeChecked();
	await expect(form.getByRole('checkbox', { name: 'Send null for score' })).not.toBeChecked();
	// A field that can't be null has no such box.
	await expect(form.getByRole('checkbox', { name: 'Send null for Name' })).toHaveCount(0);
});
