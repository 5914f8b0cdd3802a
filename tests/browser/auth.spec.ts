/**
 * OAuth sign-in through the UI contract, against the real test authorization server
 * (tests/servers/auth, oidc-provider) and the demo server's protected /mcp-oauth endpoints.
 * Its login page: textbox "Username", button "Sign in"; consent page: button "Approve".
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { SUBPATH_PORT } from '../../playwright.config';
import {
	MCP,
	approveOnAuthServer,
	expectConnected,
	openLoupe,
	signInButton,
	signInWithPopup,
	status,
	toolButton
} from './fixtures';

const OAUTH = `${MCP}/mcp-oauth`;
const OAUTH_SHORT = `${MCP}/mcp-oauth-short`;

/** Collects every token the authorization server hands out, to prove none leaks. */
function watchTokens(page: Page): string[] {
	const tokens: string[] = [];
	page.on('response', async (response) => {
		if (
			!/\/token$/.test(new URL(response.url()).pathname) ||
			response.request().method() !== 'POST'
		)
			return;
		try {
			const body = (await response.json()) as Record<string, unknown>;
			for (const key of ['access_token', 'refresh_token'])
				if (typeof body[key] === 'string') tokens.push(body[key] as string);
		} catch {
			// Not JSON: nothing handed out.
		}
	});
	return tokens;
}

async function runEcho(page: Page, message: string): Promise<void> {
	await page.getByRole('tab', { name: 'Tools' }).click();
	await toolButton(page, 'echo').click();
	await page
		.getByRole('form', { name: 'Arguments' })
		.getByLabel('message', { exact: true })
		.fill(message);
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(page.getByRole('region', { name: 'Result' })).toContainText(`Echo: ${message}`);
}

