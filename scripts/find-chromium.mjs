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
 * How the tests and the bench start it: no sandbox (root in CI), no GPU, and none of its
 * background networking, which this sandbox's closed network refuses many times a start.
 */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
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
