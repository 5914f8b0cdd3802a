/** Resources: the list, reading text and blobs, templates with completions, subscriptions, links from tool results. */
import { expect, test, type Page } from '@playwright/test';
import {
	ENDPOINT,
	MCP,
	expectConnected,
	openLoupe,
	trafficRows,
	watchPageErrors
} from './fixtures';

async function openResources(page: Page, server = ENDPOINT.legacy) {
	await openLoupe(page, { server, connect: true });
	await expectConnected(page);
	await page.getByRole('tab', { name: 'Resources' }).click();
}

function resourceButton(page: Page, name: string | RegExp) {
	return page.getByRole('list', { name: 'Resources' }).getByRole('button', { name });
}

test('lists resources and templates, filters, and reads a text resource', async ({ page }) => {
	await openResources(page);
	const list = page.getByRole('list', { name: 'Resources' });
	await expect(resourceButton(page, /Welcome note/)).toContainText('demo://notes/welcome');
	await expect(resourceButton(page, /Guide/)).toBeVisible();
	await expect(
		page
			.getByRole('list', { name: 'Resource templates' })
			.getByRole('button', { name: /demo:\/\/items\/\{id\}/ })
	).toBeVisible();

	await page.getByRole('searchbox', { name: 'Filter resources' }).fill('guide');
	await expect(list.getByRole('button')).toHaveCount(1);
	await page.getByRole('searchbox', { name: 'Filter resources' }).fill('');

	await resourceButton(page, /Guide/).click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	const contents = page.getByRole('region', { name: 'Resource contents' });
	await expect(contents).toContainText('# Guide');
	await expect(contents).toContainText('text/markdown');
	// Markdown and markup stay text.
	await expect(contents).toContainText('Markup such as <b>this</b> is never rendered.');
});

test('an image blob is shown as an image, audio plays, and an odd binary is only offered as a download', async ({
	page
}) => {
	await openResources(page);
	const contents = page.getByRole('region', { name: 'Resource contents' });

	await resourceButton(page, /Gradient image/).click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	const image = contents.getByRole('img', { name: 'Resource image (image/png)' });
	await expect(image).toBeVisible();
	expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(32);

	await resourceButton(page, /Tone/).click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	const audio = contents.locator('audio');
	await expect(audio).toHaveCount(1);
	await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeCloseTo(0.25, 1);

	await resourceButton(page, /Odd binary/).click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	await expect(contents).toContainText('application/x-loupe-odd');
	await expect(contents).toContainText('Binary content Loupe does not display.');
	const download = page.waitForEvent('download');
	await contents.getByRole('button', { name: 'Download (8 bytes)' }).click();
	expect((await download).suggestedFilename()).toBe('odd.bin');

	// An SVG blob could carry script: never displayed, only downloadable.
	await resourceButton(page, /SVG blob/).click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	await expect(contents).toContainText('image/svg+xml');
	await expect(contents.getByRole('img')).toHaveCount(0);
	await expect(contents.getByRole('button', { name: /^Download/ })).toBeVisible();
});

test('a template form completes a variable from the server, expands the URI and reads it', async ({
	page
}) => {
	await openResources(page, ENDPOINT.dual);
	await page
		.getByRole('list', { name: 'Resource templates' })
		.getByRole('button', { name: /Item by id/ })
		.click();
	const form = page.getByRole('form', { name: 'Template variables' });
	await form.getByLabel('id', { exact: true }).fill('ap');
	const suggestions = form.getByRole('list', { name: 'Suggestions for id' });
	await expect(suggestions.getByRole('button')).toHaveText(['apple', 'apricot']);
	await suggestions.getByRole('button', { name: 'apricot' }).click();
	await expect(form.getByLabel('id', { exact: true })).toHaveValue('apricot');
	await expect(form).toContainText('demo://items/apricot');
	await form.getByRole('button', { name: 'Read' }).click();
	await expect(page.getByRole('region', { name: 'Resource contents' })).toContainText(
		'Item apricot'
	);

	// {/path*}: the typed value is expanded as path segments.
	await page
		.getByRole('list', { name: 'Resource templates' })
		.getByRole('button', { name: /File by path/ })
		.click();
	const fileForm = page.getByRole('form', { name: 'Template variables' });
	await fileForm.getByLabel('path', { exact: true }).fill('in');
	await fileForm
		.getByRole('list', { name: 'Suggestions for path' })
		.getByRole('button', { name: 'intro.md' })
		.click();
	await expect(fileForm).toContainText('demo://files/intro.md');
	await fileForm.getByRole('button', { name: 'Read' }).click();
	await expect(page.getByRole('region', { name: 'Resource contents' })).toContainText(
		'File intro.md'
	);
});

