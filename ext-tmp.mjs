import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
for (const [url, tr] of [['http://127.0.0.1:3601/mcp', 'auto'], ['http://127.0.0.1:3602/sse', 'auto']]) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errs = [];
  page.on('pageerror', (e) => errs.push(e.message));
  await page.goto('http://127.0.0.1:4500/?server=' + encodeURIComponent(url) + '&connect=1&transport=' + tr);
  await page.getByRole('status', { name: 'Connection status' }).filter({ hasText: /Connected|Error/ }).waitFor({ timeout: 15000 }).catch(() => {});
  console.log(url, '→', await page.getByRole('status', { name: 'Connection status' }).textContent());
  console.log('  server:', (await page.getByRole('region', { name: 'Server' }).textContent().catch(() => ''))?.replace(/\s+/g, ' ').slice(0, 300));
  console.log('  alert:', await page.getByRole('alert').textContent().catch(() => 'none'));
  const tools = await page.getByRole('list', { name: 'Tools' }).getByRole('button').allTextContents();
  console.log('  tools:', tools.length, tools.map((t) => t.split(/\s/)[0]).join(', '));
  console.log('  notice:', await page.locator('.notice').textContent().catch(() => 'none'));
  // try each tool with default args
  for (const name of tools.map((t) => t.trim().split(/\s/)[0])) {
    await page.getByRole('list', { name: 'Tools' }).getByRole('button', { name: new RegExp('^' + name + '\\b') }).click();
    const form = page.getByRole('form', { name: 'Arguments' });
    await form.waitFor({ timeout: 5000 }).catch(() => {});
    const alerts = await form.getByRole('alert').allTextContents().catch(() => []);
    await page.getByRole('button', { name: 'Run tool' }).click().catch(() => {});
    await page.waitForTimeout(1200);
    const res = (await page.getByRole('region', { name: 'Result' }).textContent().catch(() => ''))?.replace(/\s+/g, ' ').slice(0, 160);
    console.log('   -', name, alerts.length ? '[form alert: ' + alerts.join(' | ') + ']' : '', '::', res);
  }
  await page.screenshot({ path: '/tmp/ext-' + tr + '-' + url.split(':')[2].split('/')[0] + '.png' });
  console.log('  page errors:', errs);
  await page.close();
}
await browser.close();
