// Real temp folders for the edit tests: a small TypeScript workspace, an outside folder, symlinks.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPlan } from '../../../src/core/edits/apply';
import type { FilePlan } from '../../../src/core/edits/types';

export interface TempWorkspace {
  base: string;
  root: string;
  outside: string;
  write(rel: string, text: string): string;
  read(rel: string): string;
  snapshot(): Map<string, string>;
  cleanup(): void;
}

export function makeWorkspace(files: Record<string, string>): TempWorkspace {
  const base = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-edits-')));
  const root = path.join(base, 'ws');
  const outside = path.join(base, 'outside');
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'target.ts'), 'export const secret = 1;\n');
  const write = (rel: string, text: string) => {
    const abs = path.join(root, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, text);
    return abs;
  };
  for (const [rel, text] of Object.entries(files)) write(rel, text);
  /** Every file under base (workspace and outside), path -> text, following no links. */
  const snapshot = () => {
    const out = new Map<string, string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const abs = path.join(dir, e.name);
        if (e.isDirectory()) walk(abs);
        else if (e.isFile()) out.set(path.relative(base, abs), fs.readFileSync(abs, 'utf8'));
        else if (e.isSymbolicLink()) out.set(path.relative(base, abs), `-> ${fs.readlinkSync(abs)}`);
      }
    };
    walk(base);
    return out;
  };
  return {
    base,
    root,
    outside,
    write,
    read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8'),
    snapshot,
    cleanup: () => fs.rmSync(base, { recursive: true, force: true }),
  };
}

/** What the VS Code adapter does with valid plans, on disk: write, create, delete. */
export function writePlans(plans: FilePlan[]): void {
  for (const plan of plans) {
    if (plan.kind === 'delete') {
      fs.rmSync(plan.absPath);
      continue;
    }
    const before = plan.kind === 'create' ? '' : fs.readFileSync(plan.absPath, 'utf8');
    fs.mkdirSync(path.dirname(plan.absPath), { recursive: true });
    fs.writeFileSync(plan.absPath, applyPlan(before, plan) ?? '');
  }
}