test('subscribe, hear the update, re-read, unsubscribe (2025 era)', async ({ page }) => {
	await openResources(page);
	await resourceButton(page, /Counter/).click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	const contents = page.getByRole('region', { name: 'Resource contents' });
	await expect(contents).toContainText(/count: \d+/);
	const before = Number(
		(await contents.locator('pre').first().textContent())?.match(/count: (\d+)/)?.[1]
	);

	// The demo counter ticks while someone is subscribed; the server announces each change.
	await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Unsubscribe', exact: true })).toBeVisible();
	await expect(resourceButton(page, /Counter/)).toContainText('updated');
	await expect(page.getByText('The server says this resource changed')).toBeVisible();
	await page.getByRole('button', { name: 'Re-read' }).click();
	await expect
		.poll(async () =>
			Number((await contents.locator('pre').first().textContent())?.match(/count: (\d+)/)?.[1])
		)
		.toBeGreaterThan(before);

	// After unsubscribing, a re-read clears the notice and no further update arrives.
	await page.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Subscribe', exact: true })).toBeVisible();
	await page.waitForTimeout(300); // an update sent just before the unsubscribe may still be on its way
	if (await page.getByRole('button', { name: 'Re-read' }).count())
		await page.getByRole('button', { name: 'Re-read' }).click();
	await expect(page.getByRole('button', { name: 'Re-read' })).toHaveCount(0);
	await page.waitForTimeout(1600);
	await expect(page.getByRole('button', { name: 'Re-read' })).toHaveCount(0);
	await expect(resourceButton(page, /Counter/)).not.toContainText('updated');
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const traffic = page.getByRole('region', { name: 'Traffic' });
	await page.getByRole('searchbox', { name: 'Filter traffic' }).fill('subscribe');
	await expect(traffic).toContainText('resources/subscribe');
	await expect(traffic).toContainText('resources/unsubscribe');
	await page.getByRole('searchbox', { name: 'Filter traffic' }).fill('resources/updated');
	await expect(traffic).toContainText('notifications/resources/updated');
});

test('subscribe, hear the update, re-read, unsubscribe (2026 era, over subscriptions/listen)', async ({
	page
}) => {
	await openResources(page, ENDPOINT.dual);
	await resourceButton(page, /Counter/).click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	const contents = page.getByRole('region', { name: 'Resource contents' });
	await expect(contents).toContainText(/count: \d+/);
	const count = async () =>
		Number((await contents.locator('pre').first().textContent())?.match(/count: (\d+)/)?.[1]);
	const before = await count();
	await expect(
		page.getByText('subscribing reopens its subscriptions/listen stream with this URI')
	).toBeVisible();

	// Subscribing reopens the listen stream with demo://counter in its filter; the server honours it and the counter ticks.
	await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Unsubscribe', exact: true })).toBeVisible();
	await expect(page.getByText('Updates arrive on the subscriptions/listen stream')).toContainText(
		'demo://counter'
	);
	await expect(page.getByText('Subscribed', { exact: true })).toBeVisible();
	await expect(resourceButton(page, /Counter/)).toContainText('updated');
	await expect(page.getByText('The server says this resource changed')).toBeVisible();
	await page.getByRole('button', { name: 'Re-read' }).click();
	await expect.poll(count).toBeGreaterThan(before);

	// After unsubscribing, the stream is reopened without the URI and no further update arrives.
	await page.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
	await expect(page.getByRole('button', { name: 'Subscribe', exact: true })).toBeVisible();
	await page.waitForTimeout(300); // an update sent just before the unsubscribe may still be on its way
	if (await page.getByRole('button', { name: 'Re-read' }).count())
		await page.getByRole('button', { name: 'Re-read' }).click();
	await expect(page.getByRole('button', { name: 'Re-read' })).toHaveCount(0);
	await page.waitForTimeout(1600);
	await expect(page.getByRole('button', { name: 'Re-read' })).toHaveCount(0);
	await expect(resourceButton(page, /Counter/)).not.toContainText('updated');

	// Traffic shows the subscriptions/listen request that named the resource, and the updates on its stream.
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const traffic = page.getByRole('region', { name: 'Traffic' });
	await page.getByRole('searchbox', { name: 'Filter traffic' }).fill('resources/updated');
	await expect(traffic).toContainText('notifications/resources/updated');
	await page.getByRole('searchbox', { name: 'Filter traffic' }).fill('resourceSubscriptions');
	await page.getByRole('combobox', { name: 'Method' }).selectOption('subscriptions/listen');
	await page.getByRole('combobox', { name: 'Direction' }).selectOption('sent');
	await trafficRows(page).first().click();
	await expect(page.getByRole('region', { name: 'Message' })).toContainText('demo://counter');
});

test('a resource link in a tool result opens in Resources and is read', async ({ page }) => {
	await openLoupe(page, { server: ENDPOINT.legacy, connect: true, tool: 'resource_link_demo' });
	await expectConnected(page);
	await page.getByRole('button', { name: 'Run tool' }).click();
	await page
		.getByRole('region', { name: 'Result' })
		.getByRole('button', { name: 'Open in Resources' })
		.click();
	await expect(page.getByRole('tab', { name: 'Resources' })).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await expect(page.getByRole('heading', { name: 'Demo README' })).toBeVisible();
	await expect(page.getByRole('region', { name: 'Resource contents' })).toContainText(
		'A demo MCP server for the Loupe inspector'
	);
});

