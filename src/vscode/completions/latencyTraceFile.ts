// The latency trace written for the ghost-text benchmark: when TIERED_LATENCY_TRACE names a file
// (the benchmark sets it in code-server's environment), each inline request's stage timestamps
// (epoch ms, comparable with the browser's performance.timeOrigin + performance.now()) are
// appended as one JSON line when the provider returns. Off otherwise: nothing is kept.
import * as fs from 'node:fs';
import type { TraceMark, TraceOutcome, TraceStage } from '../../core/completion/latencyTrace';
import type { RequestOutcome } from '../../core/completion/stats';

const now = () => performance.timeOrigin + performance.now();

export interface LatencyTraceFile {
  mark: TraceMark;
  /** A document changed (the first stage; VS Code's scheduling starts here). */
  changed(filePath: string, version: number): void;
  /** How the scheduler ended the request (kept for the line `done` writes). */
  outcome: TraceOutcome;
  /**
   * The provider returns; `served` when it returned ghost text, `why` what the provider saw
   * (served, cancelled by VS Code, no suggestion). Writes the line, with the scheduler's outcome.
   */
  done(request: { filePath: string; documentVersion: number }, served: boolean, why?: string): void;
}

export function latencyTraceFile(file = process.env.TIERED_LATENCY_TRACE): LatencyTraceFile | undefined {
  if (!file) return undefined;
  const open = new Map<string, Partial<Record<TraceStage, number>>>();
  const outcomes = new Map<string, RequestOutcome>();
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
    outcome: (request, outcome) => {
      outcomes.set(key(request.filePath, request.documentVersion), outcome);
      if (outcomes.size > 64) outcomes.delete(outcomes.keys().next().value as string);
    },
    done: (request, served, why) => {
      const k = key(request.filePath, request.documentVersion);
      const s = { ...stages(k), return: now() };
      const outcome = outcomes.get(k);
      outcomes.delete(k);
      fs.appendFileSync(file, `${JSON.stringify({ filePath: request.filePath, version: request.documentVersion, served, why, outcome, ...s })}\n`);
      // VS Code may ask again for the same version: keep the change, start the rest afresh.
      open.set(k, { change: s.change });
    },
  };
}
