// Test data for the model download tests: a small file that passes the GGUF header check.
import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** `GGUF`, version 3, zero tensors, zero metadata entries, then `totalBytes` worth of random padding. */
export function ggufBytes(totalBytes = 2 * 1024 * 1024, version = 3): Buffer {
  const header = Buffer.alloc(24);
  header.write('GGUF', 0, 'latin1');
  header.writeUInt32LE(version, 4);
  header.writeBigUInt64LE(0n, 8); // tensor count
  header.writeBigUInt64LE(0n, 16); // metadata key/value count
  return Buffer.concat([header, randomBytes(totalBytes - header.length)]);
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-models-'));
}

/** Every progress call, in order. */
export function progressLog() {
  const events: { received: number; total: number | undefined; rate: number }[] = [];
  return { events, onProgress: (received: number, total: number | undefined, rate: number) => { events.push({ received, total, rate }); } };
}
