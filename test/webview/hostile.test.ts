// Hostile model outputs streamed into the real chat webview in headless Chromium: nothing may
// execute (canary global, dialogs), nothing may load from anywhere but the panel's own origin,
// and the DOM must hold no event handler, href, src or style from an answer. Run twice: with the
// host's strict CSP, and without any CSP to prove the sanitizer holds on its own.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AnswerStats, HostMessage } from '../../src/shared/protocol';
import { PanelHarness, type PageGlobals } from './harness';
import { hostileCorpus } from './hostileCorpus';

const FORBIDDEN_IN_TRANSCRIPT = 'script, style, link, meta, base, iframe, frame, object, embed, form, input, button:not(.code-actions button):not(.answer-actions button):not(.estimate button), img, picture, video, audio, source, svg, math, template, portal, noscript, details:not(.thinking), marquee';

function chunks(text: string, parts: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / parts));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Streams one answer, letting a frame render between deltas so partial markdown is rendered too. */
async function stream(p: Page, messages: HostMessage[]): Promise<void> {
  await p.evaluate(async (ms) => {
    const g = globalThis as unknown as PageGlobals;
    for (const m of ms) {
      g.__host(m);
      if (m.type === 'answerDelta') await new Promise<void>((r) => g.requestAnimationFrame(r));
    }
  }, messages);
}

const stats: AnswerStats = { cost: { kind: 'usd', usd: 0.001 }, finishReason: 'stop', incomplete: false, ttftMs: 10, totalMs: 20 };

