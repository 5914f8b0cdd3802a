/**
 * The CORS doctor ("Check server") against the demo's endpoints with one CORS defect each
 * (tests/servers/cors-defects.ts), the CORS-less /mcp-nocors, a protected endpoint whose
 * authorization server keeps registration closed to browsers (oidc-provider's default), and
 * healthy endpoints; plus the precise connect, sign-in and Disconnect messages.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { APP_PORT } from '../../playwright.config';
import { ENDPOINT, MCP, expectConnected, openLoupe, status, toolButton } from './fixtures';

const ORIGIN = `http://127.0.0.1:${APP_PORT}`;
const NO_MCP_HEADERS = `${MCP}/mcp-cors-no-mcp-headers`;
const NO_EXPOSE = `${MCP}/mcp-cors-no-expose`;
const NO_DELETE = `${MCP}/mcp-cors-no-delete`;
const CLOSED_REGISTRATION = `${MCP}/mcp-oauth-closed-registration`;
const EXPOSE_ALL = `${MCP}/mcp-cors-expose-all`;
const EXPOSE_LINE =
	'Access-Control-Expose-Headers: Mcp-Session-Id, MCP-Protocol-Version, WWW-Authenticate, Retry-After';

function checks(page: Page): Locator {
	return page.getByRole('region', { name: 'Server check' }).getByRole('list', { name: 'Checks' });
}

/** The item of one hop, as a person reads it: "<hop>: OK|Warning|Failed|Skipped" first, then why. */
function hop(page: Page, name: string): Locator {
	return checks(page)
		.getByRole('listitem')
		.filter({ hasText: new RegExp(`^\\s*\\S?\\s*${name}: (OK|Warning|Failed|Skipped)`) });
}

async function expectHop(
	page: Page,
	name: string,
	verdict: 'OK' | 'Warning' | 'Failed' | 'Skipped',
	...details: (string | RegExp)[]
): Promise<void> {
	const item = hop(page, name);
	await expect(item).toHaveAccessibleName(`${name}: ${verdict}`);
	await expect(item).toContainText(`${name}: ${verdict}`);
	for (const detail of details) await expect(item).toContainText(detail);
}

/** Runs the check from Settings, for the URL in the connection bar. */
async function checkFromSettings(page: Page): Promise<void> {
	await page.getByRole('button', { name: 'Settings' }).click();
	await page
		.getByRole('form', { name: 'Connection settings' })
		.getByRole('button', { name: 'Check server' })
		.click();
	await expect(checks(page).getByRole('listitem')).toHaveCount(11, { timeout: 20_000 });
}

/** Runs the check from the alert that offers it. */
async function checkFromAlert(alert: Locator, page: Page): Promise<void> {
	await alert.getByRole('button', { name: 'Check server' }).click();
	await expect(checks(page).getByRole('listitem')).toHaveCount(11, { timeout: 20_000 });
}

test('a healthy endpoint: every hop of the MCP endpoint OK, the sign-in hops skipped', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.dual });
	await checkFromSettings(page);
	await expectHop(page, 'Reachable', 'OK');
	await expectHop(page, 'Allow-Origin', 'OK', 'errors included');
	await expectHop(
		page,
		'Preflight',
		'OK',
		'MCP-Protocol-Version',
		'Mcp-Method',
		'Mcp-Name',
		'Last-Event-ID'
	);
	await expectHop(page, 'Expose-Headers', 'OK', 'Mcp-Session-Id is readable');
	// A page cannot read an explicit Expose-Headers list: whether Retry-After is on it stays open.
	await expectHop(
		page,
		'Retry-After',
		'Skipped',
		'Not confirmed: no answer showed Retry-After',
		'Loupe can only say "wait a little"',
		EXPOSE_LINE
	);
	await expectHop(page, 'GET stream', 'OK');
	await expectHop(page, 'DELETE', 'OK', 'ended its own session');
	await expectHop(page, 'Protected resource metadata', 'Skipped', 'asks for no sign-in');
	await expectHop(page, 'Authorization server metadata', 'Skipped');
	await expectHop(page, 'Registration', 'Skipped');
	await expectHop(page, 'Token endpoint', 'Skipped');
	await expect(checks(page).getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Server check' })).toContainText(
		'Every hop this page needs is open.'
	);
	await expect(page.getByRole('region', { name: 'Server check' })).not.toContainText('warning');
	// Nothing was left behind: the check's probes are in Traffic, its session ended with DELETE.
	await page.getByRole('tab', { name: 'Traffic' }).click();
	await page.getByRole('combobox', { name: 'Show' }).selectOption('http');
	await expect(
		page
			.getByRole('region', { name: 'Traffic' })
			.getByRole('listitem')
			.filter({ hasText: /DELETE/ })
			.first()
	).toBeVisible();
});

