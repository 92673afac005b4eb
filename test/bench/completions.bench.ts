// Typing-replay benchmark of the inline-completion pipeline (issue 3), and a naive baseline side
// by side in the same run. Figures, never pass/fail.
//
//   npm run bench -- [--repo PATH] [--max-keys 2000] [--max-hunks 50] [--baseline 120] [--seed 1]
//
// Edits: the history of the git repository at --repo (its source files; default: THIS
// repository, src/**/*.ts). A seeded sample of hunks from the newest commits is replayed: the
// file as it was before the hunk, the removed lines deleted, the added lines typed character by
// character (Enter + auto-indent as one key) with log-normal gaps (median ~120 ms) and
// occasional 0.4-1.5 s pauses. Workspace for context: the repository's files (default: plus the
// .ts/.js files under node_modules, >2,000 files); a few are "viewed" before each hunk and feed
// the context ring, the edited file feeds it at each keystroke, as the VS Code adapter does.
//
// Pipeline: the real CompletionScheduler + ContextChunks + LocalTier/LocalEngine (worker
// dist/local-worker.js, node-llama-cpp) on the generated tiny GGUF, 1 thread. Time: a WarpClock
// (support/warpClock.ts) — model, IPC and Tiered's code run in real time; idle stretches (typist
// pauses, debounce timers while nothing runs) are skipped instead of slept through.
//
// Served requests are a biased sample: a suggestion is served only when the model finishes
// before the next keystroke, which favours cheap positions (empty suffix, new files); the
// per-engine-call figures (every generation that reached the model) are printed beside them.
//
// Baseline: the same keystrokes (every k-th, up to --baseline), each a fresh full-prompt request
// on its own LocalEngine, awaited one by one, random first line so no KV reuse
// (support/baseline.ts).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextChunks } from '../../src/core/completion/contextChunks';
import { DEFAULT_DEBOUNCE } from '../../src/core/completion/debounce';
import { chunkTokenBudget, DEFAULT_PROMPT_OPTIONS } from '../../src/core/completion/prompt';
import { CompletionScheduler, DEFAULT_SCHEDULER_OPTIONS } from '../../src/core/completion/scheduler';
import { percentile } from '../../src/core/completion/stats';
import { DEFAULT_SETTINGS } from '../../src/core/config';
import { MemoryLogger } from '../../src/core/log';
import { LocalEngine } from '../../src/core/providers/local/engine';
import { LocalTier } from '../../src/core/providers/local/localTier';
import { repoRoot } from '../support/paths';
import { writeTinyGguf } from '../support/tinyGguf';
import { runBaseline } from './support/baseline';
import type { ReplayDocument } from './support/document';
import { collectHunks, replayOf, sampleHunks, seeded, SOURCE_PATHSPECS, type Replay } from './support/editHistory';
import { MeteredEngine } from './support/meteredEngine';
import { PAUSE_MS, replaySession } from './support/replaySession';
import { keystrokes, TYPING } from './support/typist';
import { WarpClock } from './support/warpClock';
import { workspaceFiles } from './support/workspace';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}
const num = (name: string, fallback: number) => { const v = Number(arg(name)); return Number.isFinite(v) && v > 0 ? v : fallback; };
const r2 = (x: number | undefined) => (x === undefined ? null : Math.round(x * 100) / 100);
const ratio = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? null : r2(a / Math.max(b, 1e-9)));

