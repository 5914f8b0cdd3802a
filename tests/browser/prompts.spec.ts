/** Prompts: the list, the argument form with completions, prompts/get and its messages. */
import { expect, test, type Page } from '@playwright/test';
import { ENDPOINT, expectConnected, openLoupe, watchPageErrors } from './fixtures';

async function openPrompts(page: Page, server = ENDPOINT.dual) {
	await openLoupe(page, { server, connect: true });
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Prompts' }).click();
}

function promptButton(page: Page, name: string) {
	return page
		.getByRole('list', { name: 'Prompts' })
		.getByRole('button', { name: new RegExp(`^${name}\\b`) });
}

for (const [era, server] of [
	['2026', ENDPOINT.dual],
	['2025', ENDPOINT.legacy]
] as const) {
	test(`a prompt's argument completes, the prompt is fetched and its messages are shown by role (${era} era)`, async ({
		page
	}) => {
		await openPrompts(page, server);
		await expect(promptButton(page, 'greet')).toContainText('Greeting');
		await promptButton(page, 'greet').click();
		const form = page.getByRole('form', { name: 'Prompt arguments' });
		await form.getByLabel('name', { exact: true }).fill('A');
		const suggestions = form.getByRole('list', { name: 'Suggestions for name' });
		await expect(suggestions.getByRole('button')).toHaveText(['Ada', 'Alan']);
		await suggestions.getByRole('button', { name: 'Ada' }).click();
		await expect(form.getByLabel('name', { exact: true })).toHaveValue('Ada');
		await form.getByLabel('style', { exact: true }).fill('pi');
		await form
			.getByRole('list', { name: 'Suggestions for style' })
			.getByRole('button', { name: 'pirate' })
			.click();
		await form.getByRole('button', { name: 'Get prompt' }).click();
		const messages = page.getByRole('region', { name: 'Prompt messages' });
		await expect(messages.getByRole('listitem', { name: 'Message 1 from user' })).toContainText(
			'Greet Ada in a pirate style.'
		);
		await expect(
			messages.getByRole('listitem', { name: 'Message 2 from assistant' })
		).toContainText('Ahoy, Ada!');
	});
}

test('completions carry the arguments already filled in (context.arguments)', async ({ page }) => {
	await openPrompts(page);
	await promptButton(page, 'trip').click();
	const form = page.getByRole('form', { name: 'Prompt arguments' });
	await form.getByLabel('country', { exact: true }).fill('japan');
	await form.getByLabel('city', { exact: true }).fill('');
	await form.getByLabel('city', { exact: true }).pressSequentially('K');
	await expect(
		form.getByRole('list', { name: 'Suggestions for city' }).getByRole('button')
	).toHaveText(['Kyoto']);
	await form.getByLabel('country', { exact: true }).fill('peru');
	await form.getByLabel('city', { exact: true }).fill('');
	await form.getByLabel('city', { exact: true }).pressSequentially('C');
	await expect(
		form.getByRole('list', { name: 'Suggestions for city' }).getByRole('button')
	).toHaveText(['Cusco']);
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await expect(page.getByRole('region', { name: 'Traffic' })).toContainText('completion/complete');
});

test('a missing required argument is reported without sending', async ({ page }) => {
	await openPrompts(page);
	await promptButton(page, 'greet').click();
	await page
		.getByRole('form', { name: 'Prompt arguments' })
		.getByRole('button', { name: 'Get prompt' })
		.click();
	await expect(
		page.getByRole('region', { name: 'Prompt messages' }).getByRole('alert')
	).toContainText('Fill in the required argument: name.');
});

