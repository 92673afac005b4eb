// Helpers for the chat panel UI tests: the panel's frame and parts, asking and waiting for an
// answer, the VS Code modal, a loopback TCP relay that notices when the extension drops a
// streaming connection, and an "evil" server that records anything an answer manages to load.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { paletteRows, tieredStatus } from './workbench';

/** The chat webview's inner document. */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

export function chatInput(frame: FrameLocator): Locator {
  return frame.locator('textarea[aria-label^="Message to Tiered"]');
}

/** Waits until Tiered is active (its status bar item shows); slow on a loaded machine. */
export async function tieredActive(page: Page, timeoutMs = 180_000): Promise<void> {
  await tieredStatus(page).waitFor({ timeout: timeoutMs });
}

/** Opens the panel with "Tiered: Open Chat" and waits until its input shows. */
export async function openChat(page: Page): Promise<FrameLocator> {
  await tieredActive(page);
  const title = 'Tiered: Open Chat';
  for (let attempt = 1; ; attempt++) {
    await paletteRows(page, title);
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: title }).first();
    try {
      await row.waitFor({ timeout: 15_000 });
      await row.click();
      break;
    } catch (e) {
      await page.keyboard.press('Escape');
      if (attempt >= 3) throw e;
    }
  }
  const frame = chatFrame(page);
  await chatInput(frame).waitFor({ timeout: 30_000 });
  return frame;
}

export const answers = (frame: FrameLocator): Locator => frame.locator('article.turn.answer');

/** Types a message and sends it with Enter; returns the answer that appears for it. */
export async function ask(frame: FrameLocator, text: string): Promise<Locator> {
  const before = await answers(frame).count();
  const input = chatInput(frame);
  await input.fill(text);
  await input.press('Enter');
  const answer = answers(frame).nth(before);
  await answer.waitFor({ timeout: 120_000 });
  return answer;
}

/** Waits until the answer stops streaming (the badge then carries the stats). */
export async function finished(answer: Locator, timeoutMs = 120_000): Promise<void> {
  await eventually(async () => (await answer.getAttribute('aria-busy')) === 'false', 'the answer to finish', timeoutMs);
}

/** Polls until `probe` returns a truthy value (the UI and the servers update asynchronously). */
export async function eventually<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
}

/** Clicks a button of the VS Code modal dialog. */
export async function clickModal(page: Page, label: string): Promise<string> {
  const box = page.locator('.monaco-dialog-box');
  await box.waitFor({ timeout: 20_000 });
  const message = await box.innerText();
  await box.locator('.dialog-buttons a.monaco-button').filter({ hasText: label }).first().click();
  await box.waitFor({ state: 'hidden', timeout: 10_000 });
  return message;
}

/** Reads a file until it contains `needle` (the editor saves asynchronously). */
export async function fileWith(file: string, needle: string, timeoutMs = 10_000): Promise<string> {
  return eventually(() => {
    const text = fs.readFileSync(file, 'utf8');
    return text.includes(needle) ? text : '';
  }, `${file} to contain ${JSON.stringify(needle)}`, timeoutMs);
}

/** One connection through the relay: what the upstream sent and whether the client hung up first. */
export interface RelayedConnection {
  /** Text received from the upstream so far. */
  received: string;
  /** True once the client (the extension) closed its side. */
  clientClosed: boolean;
  /** The SSE message_stop events the upstream had sent when the client closed. */
  stopsAtClose?: number;
  startsAtClose?: number;
}

export interface Relay {
  url: string;
  connections: RelayedConnection[];
  close(): Promise<void>;
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

/**
 * A TCP relay in front of a loopback provider server: the extension talks to `url`, bytes pass
 * through unchanged, and each connection records whether the client hung up while an answer was
 * still streaming (more message_start than message_stop events seen at that moment).
 */
export async function startRelay(upstream: string): Promise<Relay> {
  const target = new URL(upstream);
  const connections: RelayedConnection[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const conn: RelayedConnection = { received: '', clientClosed: false };
    connections.push(conn);
    const up = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(up);
    up.on('data', (d: Buffer) => { conn.received += d.toString('utf8'); });
    client.pipe(up);
    up.pipe(client);
    client.on('close', () => {
      conn.clientClosed = true;
      conn.startsAtClose = count(conn.received, 'event: message_start');
      conn.stopsAtClose = count(conn.received, 'event: message_stop');
      up.destroy();
    });
    up.on('close', () => client.destroy());
    client.on('error', () => up.destroy());
    up.on('error', () => client.destroy());
    for (const s of [client, up]) s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${target.pathname.replace(/\/$/, '')}`,
    connections,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A server that answers everything with a 1x1 GIF and records each request: any hit is a leak. */
export async function startEvilServer(): Promise<{ origin: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const gif = Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAA=', 'base64');
  const server = http.createServer((req, res) => {
    hits.push(`${req.method ?? 'GET'} ${req.url ?? '/'}`);
    res.writeHead(200, { 'content-type': 'image/gif', 'access-control-allow-origin': '*' });
    res.end(gif);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
