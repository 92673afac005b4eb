// Shared setup for the local-engine tests: the built worker bundle and a temp folder of models.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MemoryLogger } from '../../../src/core/log';
import { LocalEngine, type LocalEngineOptions } from '../../../src/core/providers/local/engine';
import { repoRoot } from '../../support/paths';
import { writeTinyGguf, type TinyGgufOptions } from '../../support/tinyGguf';

/** dist/local-worker.js, or a clear failure telling how to build it. */
export function workerPath(): string {
  const p = path.join(repoRoot, 'dist', 'local-worker.js');
  if (!fs.existsSync(p)) throw new Error(`${p} is missing: build it first with \`node esbuild.mjs\` (the tests fork the real worker bundle).`);
  return p;
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-local-'));
}

export function tinyModel(dir: string, name = 'tiny.gguf', opts: TinyGgufOptions = {}): string {
  return writeTinyGguf(path.join(dir, name), opts);
}

export function makeEngine(modelPath: string, extra: Partial<LocalEngineOptions> = {}): { engine: LocalEngine; logger: MemoryLogger } {
  const logger = new MemoryLogger();
  const engine = new LocalEngine({ workerPath: workerPath(), modelPath, contextSize: 4096, threads: 1, logger, gpu: false, backoff: { initialMs: 50, maxMs: 400 }, ...extra });
  return { engine, logger };
}
