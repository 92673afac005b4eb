// The helper-bug workspace (test/fixtures/helper-bug) in a temporary git repository: committed
// correct, then `lastIndex` in src/stats.js changed to an off-by-one that is NOT committed, so
// `node src/main.js` throws in src/report.js and the trace never names src/stats.js.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from './paths';

export const CORRECT_HELPER = '  return items.length - 1;';
export const BUGGY_HELPER = '  return items.length;';

export interface HelperBugWorkspace {
  root: string;
  files: string[];
  read(rel: string): string;
  write(rel: string, text: string): void;
  /** Runs `node src/main.js`. */
  run(): { stdout: string; stderr: string; status: number | null };
  dispose(): void;
}

function listFiles(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    if (e.name === '.git' || e.name === 'node_modules') return [];
    return e.isDirectory() ? listFiles(root, rel) : [rel];
  });
}

/** Copies the fixture to `into` (or a new temp folder), commits it, then breaks the helper. */
export function createHelperBug(into?: string): HelperBugWorkspace {
  const root = into ?? fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-helper-')));
  fs.cpSync(path.join(repoRoot, 'test', 'fixtures', 'helper-bug'), root, { recursive: true });
  const g = (...args: string[]) => spawnSync('git', ['-c', 'user.name=Tiered Test', '-c', 'user.email=test@tiered.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: root, encoding: 'utf8' });
  g('init', '-q');
  g('add', '-A');
  g('commit', '-q', '-m', 'report');
  const stats = path.join(root, 'src', 'stats.js');
  fs.writeFileSync(stats, fs.readFileSync(stats, 'utf8').replace(CORRECT_HELPER, BUGGY_HELPER));
  return {
    root,
    files: listFiles(root),
    read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8'),
    write: (rel, text) => fs.writeFileSync(path.join(root, rel), text),
    run() {
      const r = spawnSync(process.execPath, [path.join(root, 'src', 'main.js')], { cwd: root, encoding: 'utf8', timeout: 20_000 });
      return { stdout: r.stdout, stderr: r.stderr, status: r.status };
    },
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
