// The local tier as the rest of Tiered sees it: one FIM engine and one chat provider, built from
// the settings — the in-process model (LocalEngine in a child process) or a shared
// OpenAI-compatible server (tiered.local.endpoint) — plus the FIM template of the model and its
// state for the status bar. Rebuilt when the settings that shape it change; nothing starts
// before the first request.
import { UserFacingError } from '../../errors';
import type { Logger } from '../../log';
import { detectFamily, templateFor, type FimTemplate } from './fimTemplates';
import type { FimRequest, FimResult } from '../types';
import { OpenAIProvider } from '../openai';
import type { ChatProvider } from '../types';
import { EndpointFimEngine } from './endpoint';
import { LocalEngine, type LocalState } from './engine';
import { capabilitiesOf, ENDPOINT_CAPABILITIES, type LocalCapabilities } from './capabilities';
import { inspectGguf } from './ggufInfo';
import { chooseThreads } from './threads';

export interface LocalTierConfig {
  modelPath: string;
  endpoint: string;
  threads: number;
  contextSize: number;
  /** Speculative decoding with a smaller model of the same family; empty: input lookup only. */
  draftModelPath?: string;
}

export type LocalTierState =
  | { kind: 'no-model' }
  | { kind: 'off'; model: string; demo?: boolean }
  | { kind: 'loading'; model: string; demo?: boolean }
  | { kind: 'ready'; model: string; demo: boolean }
  | { kind: 'error'; message: string };

export interface LocalTierDeps {
  workerPath: string;
  logicalCpus: number;
  logger: Logger;
  /** Where the model comes from when no modelPath is set (the chosen catalog model), if any. */
  fallbackModelPath?: () => string | undefined;
  /** The draft model for the model in use (the catalog's, when downloaded), if any. */
  fallbackDraftPath?: (modelPath: string) => string | undefined;
  /** The fetch for tiered.local.endpoint (the egress record's tap: a remote endpoint's requests are on record). */
  fetch?: typeof fetch;
}

export const NO_MODEL_MESSAGE = "No local model yet — run 'Tiered: Choose Local Model' to download one or pick a GGUF file.";

export class LocalTier {
  private engine?: LocalEngine;
  private endpoint?: EndpointFimEngine;
  private endpointChat?: OpenAIProvider;
  private stateSub?: { dispose(): void };
  private key = '';
  private current: LocalTierState = { kind: 'no-model' };
  /** The model's one label in every state (GGUF general.name, else the file name) and whether it is the demo model. */
  private named?: { model: string; demo: boolean };
  private readonly listeners = new Set<(s: LocalTierState) => void>();

  constructor(private readonly deps: LocalTierDeps, config: LocalTierConfig) {
    this.configure(config);
  }

  get state(): LocalTierState { return this.current; }
  get localEngine(): LocalEngine | undefined { return this.engine; }
  /** True when requests go to a shared server instead of the in-process model. */
  get usesEndpoint(): boolean { return this.endpoint !== undefined; }

