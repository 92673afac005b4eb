// API keys: stored in the editor's secret storage, or taken from the environment. Never in
// settings, logs, the ledger, error messages or the webview.
import type { ReasoningProviderId } from './config';

export interface SecretStore {
  get(name: string): Promise<string | undefined>;
  store(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export const ENV_KEY_NAMES: Record<ReasoningProviderId, string> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
};

export const PROVIDER_LABEL: Record<ReasoningProviderId, string> = {
  anthropic: 'Anthropic',
  openai: 'OpenAI (or OpenAI-compatible)',
};

const secretName = (p: ReasoningProviderId) => `tiered.apiKey.${p}`;

export type KeySource = 'stored' | 'environment' | 'none';

export class KeyStore {
  private readonly cache = new Map<ReasoningProviderId, string | undefined>();

  constructor(
    private readonly secrets: SecretStore,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {}

  async get(provider: ReasoningProviderId): Promise<{ key: string | undefined; source: KeySource }> {
    const stored = await this.secrets.get(secretName(provider));
    this.cache.set(provider, stored);
    if (stored) return { key: stored, source: 'stored' };
    const fromEnv = this.env[ENV_KEY_NAMES[provider]]?.trim();
    if (fromEnv) return { key: fromEnv, source: 'environment' };
    return { key: undefined, source: 'none' };
  }

  async set(provider: ReasoningProviderId, key: string): Promise<void> {
    const trimmed = key.trim();
    const problem = validateKeyShape(trimmed);
    if (problem) throw new Error(problem);
    await this.secrets.store(secretName(provider), trimmed);
    this.cache.set(provider, trimmed);
  }

  async remove(provider: ReasoningProviderId): Promise<void> {
    await this.secrets.delete(secretName(provider));
    this.cache.set(provider, undefined);
  }

  /** Every key known to be in use, so loggers can redact them exactly. */
  knownSecrets(): string[] {
    const out: string[] = [];
    for (const v of this.cache.values()) if (v) out.push(v);
    for (const name of Object.values(ENV_KEY_NAMES)) {
      const v = this.env[name];
      if (v) out.push(v);
    }
    return out;
  }
}

/** A message when the text cannot be an API key (so a pasted sentence is not stored). */
export function validateKeyShape(key: string): string | undefined {
  if (!key) return 'The key is empty.';
  if (/\s/.test(key)) return 'An API key has no spaces or line breaks — check what was pasted.';
  if (key.length < 8) return 'That is too short to be an API key.';
  return undefined;
}