test('a server that exposes every header (*): Retry-After OK, no warning', async ({ page }) => {
	await openLoupe(page, { server: EXPOSE_ALL });
	await checkFromSettings(page);
	await expectHop(page, 'Expose-Headers', 'OK');
	await expectHop(page, 'Retry-After', 'OK', 'Access-Control-Expose-Headers: *');
	await expect(checks(page).getByRole('listitem').filter({ hasText: 'Warning' })).toHaveCount(0);
	await expect(page.getByRole('region', { name: 'Server check' })).not.toContainText('warning');
});

test('a protected endpoint with an open authorization server: every sign-in hop OK', async ({
	page
}) => {
	await openLoupe(page, { server: `${MCP}/mcp-oauth` });
	await checkFromSettings(page);
	await expectHop(page, 'Allow-Origin', 'OK');
	await expectHop(page, 'Preflight', 'OK', 'Authorization');
	await expectHop(page, 'Expose-Headers', 'OK', 'WWW-Authenticate is readable');
	await expectHop(
		page,
		'Protected resource metadata',
		'OK',
		'/.well-known/oauth-protected-resource/mcp-oauth'
	);
	await expectHop(page, 'Authorization server metadata', 'OK');
	await expectHop(page, 'Registration', 'OK', 'registers nothing');
	await expectHop(page, 'Token endpoint', 'OK', 'asks for nothing');
	await expect(checks(page).getByRole('listitem').filter({ hasText: 'Failed' })).toHaveCount(0);
});

test('no CORS at all: Allow-Origin fails, with the header line, the snippets and the bridge', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.noCors, connect: true });
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('is up, but it does not allow requests from this page');
	await checkFromAlert(alert, page);
	await expectHop(page, 'Reachable', 'OK');
	await expectHop(
		page,
		'Allow-Origin',
		'Failed',
		'no answer carries Access-Control-Allow-Origin',
		`Access-Control-Allow-Origin: ${ORIGIN}`
	);
	await expectHop(page, 'Preflight', 'Skipped');
	const item = hop(page, 'Allow-Origin');
	await expect(item).toContainText(
		`npm run bridge -- --loupe http://127.0.0.1:${APP_PORT}/ --to ${ENDPOINT.noCors}`
	);
	// The snippets for common stacks, behind a disclosure.
	await item.getByText('The whole CORS set-up').click();
	for (const stack of [
		'Express (cors)',
		'Hono (cors)',
		'Starlette / FastAPI (CORSMiddleware)',
		'nginx',
		'Cloudflare Workers'
	]) {
		await expect(item.getByRole('heading', { name: stack })).toBeVisible();
	}
	await expect(item).toContainText(`origin: '${ORIGIN}'`);
	await expect(item).toContainText(
		"allowedHeaders: ['Content-Type', 'Authorization', 'Mcp-Session-Id', 'MCP-Protocol-Version', 'Last-Event-ID', 'Mcp-Method', 'Mcp-Name']"
	);
});

test('Allow-Headers without the MCP headers: initialize passes, the alert and the check name the refused header', async ({
	page
}) => {
	await openLoupe(page, { server: NO_MCP_HEADERS, connect: true });
	const alert = page.getByRole('alert');
	await expect(alert).toContainText(
		`The server at ${NO_MCP_HEADERS} allowed this origin but refused the request header mcp-protocol-version (CORS).`
	);
	await expect(alert).toContainText(
		'Access-Control-Allow-Headers: Content-Type, Authorization, Mcp-Session-Id, MCP-Protocol-Version'
	);
	await expect(status(page)).toContainText('Error');
	await checkFromAlert(alert, page);
	await expectHop(page, 'Allow-Origin', 'OK');
	await expectHop(
		page,
		'Preflight',
		'Failed',
		'allowed this origin but refused the request headers mcp-protocol-version, mcp-method, mcp-name, last-event-id'
	);
	await expect(hop(page, 'Preflight')).not.toContainText('content-type,');
	await expect(hop(page, 'Preflight')).toContainText(
		'Access-Control-Allow-Headers: Content-Type, Authorization, Mcp-Session-Id, MCP-Protocol-Version, Last-Event-ID, Mcp-Method, Mcp-Name'
	);
	await expect(hop(page, 'Preflight')).toContainText(
		`npm run bridge -- --loupe http://127.0.0.1:${APP_PORT}/ --to ${NO_MCP_HEADERS}`
	);
	await expectHop(page, 'Expose-Headers', 'OK', 'Mcp-Session-Id is readable');
	await expectHop(page, 'DELETE', 'OK');
});

test('no Expose-Headers: the alert and the check say the session id is hidden from the page', async ({
	page
}) => {
	await openLoupe(page, { server: NO_EXPOSE, connect: true });
	const alert = page.getByRole('alert');
	await expect(alert).toContainText(
		`The server at ${NO_EXPOSE} started a session, but its session id (Mcp-Session-Id) is hidden from this page (CORS)`
	);
	await expect(alert).toContainText(EXPOSE_LINE);
	// The server speaks Streamable HTTP (initialize succeeded): no detour through legacy SSE.
	await expect(alert).not.toContainText('Legacy SSE');
	await checkFromAlert(alert, page);
	await expectHop(page, 'Allow-Origin', 'OK');
	await expectHop(page, 'Preflight', 'OK');
	await expectHop(
		page,
		'Expose-Headers',
		'Failed',
		'its session id (Mcp-Session-Id) is hidden from this page',
		EXPOSE_LINE
	);
});