test('sign in through the popup, call a tool; no token in Traffic export or localStorage', async ({
	page
}) => {
	const tokens = watchTokens(page);
	await openLoupe(page, { server: OAUTH, connect: true });
	await expect(status(page)).toContainText('Sign-in required');
	await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
	// Said where the person looks, with the button there.
	const callout = page.getByRole('status').filter({ hasText: 'This server asks you to sign in.' });
	await expect(callout.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

	await signInWithPopup(page);
	await expectConnected(page);
	await expect(status(page)).toContainText('Signed in');
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
	await expect(signInButton(page)).toHaveCount(0);
	await runEcho(page, 'hello through OAuth');

	await page.getByRole('tab', { name: 'Auth' }).click();
	const panel = page.getByRole('region', { name: 'Auth' });
	await expect(panel).toContainText(/resource metadata/i);
	await expect(panel).toContainText(/registration/i);
	await expect(panel).toContainText(/token/i);

	expect(tokens.length).toBeGreaterThan(0);
	const local = await page.evaluate(() => JSON.stringify({ ...localStorage }));
	await page.getByRole('tab', { name: 'Traffic' }).click();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export traffic' }).click();
	const exported = await readFile(await (await download).path(), 'utf8');
	expect(exported).toContain('tools/call');
	for (const token of tokens) {
		expect(local).not.toContain(token);
		expect(exported).not.toContain(token);
	}
	await page.getByRole('tab', { name: 'Auth' }).click();
	const authText = await panel.innerText();
	for (const token of tokens) expect(authText).not.toContain(token);
});

test('a reload keeps the tab signed in, a new tab is not, and Sign out forgets the token', async ({
	page,
	context
}) => {
	await openLoupe(page, { server: OAUTH, connect: true });
	await expect(status(page)).toContainText('Sign-in required');
	await signInWithPopup(page);
	await expectConnected(page);

	await page.reload();
	await expectConnected(page);
	await expect(status(page)).toContainText('Signed in');
	await expect(signInButton(page)).toHaveCount(0);
	await runEcho(page, 'after reload');

	const other = await context.newPage();
	await openLoupe(other, { server: OAUTH, connect: true });
	await expect(status(other)).toContainText('Sign-in required');
	await expect(signInButton(other)).toBeVisible();
	await expect(status(other)).not.toContainText('Signed in');
	await other.close();

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(status(page)).toContainText('Sign-in required');
	await expect(status(page)).not.toContainText('Signed in');
	await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
	await expect(signInButton(page)).toBeVisible();
	await page.getByRole('tab', { name: 'Auth' }).click();
	await expect(page.getByRole('region', { name: 'Auth' })).toContainText(/revocation/i);

	await page.reload();
	await expect(status(page)).toContainText('Sign-in required');
});

test('an expired access token is refreshed and the call still works', async ({ page }) => {
	test.setTimeout(60_000);
	await openLoupe(page, { server: OAUTH_SHORT, connect: true });
	await expect(status(page)).toContainText('Sign-in required');
	await signInWithPopup(page);
	await expectConnected(page);
	// The test authorization server gives /mcp-oauth-short tokens 5 s of life.
	await page.waitForTimeout(6_500);
	await runEcho(page, 'after expiry');
	await expect(status(page)).toContainText('Signed in');
	await page.getByRole('tab', { name: 'Auth' }).click();
	await expect(page.getByRole('region', { name: 'Auth' })).toContainText(/refresh/i);
});

test('a tool that needs another scope asks to sign in again (step-up) and then works', async ({
	page
}) => {
	await openLoupe(page, { server: OAUTH, connect: true });
	await signInWithPopup(page);
	await expectConnected(page);
	await toolButton(page, 'admin_report').click();
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(signInButton(page)).toBeVisible();
	// Said at the call, with the button there: not a bare "Running…".
	const grant = page
		.getByRole('status')
		.filter({ hasText: 'The server wants more permission for this call' });
	await expect(grant).toBeVisible();
	await expect(grant.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

	// The call waits for the wider grant, then goes through with the new token.
	await signInWithPopup(page);
	await expect(page.getByRole('region', { name: 'Result' })).toContainText('Admin report');
	await expect(signInButton(page)).toHaveCount(0);
	await expect(status(page)).toContainText('Signed in');
	await page.getByRole('tab', { name: 'Auth' }).click();
	await expect(page.getByRole('region', { name: 'Auth' })).toContainText(/step-up/i);
});

test('with pop-ups blocked, sign-in goes through the same tab and comes back signed in', async ({
	page
}) => {
	await page.addInitScript(() => {
		window.open = () => null;
	});
	await openLoupe(page, { server: OAUTH, connect: true });
	await expect(status(page)).toContainText('Sign-in required');
	await signInButton(page).click();
	await approveOnAuthServer(page);
	await expectConnected(page);
	await expect(status(page)).toContainText('Signed in');
	expect(page.url()).not.toContain('code=');
	await runEcho(page, 'after redirect');
});

test('closing the sign-in window says so and offers to try again', async ({ page }) => {
	await openLoupe(page, { server: OAUTH, connect: true });
	await expect(status(page)).toContainText('Sign-in required');
	const popupOpened = page.waitForEvent('popup');
	await signInButton(page).click();
	const popup = await popupOpened;
	await expect(popup.getByRole('textbox', { name: 'Username' })).toBeVisible();
	await popup.close();
	await expect(page.getByRole('alert')).toContainText('closed');
	await expect(signInButton(page)).toBeEnabled();
	await signInWithPopup(page);
	await expectConnected(page);
});

test('under a sub-path (BASE_PATH=/loupe) the redirect URI and callback page live under it', async ({
	page
}) => {
	const authorizeUrls: string[] = [];
	page.context().on('request', (r) => {
		if (new URL(r.url()).pathname === '/auth') authorizeUrls.push(r.url());
	});
	await page.goto(
		`http://127.0.0.1:${SUBPATH_PORT}/loupe/?server=${encodeURIComponent(OAUTH)}&connect=1`
	);
	await expect(status(page)).toContainText('Sign-in required');
	await signInWithPopup(page);
	await expectConnected(page);
	await expect(status(page)).toContainText('Signed in');
	expect(new URL(authorizeUrls[0]).searchParams.get('redirect_uri')).toBe(
		`http://127.0.0.1:${SUBPATH_PORT}/loupe/oauth/callback/`
	);
});

test('a misconfigured server: the failed step says what it got wrong, and no window stays open', async ({
	page
}) => {
	await openLoupe(page, { server: `${MCP}/mcp-oauth-wrong-resource`, connect: true });
	await expect(status(page)).toContainText('Sign-in required');
	const popupOpened = page.waitForEvent('popup');
	await signInButton(page).click();
	const popup = await popupOpened;
	await expect(page.getByRole('alert')).toContainText('Sign-in failed');
	await expect.poll(() => popup.isClosed()).toBe(true);
	await page.getByRole('tab', { name: 'Auth' }).click();
	const failed = page
		.getByRole('region', { name: 'Auth' })
		.getByRole('listitem', { name: /: Failed$/ });
	await expect(failed).toHaveCount(1);
	await expect(failed).toContainText('Protected resource metadata');
	await expect(failed).toContainText('RFC 9728');
	await expect(status(page)).not.toContainText('Signed in');
});

test('when the opener link is cut (COOP), the callback still reaches Loupe over a BroadcastChannel', async ({
	page,
	context
}) => {
	// What a Cross-Origin-Opener-Policy on the authorization server does: the callback page has no opener.
	await context.addInitScript(() => {
		if (location.pathname.endsWith('/oauth/callback/'))
			Object.defineProperty(window, 'opener', { value: null });
	});
	await openLoupe(page, { server: OAUTH, connect: true });
	await expect(status(page)).toContainText('Sign-in required');
	await signInWithPopup(page);
	await expectConnected(page);
	await expect(status(page)).toContainText('Signed in');
});

test('denying access on the consent page is reported, and Sign in stays offered', async ({
	page
}) => {
	await openLoupe(page, { server: OAUTH, connect: true });
	const popupOpened = page.waitForEvent('popup');
	await signInButton(page).click();
	const popup = await popupOpened;
	const closed = popup.waitForEvent('close');
	await popup.getByRole('textbox', { name: 'Username' }).fill('bob');
	await popup.getByRole('button', { name: 'Sign in' }).click();
	await popup.getByRole('button', { name: 'Deny' }).click();
	await closed;
	await expect(page.getByRole('alert')).toContainText('access_denied');
	await expect(signInButton(page)).toBeEnabled();
	await expect(status(page)).toContainText('Sign-in required');
	await page.getByRole('tab', { name: 'Auth' }).click();
	await expect(
		page.getByRole('region', { name: 'Auth' }).getByRole('listitem', { name: /: Failed$/ })
	).toHaveCount(1);
});
