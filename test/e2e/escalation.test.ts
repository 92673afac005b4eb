// An escalated chat request in a real VS Code (code-server), against a loopback Anthropic server:
// the answer streams into the chat panel, the status bar shows its latency and cost (priced
// from models/prices.json), the server saw exactly one request, and "Tiered: Show Usage" shows
// the spend.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { startFakeAnthropic, type FakeServer } from '../support/fakeAnthropic';
import { repoRoot } from '../support/paths';
import { openWorkbench, runCommand, screenshot, tieredStatus, waitForText, type Workbench } from './workbench';

const API_KEY = 'sk-ant-test-escalation-0123456789';
const ANSWER = 'The loopback reasoning model says the bug is an off-by-one in the loop.';
const QUESTION = 'Why does my loop skip the last item?';
// The default Anthropic model (models/prices.json defaults.anthropic) and its prices per million tokens.
const prices = JSON.parse(fs.readFileSync(path.join(repoRoot, 'models', 'prices.json'), 'utf8'));
const MODEL: string = prices.defaults.anthropic;
const USAGE = { input: 1200, output: 300 };
const EXPECTED_USD = (USAGE.input * prices.models[MODEL].input + USAGE.output * prices.models[MODEL].output) / 1e6;
/** A daily budget the one answer fills a visible part of. */
const DAILY_BUDGET = 0.05;

/** The frame holding the usage report (the chat view is a webview too; find ours by content). */
async function usageFrame(page: Page, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      if (await f.locator('main.report [data-kpi="today"]').count().catch(() => 0)) return f;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('the usage report panel did not show its figures');
}

