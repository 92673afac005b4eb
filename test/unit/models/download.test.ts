import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { downloadModel, partPathFor, type DownloadOutcome } from '../../../src/core/models/download';
import { DownloadError } from '../../../src/core/models/downloadErrors';
import { startModelServer, type ModelServer } from '../../support/modelServer';
import { ggufBytes, progressLog, sha256, tempDir } from './fixtures';

const SIZE = 2 * 1024 * 1024;

async function rejection(promise: Promise<unknown>): Promise<DownloadError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DownloadError, `expected a DownloadError, got ${String(error)}`);
    return error;
  }
  assert.fail('the download should have failed');
}

function done(outcome: DownloadOutcome) {
  assert.equal(outcome.status, 'done', JSON.stringify(outcome));
  return outcome as Extract<DownloadOutcome, { status: 'done' }>;
}

describe('downloadModel', () => {
  let bytes: Buffer;
  let server: ModelServer;
  let dir: string;
  let dest: string;
  const never = new AbortController().signal;

  beforeEach(async () => {
    bytes = ggufBytes(SIZE);
    server = await startModelServer(bytes);
    dir = tempDir();
    dest = path.join(dir, 'models', 'model.gguf');
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('downloads, reports throttled progress up to the total, and leaves only the verified file', async () => {
    server.behave({ throttle: { chunkBytes: 128 * 1024, delayMs: 40 } });
    const progress = progressLog();
    const started = performance.now();
    const outcome = done(await downloadModel({ url: server.url, dest, sha256: sha256(bytes), expectedSize: SIZE, signal: never, onProgress: progress.onProgress }));
    const elapsed = performance.now() - started;

    assert.deepEqual(fs.readFileSync(dest), bytes);
    assert.equal(fs.existsSync(partPathFor(dest)), false);
    assert.equal(outcome.bytes, SIZE);
    assert.equal(outcome.sha256, sha256(bytes));
    assert.equal(outcome.resumedFrom, 0);

    const { events } = progress;
    assert.ok(events.length >= 2, `expected several progress events, got ${events.length}`);
    assert.ok(events.length <= elapsed / 100 + 2, `${events.length} events in ${Math.round(elapsed)} ms is more than ~10/s`);
    for (let i = 1; i < events.length; i++) assert.ok(events[i].received >= events[i - 1].received);
    assert.deepEqual({ received: events.at(-1)!.received, total: events.at(-1)!.total }, { received: SIZE, total: SIZE });
    assert.ok(events.some((e) => e.rate > 0), 'a transfer rate is reported');
    console.log(`      2 MiB over a throttled loopback: ${events.length} progress events in ${Math.round(elapsed)} ms`);
  });

  it('cancel keeps the .part; the next download resumes it with a Range request and verifies the whole file', async () => {
    server.behave({ throttle: { chunkBytes: 64 * 1024, delayMs: 20 } });
    const controller = new AbortController();
    const cancelled = await downloadModel({
      url: server.url, dest, sha256: sha256(bytes), signal: controller.signal,
      onProgress: (received) => { if (received >= 256 * 1024) controller.abort(); },
    });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(fs.existsSync(dest), false);
    const partSize = fs.statSync(partPathFor(dest)).size;
    assert.ok(partSize >= 256 * 1024 && partSize < SIZE, `part has ${partSize} bytes`);
    assert.equal(cancelled.status === 'cancelled' && cancelled.receivedBytes, partSize);
    assert.deepEqual(fs.readFileSync(partPathFor(dest)), bytes.subarray(0, partSize));

    server.behave({});
    const resumed = done(await downloadModel({ url: server.url, dest, sha256: sha256(bytes), signal: never }));
    assert.equal(server.requests.at(-1)!.range, `bytes=${partSize}-`);
    assert.equal(resumed.resumedFrom, partSize);
    assert.equal(resumed.sha256, sha256(bytes));
    assert.equal(sha256(fs.readFileSync(dest)), sha256(bytes));
    assert.equal(fs.existsSync(partPathFor(dest)), false);
  });

  it('a signal aborted before the start resolves cancelled without a request', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await downloadModel({ url: server.url, dest, signal: controller.signal });
    assert.equal(outcome.status, 'cancelled');
    assert.equal(server.requests.length, 0);
  });

  it('a server that ignores Range restarts from zero and overwrites the old part', async () => {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(partPathFor(dest), Buffer.alloc(300 * 1024, 0xee)); // not even the right bytes
    server.behave({ ignoreRange: true });
    const outcome = done(await downloadModel({ url: server.url, dest, sha256: sha256(bytes), signal: never }));
    assert.equal(server.requests[0].range, `bytes=${300 * 1024}-`);
    assert.equal(outcome.resumedFrom, 0);
    assert.deepEqual(fs.readFileSync(dest), bytes);
  });

  it('a cut connection is a resumable error that keeps what arrived; the next run completes it', async () => {
    server.behave({ cutAfter: 700_000 });
    const error = await rejection(downloadModel({ url: server.url, dest, sha256: sha256(bytes), signal: never }));
    assert.equal(error.downloadCode, 'interrupted');
    assert.equal(error.resumable, true);
    assert.match(error.message, /interrupted .*Run it again to resume/);
    const partSize = fs.statSync(partPathFor(dest)).size;
    assert.ok(partSize > 0 && partSize <= 700_000, `part has ${partSize} bytes`);

    server.behave({});
    done(await downloadModel({ url: server.url, dest, sha256: sha256(bytes), signal: never }));
    assert.equal(server.requests.at(-1)!.range, `bytes=${partSize}-`);
    assert.deepEqual(fs.readFileSync(dest), bytes);
  });

  it('corrupted bytes fail the checksum, and neither the file nor the part is left', async () => {
    const corrupt = Buffer.from(bytes);
    corrupt[SIZE / 2] ^= 0xff;
    server.behave({ corruptBytes: corrupt });
    const error = await rejection(downloadModel({ url: server.url, dest, sha256: sha256(bytes), expectedSize: SIZE, signal: never, label: 'Qwen test' }));
    assert.equal(error.downloadCode, 'checksum-mismatch');
    assert.match(error.message, /Qwen test.*checksum.*deleted.*Download it again/);
    assert.equal(fs.existsSync(dest), false);
    assert.equal(fs.existsSync(partPathFor(dest)), false);
  });

  it('a file that is not GGUF (a web page) is refused with a clear message and deleted', async () => {
    const html = Buffer.concat([Buffer.from('<!DOCTYPE html><html><body>Sign in to continue</body></html>'), Buffer.alloc(10_000, 0x20)]);
    await server.close();
    server = await startModelServer(html);
    const error = await rejection(downloadModel({ url: server.url, dest, signal: never, label: 'Some model' }));
    assert.equal(error.downloadCode, 'not-gguf');
    assert.match(error.message, /not a GGUF model file \(it looks like a web page\)/);
    assert.ok(error.message.includes(server.url));
    assert.equal(fs.existsSync(dest), false);
    assert.equal(fs.existsSync(partPathFor(dest)), false);
  });

  it('an unsupported GGUF version is refused', async () => {
    await server.close();
    server = await startModelServer(ggufBytes(64 * 1024, 1));
    const error = await rejection(downloadModel({ url: server.url, dest, signal: never }));
    assert.equal(error.downloadCode, 'not-gguf');
    assert.match(error.message, /GGUF version 1/);
  });

  it('404 says the model is no longer there, naming the URL, and creates no file', async () => {
    server.behave({ failWith: 404 });
    const error = await rejection(downloadModel({ url: server.url, dest, signal: never, label: 'Qwen test' }));
    assert.equal(error.downloadCode, 'model-not-found');
    assert.equal(error.resumable, false);
    assert.ok(error.message.includes(`The model Qwen test is no longer at ${server.url}`));
    assert.equal(fs.existsSync(partPathFor(dest)), false);
  });

  it('a 500 is a resumable server error', async () => {
    server.behave({ failWith: 500 });
    const error = await rejection(downloadModel({ url: server.url, dest, signal: never }));
    assert.equal(error.downloadCode, 'http-error');
    assert.equal(error.resumable, true);
    assert.match(error.message, /HTTP 500/);
  });

  it('follows a redirect to the CDN, and a resumed Range reaches the redirect target', async () => {
    server.redirect('/org/repo/resolve/main/model.gguf', '/cdn/blob/model.gguf');
    const url = `${server.base}/org/repo/resolve/main/model.gguf`;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(partPathFor(dest), bytes.subarray(0, 1000));
    done(await downloadModel({ url, dest, sha256: sha256(bytes), signal: never }));
    assert.deepEqual(server.requests.map((r) => [r.path, r.range]), [
      ['/org/repo/resolve/main/model.gguf', 'bytes=1000-'],
      ['/cdn/blob/model.gguf', 'bytes=1000-'],
    ]);
    assert.deepEqual(fs.readFileSync(dest), bytes);
  });

  it('416 for a complete part verifies the part and finishes', async () => {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(partPathFor(dest), bytes);
    const outcome = done(await downloadModel({ url: server.url, dest, sha256: sha256(bytes), signal: never }));
    assert.equal(server.requests[0].range, `bytes=${SIZE}-`);
    assert.equal(outcome.bytes, SIZE);
    assert.deepEqual(fs.readFileSync(dest), bytes);
  });

  it('416 for a part longer than the file discards the part and downloads again', async () => {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(partPathFor(dest), Buffer.concat([bytes, Buffer.alloc(10)]));
    done(await downloadModel({ url: server.url, dest, signal: never }));
    assert.deepEqual(server.requests.map((r) => r.range), [`bytes=${SIZE + 10}-`, undefined]);
    assert.deepEqual(fs.readFileSync(dest), bytes);
  });

  it('a part of exactly the expected size is verified without any request', async () => {
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(partPathFor(dest), bytes);
    done(await downloadModel({ url: server.url, dest, expectedSize: SIZE, sha256: sha256(bytes), signal: never }));
    assert.equal(server.requests.length, 0);
    assert.deepEqual(fs.readFileSync(dest), bytes);
  });

  it('a server file of another size than expected is not downloaded', async () => {
    const error = await rejection(downloadModel({ url: server.url, dest, expectedSize: SIZE + 1, signal: never }));
    assert.equal(error.downloadCode, 'size-mismatch');
    assert.match(error.message, new RegExp(`${SIZE} bytes instead of the expected ${SIZE + 1}`));
    assert.equal(fs.existsSync(partPathFor(dest)), false);
  });

  it('offline (nothing listening) is a clear, resumable error naming the host', async () => {
    const port = await closedPort();
    const error = await rejection(downloadModel({ url: `http://127.0.0.1:${port}/model.gguf`, dest, signal: never, label: 'Qwen test' }));
    assert.equal(error.downloadCode, 'offline');
    assert.equal(error.resumable, true);
    assert.match(error.message, new RegExp(`Could not reach 127\\.0\\.0\\.1:${port} to download Qwen test \\(ECONNREFUSED\\)`));
  });

  it('too little free disk space is refused up front, saying how much is needed', async () => {
    const error = await rejection(downloadModel({ url: server.url, dest, signal: never, freeDiskBytes: async () => 1000 }));
    assert.equal(error.downloadCode, 'disk-full');
    assert.match(error.message, /needs 2\.1 MB more in .*\(1\.0 KB free\)/);
    assert.equal(fs.existsSync(partPathFor(dest)), false);
  });

  it('ENOSPC while writing is reported as a full disk', async function () {
    if (!fs.existsSync('/dev/full')) this.skip();
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.symlinkSync('/dev/full', partPathFor(dest)); // every write there fails with ENOSPC
    const error = await rejection(downloadModel({ url: server.url, dest, signal: never }));
    assert.equal(error.downloadCode, 'disk-full');
    assert.match(error.message, /Not enough disk space .* needs 2\.1 MB more/);
  });
});

async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