test('no DELETE: Disconnect says the session stays open on the server, and the check names DELETE', async ({
	page
}) => {
	await openLoupe(page, { server: NO_DELETE, connect: true });
	await expectConnected(page);
	await page.getByRole('button', { name: 'Disconnect' }).click();
	await expect(status(page)).toContainText('Disconnected');
	const notice = page
		.getByRole('status')
		.filter({ hasText: 'DELETE is not allowed, so the session could not be ended on the server' });
	await expect(notice).toBeVisible();
	await notice.getByRole('button', { name: 'Check server' }).click();
	await expect(checks(page).getByRole('listitem')).toHaveCount(11, { timeout: 20_000 });
	await expectHop(page, 'Preflight', 'OK');
	await expectHop(
		page,
		'DELETE',
		'Failed',
		'DELETE is not allowed',
		'Access-Control-Allow-Methods: GET, POST, DELETE, OPTIONS'
	);
	await expectHop(page, 'GET stream', 'OK');
});

test('a closed registration endpoint: sign-in says so instead of "Failed to fetch", and the check agrees', async ({
	page
}) => {
	await openLoupe(page, { server: CLOSED_REGISTRATION, connect: true });
	await expect(status(page)).toContainText('Sign-in required');
	const popupOpened = page.waitForEvent('popup');
	await page.getByRole('button', { name: 'Sign in', exact: true }).first().click();
	const popup = await popupOpened;
	// The sign-in window closes again: sign-in stopped before it had anything to show.
	await expect.poll(() => popup.isClosed()).toBe(true);
	const alert = page.getByRole('alert').filter({ hasText: 'Sign-in failed' });
	await expect(alert).toContainText(
		/the authorization server's registration endpoint does not allow requests from this page/i
	);
	await expect(alert).not.toContainText('Failed to fetch');
	await checkFromAlert(alert, page);
	await expectHop(page, 'Protected resource metadata', 'OK');
	await expectHop(page, 'Authorization server metadata', 'OK', '/closed');
	await expectHop(
		page,
		'Registration',
		'Failed',
		"The authorization server's registration endpoint does not allow requests from this page",
		'Client ID'
	);
	await expectHop(page, 'Token endpoint', 'OK');
});

test('a header refused mid-session (a tool mirrors its argument into Mcp-Param-Region): the call names it, the session stays up', async ({
	page
}) => {
	const url = `${MCP}/mcp-cors-no-param-headers`;
	await openLoupe(page, { server: url, connect: true, tool: 'regional_echo' });
	await expectConnected(page);
	await page.getByRole('textbox', { name: /^region\b/ }).fill('eu-west');
	await page.getByRole('button', { name: 'Run tool' }).click();
	const result = page.getByRole('region', { name: 'Result' });
	await expect(result).toContainText(
		`The server at ${url} allowed this origin but refused the request header mcp-param-region (CORS).`
	);
	await expect(result).toContainText('Access-Control-Allow-Headers:');
	await expect(result).toContainText('Mcp-Param-Region');
	// The failed call offers the check where it failed; the focus moves to its verdicts.
	await result.getByRole('button', { name: 'Check server' }).click();
	const check = page.getByRole('region', { name: 'Server check' });
	await expect(check.getByRole('heading', { name: 'Server check' })).toBeFocused();
	await expect(check.getByRole('status')).toContainText('hops failed', { timeout: 20_000 });
	await expect(
		check.getByRole('listitem').filter({ hasText: 'Preflight' }).filter({ hasText: 'Failed' })
	).toContainText('Mcp-Param-Region');
	// Only that request was refused: the connection holds and other tools still run.
	await expectConnected(page);
	await toolButton(page, 'echo').click();
	await page.getByRole('textbox', { name: /^message\b/ }).fill('still here');
	await page.getByRole('button', { name: 'Run tool' }).click();
	await expect(result).toContainText('still here');
});

test('a legacy HTTP+SSE server: the check follows its stream to the messages endpoint', async ({
	page
}) => {
	await openLoupe(page, { server: ENDPOINT.sse, transport: 'sse' });
	await checkFromSettings(page);
	await expectHop(
		page,
		'GET stream',
		'OK',
		`named its messages endpoint ${MCP}/messages?sessionId=`
	);
	await expectHop(page, 'Allow-Origin', 'OK');
	await expectHop(page, 'Preflight', 'OK');
	await expectHop(page, 'Expose-Headers', 'OK', 'keeps its session in the messages URL');
	await expectHop(page, 'DELETE', 'Skipped', 'has no DELETE');
});