// list_changed for resources is tested with the prompts' one (tests/browser/prompts.spec.ts): one toggle, no race.

test('hostile resource names and contents render as text', async ({ page }) => {
	const errors = watchPageErrors(page);
	const dialogs: string[] = [];
	page.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await openResources(page);
	const hostile = resourceButton(page, /Hostile/);
	await expect(hostile).toContainText(`<img src=x onerror="document.title='pwned'"> Hostile`);
	await hostile.click();
	await expect(
		page.getByText('<script>document.title="pwned"</script><b>bold?</b> shown as text')
	).toBeVisible();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	const contents = page.getByRole('region', { name: 'Resource contents' });
	await expect(contents).toContainText(
		`<img src=x onerror="document.title='pwned'"><script>document.title="pwned"</script> must show as text`
	);
	await expect(contents.getByRole('img')).toHaveCount(0);
	expect(await page.title()).not.toBe('pwned');
	expect(dialogs).toEqual([]);
	expect(errors).toEqual([]);
});

test('a narrow window shows resources and prompts without sideways scrolling', async ({ page }) => {
	await page.setViewportSize({ width: 420, height: 860 });
	await openResources(page);
	const overflow = () =>
		page.evaluate(
			() =>
				[...document.querySelectorAll('body *')].filter((el) => {
					const r = el.getBoundingClientRect();
					return (
						r.width > 0 &&
						r.right > window.innerWidth + 1 &&
						getComputedStyle(el).position !== 'absolute'
					);
				}).length
		);
	await resourceButton(page, /Guide/).click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	await expect(page.getByRole('region', { name: 'Resource contents' })).toContainText('# Guide');
	expect(await overflow()).toBe(0);
	await page.getByRole('tab', { name: 'Prompts' }).click();
	await page
		.getByRole('list', { name: 'Prompts' })
		.getByRole('button', { name: /^show_media/ })
		.click();
	await page.getByRole('button', { name: 'Get prompt' }).click();
	await expect(page.getByRole('region', { name: 'Prompt messages' })).toContainText(
		'Describe this picture.'
	);
	expect(await overflow()).toBe(0);
});

test('a long resource list (every page of 2,500) is virtualised, filters and reads', async ({
	page
}) => {
	await openResources(page, `${MCP}/mcp-many`);
	// The server sends 250 per page: all 2,500 means every nextCursor was followed.
	await expect(page.getByText('2,500 resources')).toBeVisible();
	const list = page.getByRole('list', { name: 'Resources' });
	await expect(list.getByRole('listitem').first()).toContainText('demo://many/0000');
	// Only the rows in view exist.
	expect(await list.getByRole('listitem').count()).toBeLessThan(100);
	// Arrow keys and End reach rows that did not exist until scrolled in.
	await page.getByRole('searchbox', { name: 'Filter resources' }).press('ArrowDown');
	await page.keyboard.press('ArrowDown');
	await expect(list.getByRole('button', { name: /demo:\/\/many\/0001/ })).toBeFocused();
	await page.keyboard.press('End');
	await expect(list.getByRole('button', { name: /demo:\/\/many\/2499/ })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Read', exact: true })).toBeVisible();
	await page.getByRole('searchbox', { name: 'Filter resources' }).fill('Item 2499');
	await expect(list.getByRole('button')).toHaveCount(1);
	await list.getByRole('button', { name: /Item 2499/ }).click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	await expect(page.getByRole('region', { name: 'Resource contents' })).toContainText(
		'This is item 2499.'
	);
});

test('a text/plain blob is shown as its text (not markup), with the download still offered', async ({
	page
}) => {
	// The reference "everything" server sends its dynamic blob resources as base64 text/plain.
	await openResources(page);
	await resourceButton(page, /Text sent as a blob/).click();
	await page.getByRole('button', { name: 'Read', exact: true }).click();
	const contents = page.getByRole('region', { name: 'Resource contents' });
	await expect(contents).toContainText('Notes: café <b>not bold</b>');
	await expect(contents).toContainText('second line');
	await expect(contents.locator('b')).toHaveCount(0);
	await expect(contents).not.toContainText('Binary content Loupe does not display.');
	await expect(contents.getByRole('button', { name: /^Download \(\d+ bytes\)$/ })).toBeVisible();
});

test('focusing an empty template variable lists the server\'s completions for ""', async ({
	page
}) => {
	await openResources(page, ENDPOINT.legacy);
	await page
		.getByRole('list', { name: 'Resource templates' })
		.getByRole('button', { name: /Item by id/ })
		.click();
	const form = page.getByRole('form', { name: 'Template variables' });
	await form.getByLabel('id', { exact: true }).click();
	const suggestions = form.getByRole('list', { name: 'Suggestions for id' });
	await expect(suggestions.getByRole('button', { name: 'apple' })).toBeVisible();
	await expect(suggestions.getByRole('button', { name: 'apricot' })).toBeVisible();
});
