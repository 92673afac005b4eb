// Quality benchmark (issue 13): are the suggestions what the author typed next?
//
//   npm run bench -- --only=quality [--repo PATH] [--model GGUF] [--positions 500] [--per-hunk 3] [--seed 1]
//
// Positions: ≥ --positions points inside real edits of the repository's history (quality/positions.ts),
// the document as the author had it there. Four variants on the same positions, in one run:
//   full        the real pipeline (CompletionScheduler: context ring, prompt layout, FIM template
//               from the model's metadata, post-processing) on the model, with cross-file context
//               from a few workspace files "viewed" before each edit, as the completions bench does;
//   noContext   the same without cross-file context (an empty ring);
//   prefixOnly  the same with context but no text after the cursor (suffix '');
//   baseline    no model: a copy predictor over the document and the workspace (quality/copyPredictor.ts).
// Requests are explicit (no debounce), one at a time, each awaited. Metrics: quality/metrics.ts.
// The prompt-lookup draft acceptance is the worker's (speculative decoding on the prompt) over the
// full variant's generations. Figures, never pass/fail; the last line is one JSON object.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ContextChunks } from '../../src/core/completion/contextChunks';
import { CompletionScheduler } from '../../src/core/completion/scheduler';
import { requestFromText, type CompletionRequest, type FimEngine } from '../../src/core/completion/types';
import type { FimTemplate } from '../../src/core/providers/local/fimTemplates';
import { DEFAULT_SETTINGS } from '../../src/core/config';
import { MemoryLogger } from '../../src/core/log';
import { inspectGguf } from '../../src/core/providers/local/ggufInfo';
import { LocalTier } from '../../src/core/providers/local/localTier';
import { repoRoot } from '../support/paths';
import { seeded } from './support/editHistory';
import { readSource, workspaceFiles } from './support/workspace';
import { CopyPredictor } from './quality/copyPredictor';
import { aggregate, scorePosition, type PositionScore, type VariantScore } from './quality/metrics';
import { samplePositions, type Position } from './quality/positions';

export const DEMO_MODEL = path.join(repoRoot, 'models', 'tiered-demo-coder.gguf');

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const eq = argv.find((a) => a.startsWith(`--${name}=`));
  if (eq) return eq.slice(name.length + 3);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}
const num = (name: string, fallback: number) => { const v = Number(arg(name)); return Number.isFinite(v) && v > 0 ? v : fallback; };
const r3 = (x: number) => Math.round(x * 1000) / 1000;

type Variant = 'full' | 'noContext' | 'prefixOnly' | 'baseline';
const VARIANTS: Variant[] = ['full', 'noContext', 'prefixOnly', 'baseline'];

