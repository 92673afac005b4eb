// The first screen a new user sees: the Explorer stays on the left, Tiered's chat sits on the
// right (the secondary side bar, where Copilot, Cline and Continue live), shown once without
// taking the keyboard focus, and no side bar is left empty.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { chatFrame, chatInput, eventually, tieredActive } from './chatHelpers';
import { openWorkbench, screenshot, type Workbench } from './workbench';

type Box = { x: number; y: number; width: number; height: number };

async function boxOf(l: Locator): Promise<Box | undefined> {
  return (await l.isVisible().catch(() => false)) ? (await l.boundingBox()) ?? undefined : undefined;
}

/** The workbench's outer iframe of the chat webview (webviews float over their part). */
function chatIframe(page: Page): Locator {
  return page.locator('iframe.webview.ready').first();
}

describe('the first screen (UI)', function () {
  this.timeout(240_000);
  let wb: Workbench;
  let failed = false;

  before(async () => { wb = await openWorkbench(); });
  afterEach(function () { if (this.currentTest?.state === 'failed') failed = true; });
  after(async () => { await wb?.close(failed, 'first-screen'); });

  it('shows the Explorer on the left and the Tiered chat on the right, without taking the focus', async () => {
    const { page } = wb;
    await tieredActive(page);
    // The chat appears by itself on the first open of a workspace: no command run.
    const input = chatInput(chatFrame(page));
    await input.waitFor({ timeout: 60_000 }).catch(() => undefined);
    await screenshot(page, 'first-screen');

    const sidebar = page.locator('.part.sidebar');
    const auxbar = page.locator('.part.auxiliarybar');
    const editor = page.locator('.part.editor');
    const side = await boxOf(sidebar);
    assert.ok(side, 'the primary side bar is visible');
    assert.match(await sidebar.locator('.composite.title').first().innerText(), /explorer/i, 'the primary side bar shows the Explorer');
    await sidebar.locator('.monaco-list-row').filter({ hasText: 'src' }).first().waitFor({ timeout: 10_000 });

    const aux = await eventually(() => boxOf(auxbar), 'the secondary side bar to show', 30_000);
    const ed = await boxOf(editor);
    assert.ok(ed, 'the editor area is visible');
    assert.ok(side.x + side.width <= ed.x + 1, 'the Explorer is left of the editor');
    assert.ok(aux.x >= ed.x + ed.width - 1, 'the secondary side bar is right of the editor');
    assert.match(await auxbar.locator('.composite.title').first().innerText(), /tiered/i, 'the secondary side bar shows Tiered');

    // The chat webview is inside the secondary side bar, and ready for a question.
    assert.ok(await input.isVisible(), 'the chat input shows');
    const frame = await boxOf(chatIframe(page));
    assert.ok(frame, 'the chat webview is visible');
    assert.ok(frame.x >= aux.x - 1 && frame.x + frame.width <= aux.x + aux.width + 1, `the chat webview lies in the secondary side bar (${JSON.stringify({ frame, aux })})`);

    // Shown, not focused: typing still goes to the workbench.
    assert.notEqual(await page.evaluate('document.activeElement && document.activeElement.tagName'), 'IFRAME', 'the chat did not take the keyboard focus');
  });
});
