import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from './scripts/find-chromium.mjs';

/** Ports for the browser tests: the built app and the demo MCP servers from tests/servers. */
export const APP_PORT = Number(process.env.TEST_APP_PORT ?? 4391);
export const MCP_PORT = Number(process.env.TEST_MCP_PORT ?? 3391);
/** The copy built for a sub-path (BASE_PATH=/loupe), served under that path. */
export const SUBPATH_PORT = Number(process.env.TEST_SUBPATH_PORT ?? 4392);
/** The test OAuth authorization server (tests/servers/auth); the demo server's /mcp-oauth trusts it. */
export const AUTH_PORT = Number(process.env.TEST_AUTH_PORT ?? 3392);

const executablePath = process.env.CHROMIUM_PATH || undefined;

export default defineConfig({
	testDir: 'tests/browser',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${APP_PORT}`,
		trace: 'retain-on-failure',
		viewport: { width: 1280, height: 800 },
		launchOptions: {
			executablePath,
			args: CHROMIUM_ARGS
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: [
		{
			command: `node scripts/serve-static.mjs --port ${APP_PORT}`,
			url: `http://127.0.0.1:${APP_PORT}/`,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			command: `node scripts/serve-static.mjs --port ${SUBPATH_PORT} --dir build-subpath`,
			env: { BASE_PATH: '/loupe' },
			url: `http://127.0.0.1:${SUBPATH_PORT}/loupe/`,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			command: `node --import tsx tests/servers/auth/main.ts --port ${AUTH_PORT}`,
			url: `http://127.0.0.1:${AUTH_PORT}/.well-known/oauth-authorization-server`,
			reuseExistingServer: false,
			timeout: 30_000
		},
		{
			command: `node --import tsx tests/servers/main.ts --port ${MCP_PORT}`,
			url: `http://127.0.0.1:${MCP_PORT}/`,
			reuseExistingServer: false,
			timeout: 30_000
		}
	]
});
