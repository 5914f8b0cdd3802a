/**
 * Where is a Chromium to test with? CHROMIUM_PATH, then Debian's /usr/bin/chromium (and the
 * usual other names), then Playwright's own download. Returns undefined when there is none.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = [
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome',
	'/usr/bin/google-chrome-stable'
];

/**
 * Chromium features switched off for the tests and the bench. The browser's own address-bar popup
 * (a WebUI page in a renderer of its own) is preloaded for every new window, and each Playwright
 * context is a new window: on two cores that renderer took about 2 s of CPU beside every page
 * load measured (Chromium 156), which a person's browser, started once, does not pay per page.
 * Chromium reads only the last --disable-features, so the list Playwright passes itself
 * (playwright-core 1.65, coreBundle.js) is repeated here.
 */
const DISABLED_FEATURES = [
	// Playwright's own.
	'AvoidUnnecessaryBeforeUnloadCheckSync',
	'DestroyProfileOnBrowserClose',
	'HttpsUpgrades',
	'HttpsFirstBalancedModeAutoEnable',
	'LensOverlay',
	'MediaRouter',
	'PaintHolding',
	'ThirdPartyStoragePartitioning',
	'AvoidCorsURLLoaderRestartOnRedirect',
	'TcpPortRandomizationWin',
	'OptimizationHints',
	'NetworkTimeServiceQuerying',
	'AimEnabled',
	'PreconnectToSearch',
	// The address bar's WebUI popup and its preloading.
	'WebUIOmniboxPopup',
	'WebUIOmniboxFullPopup',
	'WebUIOmniboxAimPopup',
	'PreloadTopChromeWebUI'
];

/**
 * How the tests and the bench start it: no sandbox (root in CI), no GPU, none of its background
 * networking (which this sandbox's closed network refuses many times a start), and none of the
 * browser's own UI work above.
 */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	`--disable-features=${DISABLED_FEATURES.join(',')}`
];

export async function findChromium() {
	if (process.env.CHROMIUM_PATH)
		return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
	for (const path of CANDIDATES) if (existsSync(path)) return path;
	try {
		const { chromium } = await import('@playwright/test');
		const own = chromium.executablePath();
		if (own && existsSync(own)) return own;
	} catch {
		// Playwright has no browser of its own here.
	}
	return undefined;
}

export const HOW_TO_GET_CHROMIUM = `No Chromium found for the browser tests. Either:
  - install one: npx playwright install chromium   (or on Debian/Ubuntu: sudo apt-get install chromium)
  - or point CHROMIUM_PATH at a Chromium or Chrome binary: CHROMIUM_PATH=/path/to/chrome npm test`;