async function main(): Promise<void> {
  const repo = path.resolve(arg('repo') ?? repoRoot);
  const modelPath = path.resolve(arg('model') ?? DEMO_MODEL);
  const count = num('positions', 500);
  const perHunk = num('per-hunk', 3);
  const rand = seeded(num('seed', 1));
  if (!fs.existsSync(path.join(repo, '.git'))) { console.log(`quality: ${repo} is not a git repository; skipped.`); return; }
  if (!fs.existsSync(modelPath)) { console.log(`quality: no model at ${modelPath}; skipped.`); return; }
  const workerPath = path.join(repoRoot, 'dist', 'local-worker.js');

  const { positions, hunks, hunksSeen } = samplePositions(repo, count, perHunk, rand);
  const workspace = workspaceFiles(repo, false);
  const info = await inspectGguf(modelPath);
  console.log(`repo ${repo}: ${positions.length} positions in ${hunks} edits (of ${hunksSeen} in the newest ≤2000 commits); workspace ${workspace.described}`);
  if (positions.length === 0) { console.log('quality: no positions; skipped.'); return; }

  const logger = new MemoryLogger();
  const tier = new LocalTier({ workerPath, logicalCpus: os.availableParallelism(), logger }, { modelPath, endpoint: '', threads: 1, contextSize: DEFAULT_SETTINGS['local.contextSize'] });
  const texts = new Map<string, string | undefined>();
  const source = (rel: string) => { if (!texts.has(rel)) texts.set(rel, readSource(repo, rel)); return texts.get(rel); };
  try {
    const template = await tier.template();
    await tier.fim({ prompt: 'const', maxTokens: 1 });
    console.log(`model ${info.name} (${path.basename(modelPath)}, ${(info.fileSize / 1024 ** 2).toFixed(1)} MB, ${info.architecture}, context ${info.contextLength}); template ${template.label}`);
    const ring = new ContextChunks();
    const errors: string[] = [];
    // The extension estimates ~3 characters per token for a real model's prompt budget.
    const make = (chunks: ContextChunks | undefined, t: FimTemplate, engine: FimEngine) => new CompletionScheduler({
      engine, template: t, ...(chunks ? { chunks } : {}), logger, countTokens: (s) => Math.ceil(s.length / 3),
      options: { prompt: { contextTokens: DEFAULT_SETTINGS['local.contextSize'] } },
      onError: (e) => { if (errors.length < 3) errors.push(String((e as Error)?.message ?? e)); },
    });
    const schedulers = { full: make(ring, template, tier), noContext: make(undefined, template, tier), prefixOnly: make(ring, template, tier) };
    const scores: Record<Variant, PositionScore[]> = { full: [], noContext: [], prefixOnly: [], baseline: [] };
    const shown: Record<Variant, string[]> = { full: [], noContext: [], prefixOnly: [], baseline: [] };
    let baseline: CopyPredictor | undefined;
    let baselineFor = '';
    let lastReplay: Position['replay'] | undefined;
    let version = 0;
    const started = performance.now();
    const examples: string[] = [];

    for (const [i, p] of positions.entries()) {
      if (p.replay !== lastReplay) {
        lastReplay = p.replay;
        for (let v = 0; v < 3; v++) {
          const rel = workspace.files[Math.floor(rand() * workspace.files.length)];
          const text = rel !== p.filePath ? source(rel) : undefined;
          if (text) ring.addAround(rel, text, Math.floor(rand() * text.split('\n').length), 'view');
        }
        ring.addAround(p.filePath, p.replay.before, p.prefix.split('\n').length - 1, 'view');
      }
      ring.addAround(p.filePath, p.prefix + p.suffix, p.prefix.split('\n').length - 1, 'edit');
      if (baselineFor !== p.filePath) {
        baselineFor = p.filePath;
        baseline = new CopyPredictor(workspace.files.filter((f) => f !== p.filePath).map((f) => source(f) ?? ''));
      }
      version++;
      const request = (prefix: string, suffix: string): CompletionRequest => ({
        ...requestFromText({ filePath: p.filePath, languageId: p.languageId, text: prefix + suffix, offset: prefix.length, documentVersion: version, trigger: 'explicit' }),
      });
      const ask = async (s: CompletionScheduler, req: CompletionRequest) => (await s.request(req, new AbortController().signal))?.text ?? '';
      const got: Record<Variant, string> = {
        full: await ask(schedulers.full, request(p.prefix, p.suffix)),
        noContext: await ask(schedulers.noContext, request(p.prefix, p.suffix)),
        prefixOnly: await ask(schedulers.prefixOnly, request(p.prefix, '')),
        baseline: baseline!.predict(p.prefix, p.suffix),
      };
      for (const v of VARIANTS) {
        scores[v].push(scorePosition(got[v], p.truth));
        shown[v].push(got[v]);
      }
      if (examples.length < 6 && got.full) examples.push(`  ${JSON.stringify(p.prefix.slice(-40))} → full ${JSON.stringify(got.full.slice(0, 60))} | typed ${JSON.stringify(p.truth.typed.split('\n')[0].slice(0, 60))}`);
      if ((i + 1) % 100 === 0) console.log(`  ${i + 1}/${positions.length} positions, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }

    const results = Object.fromEntries(VARIANTS.map((v) => [v, aggregate(scores[v], shown[v])])) as Record<Variant, VariantScore>;
    const stats = schedulers.full.stats;
    const draftAcceptRate = stats.draftPredicted > 0 ? stats.draftAccepted / stats.draftPredicted : 0;
    console.log('examples (prefix end → suggestion | what the author typed):');
    for (const e of examples) console.log(e);
    console.log('variant      exactLine  charsSaved/100  editSim  non-empty');
    for (const v of VARIANTS) {
      const r = results[v];
      console.log(`${v.padEnd(12)} ${r.exactLine.toFixed(3).padStart(9)}  ${r.charsSavedPer100.toFixed(2).padStart(14)}  ${r.editSim.toFixed(3).padStart(7)}  ${String(r.nonEmpty).padStart(9)}`);
    }
    console.log(`prompt-lookup draft tokens accepted ${stats.draftAccepted}/${stats.draftPredicted} (full variant); ${((performance.now() - started) / 1000).toFixed(0)} s`);
    if (errors.length) console.log(`engine errors (first ${errors.length}): ${errors.join(' | ')}`);
    console.log(JSON.stringify({
      bench: 'quality', repo, positions: positions.length,
      variants: Object.fromEntries(VARIANTS.map((v) => [v, { exactLine: r3(results[v].exactLine), charsSavedPer100: r3(results[v].charsSavedPer100), editSim: r3(results[v].editSim), nonEmpty: results[v].nonEmpty }])),
      draftAcceptRate: r3(draftAcceptRate), draftPredicted: stats.draftPredicted, model: info.name, modelFile: path.basename(modelPath),
    }));
  } finally {
    tier.dispose();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