async function main(): Promise<void> {
  const given = arg('repo');
  const repo = path.resolve(given ?? repoRoot);
  const maxKeys = num('max-keys', 2000);
  const maxHunks = num('max-hunks', 50);
  const baselineMax = num('baseline', 120);
  const seed = num('seed', 1);
  const rand = seeded(seed);

  const workerPath = path.join(repoRoot, 'dist', 'local-worker.js');
  if (!fs.existsSync(workerPath)) spawnSync(process.execPath, ['esbuild.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (!fs.existsSync(path.join(repo, '.git'))) { console.log(`completions: ${repo} is not a git repository; skipped.`); return; }

  // Edits and workspace.
  const pathspecs = given ? SOURCE_PATHSPECS : ['src/*.ts'];
  const hunks = collectHunks(repo, pathspecs, 500);
  const replays: Replay[] = [];
  const perHunk = Math.max(60, Math.round((1.5 * maxKeys) / maxHunks));
  let keys = 0;
  for (const hunk of sampleHunks(hunks, maxHunks, rand)) {
    if (keys >= maxKeys) break;
    const replay = replayOf(repo, hunk, Math.min(perHunk, maxKeys - keys));
    if (!replay) continue;
    replays.push(replay);
    keys += keystrokes(replay.text, () => 0.5).length + (replay.deleteChars > 0 ? 1 : 0);
  }
  const workspace = workspaceFiles(repo, !given);
  console.log(`edits: ${given ? repo : `default — this repository's own history (${repo}, src/**/*.ts)`}; ${replays.length} hunks of ${hunks.length} from the newest ≤500 commits, ~${keys} keystrokes, ≤ ${perHunk} characters typed per hunk (seed ${seed})`);
  console.log(`workspace for context: ${workspace.described}${workspace.files.length < 2000 ? ' — fewer than 2,000 files' : ''}`);
  console.log(`typing: log-normal gaps, median ${TYPING.medianMs} ms, pauses ${TYPING.pauseMinMs}-${TYPING.pauseMaxMs} ms (${TYPING.pauseChance * 100}% of keys, ${TYPING.pauseAfterEnterChance * 100}% after Enter); idle time skipped by a warp clock, model time real`);
  if (replays.length === 0) { console.log('completions: no replayable edits found; skipped.'); return; }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tbench-'));
  const modelPath = writeTinyGguf(path.join(dir, 'tiny.gguf'));
  const logger = new MemoryLogger();
  const contextSize = DEFAULT_SETTINGS['local.contextSize'];
  const tier = new LocalTier({ workerPath, logicalCpus: os.availableParallelism(), logger }, { modelPath, endpoint: '', threads: 1, contextSize });
  const metered = new MeteredEngine(tier);
  const clock = new WarpClock(metered);
  const chunks = new ContextChunks();
  let doc: ReplayDocument | undefined;
  const errors: string[] = [];
  const scheduler = new CompletionScheduler({
    engine: metered, template: () => tier.template(), chunks, clock, logger,
    isCurrent: (r) => doc !== undefined && r.filePath === doc.filePath && r.documentVersion === doc.version,
    onError: (e) => { if (errors.length < 3) errors.push(String((e as Error)?.message ?? e)); },
  });
  try {
    // Start the worker and load the model before the clock runs (as after the first completion).
    const t0 = performance.now();
    const template = await tier.template();
    scheduler.setTemplate(template);
    await tier.fim({ prompt: 'abc', maxTokens: 2 });
    console.log(`model: generated tiny GGUF (demo model, predicts letters), 1 thread, context ${contextSize}; worker ready in ${Math.round(performance.now() - t0)} ms`);

    const realStart = performance.now();
    const figures = await replaySession({
      replays, scheduler, chunks, clock, workspace, rand, viewsPerHunk: 3,
      chunkBudget: chunkTokenBudget(DEFAULT_PROMPT_OPTIONS), sampleEvery: Math.max(1, Math.ceil(keys / baselineMax)),
      onDocument: (d) => { doc = d; },
    });
    const realMs = performance.now() - realStart;
    const stats = scheduler.stats;
    const summary = scheduler.summary();
    const worker = await tier.localEngine?.stats();
    const workerRssMb = worker?.worker ? worker.worker.rssBytes / 1024 ** 2 : undefined;
    tier.dispose();

    // The naive baseline on its own engine.
    const baselineEngine = new LocalEngine({ workerPath, modelPath, contextSize, threads: 1, logger });
    await baselineEngine.fim({ prompt: 'abc', maxTokens: 2 });
    const o = DEFAULT_SCHEDULER_OPTIONS;
    const base = await runBaseline({
      engine: baselineEngine, template, promptOptions: {}, samples: figures.samples,
      maxTokensSingle: o.maxTokensSingle, maxTokensMulti: o.maxTokensMulti, timeBudgetMs: o.timeBudgetMs,
    });
    baselineEngine.dispose();

    const baseEval = percentile(base.map((b) => b.evaluatedTokens), 50);
    const baseModel = percentile(base.map((b) => b.modelMs), 50);
    const basePrompt = percentile(base.map((b) => b.promptTokens), 50);
    const baseEvalMean = base.reduce((s, b) => s + b.evaluatedTokens, 0) / Math.max(1, base.length);
    const baseModelMean = base.reduce((s, b) => s + b.modelMs, 0) / Math.max(1, base.length);
    const oursEvalPerKey = metered.evaluatedTokens / Math.max(1, figures.keystrokes);
    const oursModelPerKey = metered.modelMs / Math.max(1, figures.keystrokes);
    const draftAcceptRate = stats.draftPredicted > 0 ? stats.draftAccepted / stats.draftPredicted : undefined;

    console.log(`replay: ${figures.keystrokes} keystrokes in ${(clock.skippedMs / 1000 + realMs / 1000).toFixed(0)} s of typing time (${(realMs / 1000).toFixed(1)} s real)`);
    console.log(`requests ${stats.requests}: served ${stats.served} (model ${stats.served - stats.cacheHits - stats.reused}, cache ${stats.cacheHits}, reused in-flight ${stats.reused}), cancelled ${stats.cancelled}, stale dropped ${stats.staleDropped}, empty ${stats.empty}, errors ${stats.errors}`);
    console.log(`engine calls ${metered.calls} (aborted ${metered.aborted}); generations aborted by the scheduler ${stats.generationsAborted}`);
    console.log(`shown ${figures.shown}: stale shown ${figures.staleShown}; typed through (first character) ${figures.typedThrough}, typed in full ${figures.typedInFull}`);
    console.log(`tokens per model-served request: prompt p50 ${summary.promptTokensP50}, evaluated p50 ${summary.evaluatedTokensP50} (${summary.promptTokensP50 ? ((100 * (summary.evaluatedTokensP50 ?? 0)) / summary.promptTokensP50).toFixed(1) : '?'}% of the prompt; target ≤ 10%)`);
    const ran = metered.records.filter((r) => r.promptTokens > 0);
    const callPrompt = percentile(ran.map((r) => r.promptTokens), 50);
    const callEval = percentile(ran.map((r) => r.evaluatedTokens), 50);
    const callEvalP90 = percentile(ran.map((r) => r.evaluatedTokens), 90);
    const timeouts = ran.filter((r) => r.finishReason === 'time').length;
    console.log(`tokens per engine call that reached the model (${ran.length}, served or not): prompt p50 ${callPrompt}, evaluated p50 ${callEval}, p90 ${callEvalP90}; stopped by the time budget ${timeouts}`);
    const overContext = metered.records.filter((r) => r.promptTokens + r.maxTokens > contextSize).length;
    const trimmed = metered.records.filter((r) => (r.trimmedTokens ?? 0) > 0).length;
    const refused = metered.records.filter((r) => r.overContext).length;
    console.log(`context ${contextSize}: calls over it (prompt + max output > context, node-llama-cpp would shift) ${overContext} (target 0); trimmed to fit by the worker ${trimmed}; refused (no room even without prefix) ${refused}; estimate ${scheduler.estimate.charsPerToken} characters per token`);
    const pauseP50 = percentile(figures.pauseLatencies, 50);
    const pauseP95 = percentile(figures.pauseLatencies, 95);
    console.log(`typing pauses ≥ ${PAUSE_MS} ms: ${figures.pauses}, ghost text shown in ${figures.pauseLatencies.length}; keystroke → first ghost text p50 ${r2(pauseP50)} ms, p95 ${r2(pauseP95)} ms (debounce ${DEFAULT_DEBOUNCE.minMs}-${DEFAULT_DEBOUNCE.maxMs} ms included)`);
    console.log(`Tiered's own time per request (context, prompt, cache, IPC, post-processing; model excluded): p50 ${r2(summary.overheadMsP50)} ms, p95 ${r2(summary.overheadMsP95)} ms (targets ≤ 3 / ≤ 10)`);
    console.log(`model time p50 per model-served request ${r2(summary.modelMsP50)} ms; draft tokens accepted ${stats.draftAccepted}/${stats.draftPredicted}; worker RSS ${r2(workerRssMb)} MB (target ≤ 150)`);
    console.log(`baseline (${base.length} keystrokes sampled, every one a full fresh request): prompt p50 ${basePrompt}, evaluated p50 ${baseEval}, model p50 ${r2(baseModel)} ms`);
    console.log(`ratios baseline/ours: evaluated tokens per request ${ratio(baseEval, summary.evaluatedTokensP50)}×, model ms per request ${ratio(baseModel, summary.modelMsP50)}×; whole session per keystroke: evaluated ${ratio(baseEvalMean, oursEvalPerKey)}×, model time ${ratio(baseModelMean, oursModelPerKey)}×`);
    if (errors.length) console.log(`engine errors (first ${errors.length}): ${errors.join(' | ')}`);
    console.log(JSON.stringify({
      bench: 'completions', repo: given ? repo : 'default:self', files: workspace.files.length, hunks: replays.length, keystrokes: figures.keystrokes,
      requests: stats.requests, served: stats.served, cancelled: stats.cancelled, cacheHits: stats.cacheHits, reused: stats.reused,
      staleShown: figures.staleShown, shown: figures.shown, typedThrough: figures.typedThrough, typedInFull: figures.typedInFull,
      engineCalls: metered.calls, errors: stats.errors,
      callsOverContext: overContext, callsTrimmed: trimmed, callsRefusedOverContext: refused,
      callEvaluatedShareP50: callPrompt ? r2((callEval ?? 0) / callPrompt) : null,
      pauses: figures.pauses, pausesWithGhostText: figures.pauseLatencies.length, pauseGhostTextMsP50: r2(pauseP50), pauseGhostTextMsP95: r2(pauseP95),
      callPromptTokensP50: callPrompt ?? null, callEvaluatedTokensP50: callEval ?? null, callEvaluatedTokensP90: callEvalP90 ?? null, callsStoppedByTimeBudget: timeouts,
      promptTokensP50: summary.promptTokensP50 ?? null, evaluatedTokensP50: summary.evaluatedTokensP50 ?? null,
      overheadMsP50: r2(summary.overheadMsP50), overheadMsP95: r2(summary.overheadMsP95), modelMsP50: r2(summary.modelMsP50),
      draftAcceptRate: draftAcceptRate === undefined ? null : r2(draftAcceptRate), draftPredicted: stats.draftPredicted,
      workerRssMb: r2(workerRssMb), debounceMs: { min: DEFAULT_DEBOUNCE.minMs, max: DEFAULT_DEBOUNCE.maxMs, last: scheduler.debounceMs },
      baselineRequests: base.length, baselinePromptTokensP50: basePrompt ?? null, baselineEvaluatedTokensP50: baseEval ?? null, baselineModelMsP50: r2(baseModel),
      evaluatedTokensRatio: ratio(baseEval, summary.evaluatedTokensP50), modelMsRatio: ratio(baseModel, summary.modelMsP50),
      sessionEvaluatedPerKeyRatio: ratio(baseEvalMean, oursEvalPerKey), sessionModelMsPerKeyRatio: ratio(baseModelMean, oursModelPerKey),
    }));
  } finally {
    tier.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
