// The README's picture of the playground: builds it from the current sources, serves it with
// `tpt playground`, opens the full adder by link in headless Chromium, waits for the search to solve
// it, and writes the screenshot. Usage: npx tsx scripts/playground-screenshot.ts [OUT.png]
import { rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildFresh, launchChromium, servePlayground } from './playground-browser.ts';

const out = resolve(process.argv[2] ?? 'docs/playground.png');
const site = await buildFresh();
const [served, browser] = await Promise.all([servePlayground(site), launchChromium()]);
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${served.url}?example=circuit&batch=full_adder&optimizer=gradsearch-ls&run=1`);
  await page.locator('#result').filter({ hasText: 'examples solved' }).waitFor({ timeout: 60_000 });
    await page.screenshot({ path: out });
  process.stdout.write(`wrote ${out}\n`);
} finally {
  await browser.close();
  await served.stop();
  rmSync(dirname(site), { recursive: true, force: true });
}
