// The latency trace written for the ghost-text benchmark: when TIERED_LATENCY_TRACE names a file
// (the benchmark sets it in code-server's environment), each inline request's stage timestamps
// (epoch ms, comparable with the browser's performance.timeOrigin + performance.now()) are
// appended as one JSON line when the provider returns. Off otherwise: nothing is kept.
import * as fs from 'node:fs';
import type { TraceMark, TraceStage } from '../../core/completion/latencyTrace';

const now = () => performance.timeOrigin + performance.now();

export interface LatencyTraceFile {
  mark: TraceMark;
  /** A document changed (the first stage; VS Code's scheduling starts here). */
  changed(filePath: string, version: number): void;
  /** The provider returns; `served` when it returned ghost text. Writes the line. */
  done(request: { filePath: string; documentVersion: number }, served: boolean): void;
}

export function latencyTraceFile(file = process.env.TIERED_LATENCY_TRACE): LatencyTraceFile | undefined {
  if (!file) return undefined;
  const open = new Map<string, Partial<Record<TraceStage, number>>>();
  const key = (filePath: string, version: number) => `${filePath}@${version}`;
  const stages = (k: string) => {
    let s = open.get(k);
    if (!s) {
      s = {};
      open.set(k, s);
      if (open.size > 64) open.delete(open.keys().next().value as string);
    }
    return s;
  };
  return {
    mark: (request, stage) => { stages(key(request.filePath, request.documentVersion))[stage] ??= now(); },
    changed: (filePath, version) => { stages(key(filePath, version)).change = now(); },
    done: (request, served) => {
      const k = key(request.filePath, request.documentVersion);
      const s = { ...stages(k), return: now() };
      fs.appendFileSync(file, `${JSON.stringify({ filePath: request.filePath, version: request.documentVersion, served, ...s })}\n`);
      // VS Code may ask again for the same version: keep the change, start the rest afresh.
      open.set(k, { change: s.change });
    },
  };
}
