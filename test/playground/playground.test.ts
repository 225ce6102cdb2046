// The playground as a user meets it: built from the current sources, served by `tpt playground`, driven
// in headless Chromium. It loads, opens an example by link and solves it (the downloaded params pass
// `tpt run`), shows an edited-in error where the CLI puts it, carries an edit through a share link, and
// runs a small comparison to its table. Each state is screenshotted into a temporary folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { tpt } from '../cli/run-cli.ts';
import { buildFresh, launchChromium, servePlayground, type Served } from '../../scripts/playground-browser.ts';

const CIRCUIT = new URL('../../programs/circuit/circuit.tpt', import.meta.url).pathname;
const shots = mkdtempSync(join(tmpdir(), 'tpt-playground-shots-'));

let site: string;
let served: Served;
let browser: Browser;
/** Requests that left this machine, and errors thrown in any page: both must stay empty. */
const external: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  site = await buildFresh();
  [served, browser] = await Promise.all([servePlayground(site), launchChromium()]);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (served) expect(await served.stop()).toBe(0);
  if (site) rmSync(dirname(site), { recursive: true, force: true });
  process.stdout.write(`playground screenshots: ${shots}\n`);
});

async function open(path: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page.on('request', (r) => {
    if (!r.url().startsWith(served.url) && !/^(data|blob):/.test(r.url())) external.push(r.url());
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(served.url + path);
  await page.waitForSelector('body[data-ready=true]');
  return page;
}

const text = (page: Page, selector: string): Promise<string> => page.locator(selector).innerText();

describe('tpt playground in Chromium', () => {
  it('serves the page cross-origin isolated, and nothing outside its folder', async () => {
    const res = await fetch(served.url);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(served.url + 'z3/z3-built.wasm', { method: 'HEAD' })).headers.get('content-type')).toBe('application/wasm');
    expect((await fetch(served.url + '..%2Fpackage.json')).status).toBe(404);
    expect((await fetch(served.url, { method: 'POST' })).status).toBe(405);
  });

  it('loads with the example menu and the default sketch checked clean', async () => {
    const page = await open('');
    expect(await page.evaluate('crossOriginIsolated')).toBe(true);
    const groups = await page.locator('#example optgroup').evaluateAll((gs) => gs.map((g) => g.getAttribute('label')));
    expect(groups).toEqual(expect.arrayContaining(['Circuits', 'Parity chain', 'Turing machine', 'Basic block', 'DNF', 'Nets', 'Hybrid']));
    expect(await text(page, '#program-name')).toBe('circuit.tpt');
    await expect.poll(() => text(page, '#lint-status')).toBe('checks clean');
    await page.screenshot({ path: join(shots, '1-load.png') });
    await page.close();
  });

  it('opens an example by link and solves it; the downloaded params pass tpt run', async () => {
    const page = await open('?example=circuit&batch=swap&optimizer=gradsearch-ls&run=1');
    await page.locator('#result').filter({ hasText: 'examples solved' }).waitFor({ timeout: 30_000 });
    const result = await text(page, '#result');
    expect(result).toMatch(/^solved by gradsearch-ls \(seed 1\) in \d+ steps/);
    expect(result).toContain('4/4 examples solved');
    expect(await text(page, '#stat-solved')).toBe('4/4');
    expect(await text(page, '#assignment')).toMatch(/# gate = \[\d \d \d\]/);
    expect(await page.locator('#loss-chart svg').count()).toBe(1);
    await page.screenshot({ path: join(shots, '2-solved.png') });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-params')]);
    expect(download.suggestedFilename()).toBe('circuit.swap.params.json');
    const params = join(shots, download.suggestedFilename());
    await download.saveAs(params);
    const run = tpt(['run', CIRCUIT, '--batch', 'swap', '--params', params]);
    expect(run.stdout).toContain('4/4 examples solved');
    expect(run.code).toBe(0);
    await page.close();
  });

  it('stops a long run with its best assignment, checked exactly', async () => {
    const page = await open('?example=parity_chain&batch=k128&optimizer=fmgd&max-steps=100000000&run=1');
    await expect.poll(async () => Number(await text(page, '#stat-step')) || 0, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.locator('#assignment').filter({ hasText: '# x = [' }).waitFor();
    await page.click('#stop');
    await page.locator('#result').filter({ hasText: /\d+\/1 example solved/ }).waitFor({ timeout: 20_000 });
    const result = await text(page, '#result');
    expect(result).toMatch(/^(not solved by fmgd \(seed 1; stopped by the Stop button\)|solved by fmgd)/);
    expect(result).toMatch(/\d\/1 example solved/);
    expect(await text(page, '#stat-status')).toMatch(/^(stopped|solved)/);
    await page.screenshot({ path: join(shots, '2b-stopped.png') });
    await page.close();
  });

  it('shows an edited-in error inline and as the CLI reports it, and a share link keeps the edit', async () => {
    const page = await open('?example=circuit&batch=swap');
    const source = readFileSync(CIRCUIT, 'utf8');
    await page.click('#program .cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('final_wires[0].set_to(unknownThing)');
    await page.waitForSelector('#program .cm-lintRange-error');
    expect(await text(page, '#program .cm-lintRange-error')).toBe('unknownThing');
    expect(await text(page, '#lint-status')).toBe('1 error');

    // The same program through the CLI: the same code, message, line and column.
    const line = source.split('\n').length;
    const edited = join(shots, 'circuit.tpt');
    writeFileSync(edited, source + 'final_wires[0].set_to(unknownThing)');
    writeFileSync(join(shots, 'circuit.data.json'), readFileSync(CIRCUIT.replace('.tpt', '.data.json'), 'utf8'));
    writeFileSync(join(shots, 'circuit.hypers.json'), readFileSync(CIRCUIT.replace('.tpt', '.hypers.json'), 'utf8'));
    const cli = tpt(['check', edited, '--batch', 'swap']);
    expect(cli.code).toBe(1);
    const expected = `circuit.tpt:${line}:23: error[unknown-name]: unknown name 'unknownThing'`;
    expect(cli.stderr.replace(edited, 'circuit.tpt')).toContain(expected);
    expect(await text(page, '#problems')).toContain(expected);
    await page.hover('#program .cm-lintRange-error');
    await page.waitForSelector('.cm-tooltip-hover .cm-diagnostic-error');
    expect(await text(page, '.cm-tooltip-hover')).toContain("error[unknown-name]: unknown name 'unknownThing'");
    await page.screenshot({ path: join(shots, '3-diagnostic.png') });

    await page.click('#share');
    await page.waitForURL(/#s=/);
    const link = new URL(page.url());
    const shared = await open(link.search + link.hash);
    await shared.waitForSelector('#program .cm-lintRange-error');
    expect(await text(shared, '#problems')).toContain(expected);
    expect(await shared.locator('#batch').inputValue()).toBe('swap');
    await Promise.all([page.close(), shared.close()]);
  });

  it('runs a small comparison and shows its table with the paper beside it; the CSV downloads', async () => {
    const page = await open('?example=circuit&mode=compare&methods=gradsearch-ls,fmgd&runs=2&sweep=batch&values=nand,swap&max-steps=300');
    expect(await page.locator('#compare').isVisible()).toBe(true);
    await page.click('#compare-run');
    await page.locator('#compare-status').filter({ hasText: /^finished/ }).waitFor({ timeout: 40_000 });
    expect(await text(page, '#compare-status')).toMatch(/^finished: 8\/8 runs, \d solved/);
    const header = await page.locator('#report table thead th').allInnerTexts();
    expect(header).toEqual(['method', 'nand', 'swap', 'wall']);
    const rows = await page.locator('#report table tbody tr').allInnerTexts();
    expect(rows.map((r) => r.split(/\s/)[0])).toEqual(['gradsearch-ls', 'fmgd']);
    expect(rows[0]).toMatch(/100% \/ [\d.]+ \/ [\d.]+ s/);
    expect(await text(page, '#report table')).toContain('paper');
    expect(await page.locator('#report svg').count()).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: join(shots, '4-compare.png'), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
    const csv = join(shots, download.suggestedFilename());
    await download.saveAs(csv);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toMatch(/^optimizer,sweep,sweep_value,batch,runs,successes/);
    expect(lines).toHaveLength(5);
    await page.close();
  });

  it('made no request outside this machine and threw no page error', () => {
    expect(external).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