describe('chat webview with hostile model output', function () {
  this.timeout(120_000);
  let harness: PanelHarness;
  before(async () => { harness = await PanelHarness.start(); });
  after(async () => { await harness?.close(); });

  for (const csp of [true, false]) describe(csp ? 'under the strict CSP' : 'without any CSP (the sanitizer alone)', () => {
    let page: Page;
    /** Answers during which the panel died (navigated away, crashed). */
    const broken: string[] = [];
    const evilTag = '<img src=x onerror="window.__pwned=\'meta\'">';

    before(async () => {
      harness.reset();
      page = await harness.open({ csp });
      const corpus = hostileCorpus(harness.evilOrigin);
      await harness.host(page,
        {
          type: 'state', payload: {
            tier: 'auto', localModel: { label: evilTag, demo: true }, reasoningModel: evilTag, completionsEnabled: true,
            conversations: [{ id: 'c1', title: `${evilTag} title`, updatedAt: Date.now() }], currentConversationId: 'c1',
          },
        },
        { type: 'conversation', payload: { id: 'c1', title: evilTag, turns: [{ role: 'user', id: 'u0', text: `${evilTag} question`, chips: [] }] } },
        { type: 'contextChips', payload: { chips: [{ id: 'k1', kind: 'file', label: evilTag, path: '.env', excludedReason: `${evilTag} matches **/.env` }] } },
        { type: 'error', payload: { message: `${evilTag} failed` } },
      );
      for (const [i, answer] of corpus.entries()) {
        const id = `h-${i}`;
        const messages: HostMessage[] = [
          { type: 'answerStart', payload: { id, conversationId: 'c1', tier: i % 2 ? 'local' : 'reasoning', model: evilTag, reason: `${evilTag} reason` } },
          ...chunks(answer.thinking ?? '', 3).map((thinking): HostMessage => ({ type: 'answerDelta', payload: { id, thinking } })),
          ...chunks(answer.text, 6).map((text): HostMessage => ({ type: 'answerDelta', payload: { id, text } })),
          { type: 'answerEnd', payload: { id, stats: i === 3 ? { ...stats, finishReason: 'error', incomplete: true, error: `${evilTag} upstream` } : stats } },
        ];
        try {
          await stream(page, messages);
        } catch (error) {
          broken.push(`${answer.name}: ${String(error).split('\n')[0]}`);
        }
      }
      await harness.settle(page);
      // Click every link an answer produced: each may only post a message, never navigate.
      try {
        const links = await page.locator('.transcript a').all();
        for (const link of links) await link.click({ timeout: 5000 });
        for (const link of links.slice(0, 3)) await link.click({ button: 'middle', timeout: 5000 });
        await harness.settle(page);
      } catch (error) {
        broken.push(`clicking links: ${String(error).split('\n')[0]}`);
      }
    });

    after(async () => { await page?.context().close(); });

    it('survives every answer (no navigation, no crash)', () => {
      assert.deepEqual(broken, []);
    });

    it('runs no script from an answer (canary unset, no dialog, no page error)', async () => {
      assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned), undefined);
      assert.deepEqual(harness.dialogs, []);
      assert.deepEqual(harness.pageErrors, []);
    });

    it('loads nothing from outside the panel origin', async () => {
      assert.deepEqual(harness.foreignRequests, []);
      assert.deepEqual(harness.evilHits, []);
      assert.equal(page.url().startsWith(`${harness.origin}/panel.html`), true, `navigated to ${page.url()}`);
    });

    if (csp) {
      it('never trips the CSP (no hostile element was ever live)', async () => {
        assert.deepEqual(await page.evaluate(() => (globalThis as unknown as PageGlobals).__violations), []);
      });
    }

    it('leaves no event handler, style, src or href attribute in the page', async () => {
      const bad = await page.evaluate(() => {
        const found: string[] = [];
        for (const el of Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll('#app *'))) {
          for (const attr of Array.from(el.attributes)) {
            const name = attr.name.toLowerCase();
            if (name.startsWith('on') || /^\s*(javascript|data|vbscript):/i.test(attr.value)
              || ['style', 'src', 'srcset', 'srcdoc', 'href', 'xlink:href', 'action', 'formaction', 'background', 'poster', 'id', 'name'].includes(name)) {
              found.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value}">`);
            }
          }
        }
        return found;
      });
      assert.deepEqual(bad, []);
    });

    it('keeps dangerous elements out of the transcript', async () => {
      const tags = await page.evaluate((sel) => Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll(`.transcript ${sel.split(', ').join(', .transcript ')}`))
        .map((e) => e.outerHTML.slice(0, 120)), FORBIDDEN_IN_TRANSCRIPT);
      assert.deepEqual(tags, []);
    });

    it('keeps only http(s) and file links, which post messages instead of navigating', async () => {
      const links = await page.evaluate(() => Array.from((globalThis as unknown as PageGlobals).document.querySelectorAll('.transcript a')).map((a) => ({
        url: a.dataset.url, path: a.dataset.path, text: a.textContent,
      })));
      for (const link of links) {
        if (link.url !== undefined) assert.match(link.url, /^https?:\/\//, JSON.stringify(link));
        else assert.ok(link.path, `a link that is neither external nor a file: ${JSON.stringify(link)}`);
      }
      const posted = await harness.posted(page);
      for (const m of posted) {
        if (m.type === 'openExternal') assert.match(m.payload.url, /^https?:\/\/[^/]/);
        if (m.type === 'openLink') assert.doesNotMatch(m.payload.path, /^[a-z]{2,}:/i);
      }
      const externals = posted.filter((m) => m.type === 'openExternal').map((m) => m.payload.url);
      assert.ok(externals.includes('http://example.com/'), `the safe link still works: ${externals.join(', ')}`);
      assert.ok(!externals.some((u) => /javascript|data:|vbscript|file:|command:/i.test(u)), externals.join(', '));
    });

    it('shows the hostile markup as text, so the user sees what the model wrote', async () => {
      const corpus = hostileCorpus(harness.evilOrigin);
      for (const [i, answer] of corpus.entries()) {
        const text = await page.locator(`article[data-answer-id="h-${i}"]`).textContent();
        for (const expected of answer.visible ?? []) assert.ok(text?.includes(expected), `${answer.name}: expected to see ${expected} in ${text}`);
      }
      const whole = await page.locator('#app').textContent();
      assert.ok(whole?.includes(`${evilTag} title`), 'conversation title shown as text');
      assert.ok(whole?.includes(`${evilTag} question`), 'user turn shown as text');
      assert.ok(whole?.includes(`${evilTag} failed`), 'error banner shown as text');
      assert.ok(whole?.includes(`${evilTag} upstream`), 'answer error shown as text');
      assert.ok(whole?.includes(`not sent to cloud: ${evilTag} matches **/.env`), 'chip reason shown as text');
    });

    it('renders images from answers as alt text and never as <img>', async () => {
      const text = await page.locator('.transcript').textContent();
      assert.ok(text?.includes('[image: remote image]'));
      assert.ok(text?.includes('[image: badge]'));
      assert.equal(await page.locator('.transcript img').count(), 0);
    });
  });
});