test('messages with an image, audio, an embedded resource and a resource link', async ({
	page
}) => {
	await openPrompts(page, ENDPOINT.legacy);
	await promptButton(page, 'show_media').click();
	await expect(page.getByText('This prompt takes no arguments.')).toBeVisible();
	await page.getByRole('button', { name: 'Get prompt' }).click();
	const messages = page.getByRole('region', { name: 'Prompt messages' });
	await expect(messages.getByRole('listitem', { name: 'Message 1 from user' })).toContainText(
		'Describe this picture.'
	);
	const image = messages.getByRole('listitem', { name: 'Message 2 from user' }).getByRole('img');
	await expect(image).toBeVisible();
	expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(16);
	await expect(
		messages.getByRole('listitem', { name: 'Message 3 from user' }).locator('audio')
	).toHaveCount(1);
	await expect(messages.getByRole('listitem', { name: 'Message 4 from user' })).toContainText(
		'Embedded guide text.'
	);
	const link = messages.getByRole('listitem', { name: 'Message 5 from assistant' });
	await expect(link).toContainText('demo://notes/welcome');
	// The link opens in Resources.
	await link.getByRole('button', { name: 'Open in Resources' }).click();
	await expect(page.getByRole('region', { name: 'Resource contents' })).toContainText(
		'Welcome to the Loupe demo server.'
	);
});

// The only test that reads demo://extras/toggle (shared server state): it checks both lists, so no other test races it.
test('list_changed re-fetches the prompt and resource lists', async ({ page }) => {
	await openPrompts(page, ENDPOINT.legacy);
	await expect(promptButton(page, 'greet')).toBeVisible();
	const shown = (await promptButton(page, 'extra_prompt').count()) > 0;
	const resources = page.getByRole('list', { name: 'Resources' });
	const extraResource = resources.getByRole('button', { name: /Extra note/ });
	const toggle = async (expected: string) => {
		await page.getByRole('tab', { name: 'Resources' }).click();
		await resources.getByRole('button', { name: /Toggle extras/ }).click();
		await page.getByRole('button', { name: 'Read', exact: true }).click();
		await expect(page.getByRole('region', { name: 'Resource contents' })).toContainText(expected);
	};
	await toggle(shown ? 'extras removed' : 'extras listed');
	await expect(extraResource).toHaveCount(shown ? 0 : 1);
	await page.getByRole('tab', { name: 'Prompts' }).click();
	await expect(promptButton(page, 'extra_prompt')).toHaveCount(shown ? 0 : 1);
	// Put it back as it was.
	await toggle(shown ? 'extras listed' : 'extras removed');
	await expect(extraResource).toHaveCount(shown ? 1 : 0);
	await page.getByRole('tab', { name: 'Prompts' }).click();
	await expect(promptButton(page, 'extra_prompt')).toHaveCount(shown ? 1 : 0);
});

test('hostile prompt text renders as text', async ({ page }) => {
	const errors = watchPageErrors(page);
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await openPrompts(page);
	const hostile = promptButton(page, 'hostile_prompt');
	await expect(hostile).toContainText(
		`<img src=x onerror="document.title='pwned'"> Hostile prompt`
	);
	await hostile.click();
	const form = page.getByRole('form', { name: 'Prompt arguments' });
	await form.getByLabel('html', { exact: true }).fill('<b>typed</b>');
	await form.getByRole('button', { name: 'Get prompt' }).click();
	const messages = page.getByRole('region', { name: 'Prompt messages' });
	await expect(messages).toContainText(
		`<img src=x onerror="document.title='pwned'"><script>document.title="pwned"</script> prompt text <b>typed</b>`
	);
	await expect(messages.getByRole('img')).toHaveCount(0);
	expect(await page.title()).not.toBe('pwned');
	expect(dialogs).toEqual([]);
	expect(errors).toEqual([]);
});

test('focusing an empty completable argument lists every suggestion the server has', async ({
	page
}) => {
	// Servers such as the reference "everything" server answer completion/complete for "" with all
	// values; Loupe asks on focus and must show them before anything is typed.
	await openPrompts(page, ENDPOINT.legacy);
	await promptButton(page, 'greet').click();
	const form = page.getByRole('form', { name: 'Prompt arguments' });
	await form.getByLabel('name', { exact: true }).click();
	const suggestions = form.getByRole('list', { name: 'Suggestions for name' });
	await expect(suggestions.getByRole('button')).toHaveText(['Ada', 'Alan', 'Grace', 'Linus']);
	await suggestions.getByRole('button', { name: 'Grace' }).click();
	await expect(form.getByLabel('name', { exact: true })).toHaveValue('Grace');
});
