// Benchmark: the redaction pass that every cloud-bound request goes through (src/core/redact.ts)
// on 1 MB of source code with secrets scattered in it, and on a typical 20 KB chat request.
// Prints medians; never fails on timing.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { redact } from '../../src/core/redact';
import { SECRETS } from '../unit/secrets/corpus';

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const r2 = (x: number) => Math.round(x * 100) / 100;

function corpus(bytes: number): string {
  const srcDir = path.join(__dirname, '..', '..', '..', 'src', 'core');
  const files = fs.readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(srcDir, f), 'utf8'));
  let out = '';
  for (let i = 0; out.length < bytes; i++) out += `${files[i % files.length]}\n${SECRETS[i % SECRETS.length].text}\n`;
  return out.slice(0, bytes);
}

function time(text: string, runs: number): { ms: number; count: number } {
  redact(text); // warm up
  const ms: number[] = [];
  let count = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    count = redact(text).count;
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), count };
}

const big = corpus(1024 * 1024);
const small = corpus(20 * 1024);
const oneMb = time(big, 9);
const chat = time(small, 51);
console.log(`redact: 1 MiB of code with secrets: median ${r2(oneMb.ms)} ms (${oneMb.count} secrets), ${r2(1024 / oneMb.ms * 1000 / 1024)} MiB/s`);
console.log(`redact: 20 KiB chat request: median ${r2(chat.ms)} ms (${chat.count} secrets)`);
console.log(JSON.stringify({ bench: 'redact', oneMiBMedianMs: r2(oneMb.ms), oneMiBSecrets: oneMb.count, chat20KiBMedianMs: r2(chat.ms) }));
