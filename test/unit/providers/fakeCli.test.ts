// The loopback servers also run as standalone processes (for extension-host and UI tests):
// `node fakeAnthropic.js --api-key K` prints {"url"}, and POST /_fake/script rescripts it.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { MemoryLogger } from '../../../src/core/log';
import { anthropicHarness, ask, ANTHROPIC_KEY } from './harness';

async function startCli(file: string, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [require.resolve(`../../support/${file}`), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  let buffered = '';
  for await (const chunk of child.stdout!) {
    buffered += String(chunk);
    if (buffered.includes('\n')) break;
  }
  return { child, url: (JSON.parse(buffered.split('\n')[0]) as { url: string }).url };
}

describe('fake servers as standalone processes', () => {
  it('serves a script posted to /_fake/script and lists the requests it got', async () => {
    const { child, url } = await startCli('fakeAnthropic', ['--api-key', ANTHROPIC_KEY]);
    try {
      const origin = new URL(url).origin;
      const posted = await fetch(`${origin}/_fake/script`, { method: 'POST', body: JSON.stringify({ text: 'From another process.' }) });
      assert.equal(posted.status, 200);
      const result = await anthropicHarness.provider(url, new MemoryLogger()).chat(ask('hi'));
      assert.equal(result.text, 'From another process.');
      const requests = await (await fetch(`${origin}/_fake/requests`)).json() as { apiKey: string; body: { model: string } }[];
      assert.equal(requests.length, 1);
      assert.equal(requests[0].body.model, 'claude-sonnet-4-6');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('the OpenAI fake runs the same way, in the compatible flavor when asked', async () => {
    const { child, url } = await startCli('fakeOpenAI', ['--flavor', 'compatible']);
    try {
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const res = await fetch(`${url}/chat/completions`, { method: 'POST', body: JSON.stringify({ model: 'o3', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }) });
      assert.equal(res.status, 200, 'compatible flavor accepts max_tokens for any model');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });
});