  onState(listener: (s: LocalTierState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Applies settings; rebuilds the engine only when what shapes it changed. */
  configure(config: LocalTierConfig): void {
    const modelPath = config.modelPath || this.deps.fallbackModelPath?.() || '';
    const threads = chooseThreads(config.threads, this.deps.logicalCpus);
    const draft = config.draftModelPath || (modelPath ? this.deps.fallbackDraftPath?.(modelPath) : undefined) || '';
    const key = JSON.stringify([modelPath, config.endpoint, threads, config.contextSize, draft]);
    if (key === this.key) return;
    this.key = key;
    this.teardown();
    this.deps.logger.info(`Local tier: ${config.endpoint ? `endpoint ${config.endpoint}` : modelPath ? `model ${modelPath} (${threads} thread${threads === 1 ? '' : 's'}${draft ? `, draft ${draft}` : ''})` : 'no model'}.`);
    if (config.endpoint) {
      const f = this.deps.fetch ? { fetch: this.deps.fetch } : {};
      this.endpoint = new EndpointFimEngine({ endpoint: config.endpoint, logger: this.deps.logger, ...f });
      this.endpointChat = new OpenAIProvider({ apiKey: async () => undefined, baseUrl: config.endpoint, defaultModel: 'local', logger: this.deps.logger, dialect: 'compatible', ...f });
      this.setState({ kind: 'ready', model: config.endpoint, demo: false });
    } else if (modelPath) {
      this.engine = new LocalEngine({ workerPath: this.deps.workerPath, modelPath, contextSize: config.contextSize, threads, logger: this.deps.logger, ...(draft ? { draftModelPath: draft } : {}) });
      this.named = { model: basename(modelPath), demo: false };
      this.stateSub = this.engine.onState((s) => this.setState(this.withName(fromEngineState(s, modelPath))));
      this.setState({ kind: 'off', model: basename(modelPath), demo: false });
      // The header names the model and marks the demo model before anything loads (a few KB read).
      void inspectGguf(modelPath).then((info) => {
        if (this.key !== key) return;
        this.named = { model: info.name, demo: info.isDemo };
        if (this.current.kind !== 'error' && this.current.kind !== 'no-model') this.setState(this.withName(this.current));
      }, () => undefined);
    } else {
      this.setState({ kind: 'no-model' });
    }
  }

  async fim(request: FimRequest, onText?: (delta: string) => void): Promise<FimResult> {
    if (this.endpoint) return this.endpoint.fim(request, onText);
    if (this.engine) return this.engine.fim(request, onText);
    throw new UserFacingError(NO_MODEL_MESSAGE, [{ title: 'Choose Local Model', command: 'tiered.chooseLocalModel' }], 'no-model');
  }

  /** The model's FIM template: from its GGUF metadata, or Qwen-style for a server (the most common). */
  async template(): Promise<FimTemplate> {
    if (this.endpoint || !this.engine) return templateFor('qwen');
    const modelPath = JSON.parse(this.key)[0] as string;
    const info = await inspectGguf(modelPath);
    const found = detectFamily({ architecture: info.architecture, name: info.name, specialTokens: Object.keys(info.specialTokens) });
    if (!found.ok) throw new UserFacingError(found.reason, [{ title: 'Choose Local Model', command: 'tiered.chooseLocalModel' }], 'no-fim');
    this.deps.logger.info(`Local model ${info.name}: ${found.template.label} (${found.evidence}${info.contextLength ? `, context ${info.contextLength}` : ''}).`);
    return info.contextLength ? { ...found.template, contextTokens: info.contextLength } : found.template;
  }

  private withName(s: LocalTierState): LocalTierState {
    if (!this.named || s.kind === 'error' || s.kind === 'no-model') return s;
    return { ...s, model: this.named.model, demo: s.kind === 'ready' ? s.demo || this.named.demo : this.named.demo };
  }

  /** What the local model can do (FIM, chat), from its metadata; undefined without a model or when unreadable. */
  async capabilities(): Promise<LocalCapabilities | undefined> {
    if (this.endpoint) return ENDPOINT_CAPABILITIES;
    if (!this.engine) return undefined;
    const key = this.key;
    if (this.caps?.key !== key) this.caps = { key, value: inspectGguf(JSON.parse(key)[0] as string).then(capabilitiesOf, () => undefined) };
    return this.caps.value;
  }

  private caps?: { key: string; value: Promise<LocalCapabilities | undefined> };

  private setState(s: LocalTierState): void {
    this.current = s;
    for (const l of this.listeners) l(s);
  }

  private teardown(): void {
    this.named = undefined;
    this.stateSub?.dispose();
    this.engine?.dispose();
    this.engine = undefined;
    this.endpoint = undefined;
    this.endpointChat = undefined;
  }

  /** Local chat: the model's own chat template in-process, or the server's chat endpoint. */
  chatProvider(): ChatProvider | undefined {
    return this.endpointChat ?? this.engine;
  }

  dispose(): void {
    this.teardown();
    this.listeners.clear();
  }
}

function basename(p: string): string {
  return p.split(/[\\/]/).pop() ?? p;
}

function fromEngineState(s: LocalState, modelPath: string): LocalTierState {
  switch (s.state) {
    case 'idle': return { kind: 'off', model: basename(modelPath) };
    case 'loading': return { kind: 'loading', model: s.modelName };
    case 'ready': return { kind: 'ready', model: s.modelName, demo: s.isDemo };
    case 'error': return { kind: 'error', message: s.message };
  }
}