describe('escalation to the reasoning tier in a real VS Code (UI)', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let fake: FakeServer;
  let failed = false;
  const shots = path.join(repoRoot, '.artifacts', 'usage');

  before(async () => {
    fake = await startFakeAnthropic({ text: ANSWER, usage: USAGE, delayMs: 20 }, { apiKey: API_KEY });
    wb = await openWorkbench({
      settings: {
        'tiered.tier': 'reasoning',
        'tiered.reasoning.provider': 'anthropic',
        'tiered.reasoning.baseUrl': fake.url,
        'tiered.budget.confirmAboveUsd': 100,
        'tiered.budget.dailyUsd': DAILY_BUDGET,
      },
      env: { ANTHROPIC_API_KEY: API_KEY },
    });
    fs.mkdirSync(shots, { recursive: true });
  });
  afterEach(function () { if (this.currentTest?.state === 'failed') failed = true; });
  after(async () => {
    await wb?.close(failed, 'escalation');
    await fake?.close();
  });

  it('streams the answer from the reasoning model; the status bar shows its latency and cost', async () => {
    const { page } = wb;
    // Shared, busy machines: the extension host can take a minute to start.
    await waitForText(tieredStatus(page), /Reasoning/, 120_000);
    await runCommand(page, 'Tiered: Open Chat');
    const chat = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    const input = chat.locator('textarea[aria-label^="Message to Tiered"]');
    await input.waitFor({ timeout: 60_000 });
    await input.fill(QUESTION);
    await input.press('Enter');
    await chat.locator('article[data-answer-id]').filter({ hasText: ANSWER }).first().waitFor({ timeout: 60_000 });

    const expectedCost = `$${EXPECTED_USD.toFixed(4)}`; // formatUsd: four decimals below one cent
    assert.ok(EXPECTED_USD > 0 && EXPECTED_USD < 0.01, `scripted usage costs ${EXPECTED_USD}`);
    const text = await waitForText(tieredStatus(page), new RegExp(`\\d+(\\.\\d)? m?s · \\${expectedCost.replace('.', '\\.')}`), 15_000);
    assert.match(text, /Reasoning/);
    assert.match(text, /\d+ ms|\d+\.\d s/);
    assert.ok(text.includes(expectedCost), `status bar "${text}" shows ${expectedCost}`);

    const messages = fake.requests.filter((r) => r.path.endsWith('/messages'));
    assert.equal(messages.length, 1, `one request reached the server (saw ${fake.requests.map((r) => r.path).join(', ')})`);
    assert.equal(fake.requests.length, 1);
    assert.ok(messages[0].raw.includes(QUESTION), 'the request carries the message');
    assert.equal(messages[0].apiKey, API_KEY);
    assert.equal(messages[0].body.model, MODEL);
    await page.screenshot({ path: path.join(shots, 'escalation-chat.png') });
    // The tooltip carries the routing line (saving vs always-reasoning, overrides).
    await tieredStatus(page).hover();
    await page.getByText(/Routing: no chat routed automatically yet · 0 overrides/).first().waitFor({ timeout: 15_000 });
  });

  it('"Tiered: Show Usage" opens the report with the spend', async () => {
    const { page } = wb;
    await runCommand(page, 'Tiered: Show Usage');
    await page.locator('.tab[aria-label^="Tiered Usage"]').first().waitFor({ timeout: 20_000 });
    const frame = await usageFrame(page);
    const expectedCost = `$${EXPECTED_USD.toFixed(4)}`;
    assert.equal((await frame.locator('[data-kpi="today"] .kpi-value').innerText()).trim(), expectedCost);
    assert.match(await frame.locator('[data-kpi="today"] .kpi-note').innerText(), /1 reasoning/);
    assert.equal(await frame.locator('svg.chart[role="img"]').count(), 4);
    // One bar in the spend chart (today), titled with the day's spend.
    const bars = frame.locator('svg.chart-spend rect.reasoning');
    assert.equal(await bars.count(), 1);
    assert.match(await bars.first().locator('title').textContent() ?? '', new RegExp(`\\${expectedCost.replace('.', '\\.')}`));
    // Pinned to reasoning: the router chose nothing, so routing saved nothing and nobody overrode it.
    assert.equal((await frame.locator('[data-figure="routing"]').innerText()).trim(), 'Routing: no chat routed automatically yet · 0 overrides');
    // Today's spend against the daily budget, as a bar and in words.
    const day = frame.locator('[data-budget="day"]');
    const percent = Math.floor((EXPECTED_USD / DAILY_BUDGET) * 100);
    assert.equal((await day.locator('.budget-text').innerText()).trim(), `${expectedCost} of $${DAILY_BUDGET.toFixed(2)} (${percent}%)`);
    assert.equal(await day.getAttribute('data-percent'), String(Math.round((EXPECTED_USD / DAILY_BUDGET) * 100)));
    assert.equal(await day.locator('svg.budget-bar rect.fill').count(), 1);
    assert.match(await frame.locator('[data-budget="month"] .budget-text').innerText(), /no monthly budget set/);
    // The request shows under Chat in the per-feature table; nothing else spent.
    const chatRow = frame.locator('tr[data-feature="chat"]');
    assert.deepEqual((await chatRow.locator('td').allInnerTexts()).slice(0, 3).map((t) => t.trim()), ['0', '1', `${expectedCost} (100%)`]);
    assert.deepEqual(await frame.locator('table.features tbody th').allInnerTexts(), ['Inline completions', 'Chat', 'Deep Debug', 'Refactor']);
    // The saving says how it is computed.
    assert.match(await frame.locator('[data-figure="saving-method"]').innerText(), /Inline completions are not counted/);
    await page.screenshot({ path: path.join(shots, 'usage-report.png') });
    await screenshot(page, 'show-usage-after');
    await frame.locator('svg.chart-latency').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'usage-report-latency.png') });
  });

  it('"This session" survives a window reload', async () => {
    const { page } = wb;
    const expectedCost = `$${EXPECTED_USD.toFixed(4)}`;
    await page.reload({ timeout: 180_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
    await waitForText(tieredStatus(page), /Reasoning/, 120_000);
    // The report may come back with the window; open it afresh either way.
    await runCommand(page, 'Tiered: Show Usage');
    const frame = await usageFrame(page);
    await waitForText(frame.locator('[data-kpi="session"] .kpi-value'), new RegExp(`^\\${expectedCost.replace('.', '\\.')}$`), 30_000);
    assert.match(await frame.locator('[data-kpi="session"] .kpi-note').innerText(), /1 reasoning/);
  });
});
