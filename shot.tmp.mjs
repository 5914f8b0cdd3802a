import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
const app = spawn(process.execPath, ['scripts/serve-static.mjs', '--port', '4499'], { stdio: 'ignore' });
const demo = spawn(process.execPath, ['--import', 'tsx', 'tests/servers/main.ts', '--port', '3499'], { stdio: ['ignore', 'pipe', 'ignore'] });
await new Promise((r) => demo.stdout.on('data', (d) => String(d).includes('/mcp') && r()));
await new Promise((r) => setTimeout(r, 300));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [w, h] of [[1280, 800], [1920, 1080], [800, 900]]) {
	const page = await browser.newPage({ viewport: { width: w, height: h } });
	await page.goto(`http://127.0.0.1:4499/?server=${encodeURIComponent('http://127.0.0.1:3499/mcp-legacy')}&connect=1&tool=ask_llm`);
	await page.getByRole('button', { name: 'Run tool' }).click();
	await page.getByRole('form', { name: 'Sampling reply' }).waitFor();
	await page.screenshot({ path: `/tmp/pending-${w}.png` });
	if (w === 1280) { await page.getByRole('button', { name: 'Settings' }).click(); await page.screenshot({ path: `/tmp/settings-${w}.png` }); }
	await page.close();
}
await browser.close(); app.kill(); demo.kill();
