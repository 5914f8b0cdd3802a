/** Shared helpers for the browser tests: they drive Loupe through ../shared/ui-contract.md. */
import { expect, type Page } from '@playwright/test';
import { MCP_PORT } from '../../playwright.config';

export const MCP = `http://127.0.0.1:${MCP_PORT}`;
export const ENDPOINT = {
	dual: `${MCP}/mcp`,
	legacy: `${MCP}/mcp-legacy`,
	noCors: `${MCP}/mcp-nocors`,
	sse: `${MCP}/sse`,
	offSpec: `${MCP}/mcp-off-spec`,
	token: `${MCP}/mcp-token`
};

export interface OpenOptions {
	server?: string;
	transport?: 'auto' | 'streamable-http' | 'sse';
	connect?: boolean;
	tool?: string;
}

/** Opens Loupe by deep link. */
export async function openLoupe(page: Page, options: OpenOptions = {}): Promise<void> {
	const params = new URLSearchParams();
	if (options.server) params.set('server', options.server);
	if (options.transport) params.set('transport', options.transport);
	if (options.connect) params.set('connect', '1');
	if (options.tool) params.set('tool', options.tool);
	const query = params.toString();
	await page.goto(query ? `/?${query}` : '/');
}

export function status(page: Page) {
	return page.getByRole('status', { name: 'Connection status' });
}

export async function expectConnected(page: Page): Promise<void> {
	await expect(status(page)).toContainText('Connected');
}

export function toolButton(page: Page, name: string) {
	return page
		.getByRole('list', { name: 'Tools' })
		.getByRole('button', { name: new RegExp(`^${name}\\b`) });
}

/** The rows of messages and HTTP exchanges (each a button), not the boundaries between connections. */
export function trafficRows(page: Page) {
	return page
		.getByRole('region', { name: 'Traffic' })
		.getByRole('listitem')
		.filter({ has: page.getByRole('button') });
}

/** Collects errors the page throws or logs, so a test can assert there were none. */
export function watchPageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('console', (m) => {
		if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text()))
			errors.push(m.text());
	});
	return errors;
}

export function signInButton(page: Page) {
	return page.getByRole('button', { name: 'Sign in', exact: true });
}

/** Logs in (when asked) and approves (when asked) on the authorization server's pages. */
export async function approveOnAuthServer(page: Page): Promise<void> {
	const username = page.getByRole('textbox', { name: 'Username' });
	const approve = page.getByRole('button', { name: 'Approve' });
	await expect(username.or(approve)).toBeVisible();
	if (await username.isVisible()) {
		await username.fill('alice');
		await page.getByRole('button', { name: 'Sign in' }).click();
	}
	await approve.click();
}

/** Clicks Sign in, completes the popup and waits for it to close. */
export async function signInWithPopup(page: Page): Promise<void> {
	const popupOpened = page.waitForEvent('popup');
	await signInButton(page).click();
	const popup = await popupOpened;
	// Listen before approving: the window may close before the click has returned.
	const closed = popup.waitForEvent('close');
	await approveOnAuthServer(popup);
	await closed;
}
