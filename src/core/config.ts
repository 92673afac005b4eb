// The settings of the public contract, their defaults and their validation. package.json's
// `contributes.configuration` must agree with DEFAULT_SETTINGS (a unit test checks it).

export type Tier = 'auto' | 'local' | 'reasoning';
export type ReasoningProviderId = 'anthropic' | 'openai';

export const TIERS: readonly Tier[] = ['auto', 'local', 'reasoning'];
export const REASONING_PROVIDERS: readonly ReasoningProviderId[] = ['anthropic', 'openai'];
/** Which OpenAI API serves the openai provider (see providers/openaiResponses.ts usesResponsesApi). */
export type OpenAIApi = 'auto' | 'chat-completions' | 'responses';
export const OPENAI_APIS: readonly OpenAIApi[] = ['auto', 'chat-completions', 'responses'];

export interface TieredSettings {
  tier: Tier;
  'local.modelPath': string;
  'local.endpoint': string;
  'local.threads': number;
  'local.contextSize': number;
  'local.draftModelPath': string;
  'completions.enabled': boolean;
  'reasoning.provider': ReasoningProviderId;
  'reasoning.model': string;
  'reasoning.baseUrl': string;
  'reasoning.openaiApi': OpenAIApi;
  /** Price overrides, model id -> USD per million tokens by kind. */
  'reasoning.prices': Record<string, Partial<Record<'input' | 'output' | 'cacheRead' | 'cacheWrite', number>>>;
  'budget.dailyUsd': number;
  'budget.monthlyUsd': number;
  'budget.confirmAboveUsd': number;
  /** Tokens a day to reasoning models with no price (each such request also asks first); 0 = no cap. */
  'budget.dailyUnpricedTokens': number;
  'privacy.neverSend': string[];
  /** The agent's limits per task (Deep Debug): model turns, dollars, cloud tokens. */
  'agent.maxSteps': number;
  'agent.maxUsd': number;
  'agent.maxTokens': number;
}

export type SettingKey = keyof TieredSettings;

export const DEFAULT_SETTINGS: Readonly<TieredSettings> = Object.freeze({
  tier: 'auto',
  'local.modelPath': '',
  'local.endpoint': '',
  'local.threads': 0,
  'local.contextSize': 4096,
  'local.draftModelPath': '',
  'completions.enabled': true,
  'reasoning.provider': 'anthropic',
  'reasoning.model': '',
  'reasoning.baseUrl': '',
  'reasoning.openaiApi': 'auto',
  'reasoning.prices': {},
  'budget.dailyUsd': 5,
  'budget.monthlyUsd': 0,
  'budget.confirmAboveUsd': 0.1,
  'budget.dailyUnpricedTokens': 500_000,
  'privacy.neverSend': ['**/.env', '**/.env.*', '**/*.pem', '**/*.key', '**/secrets/**'],
  'agent.maxSteps': 12,
  'agent.maxUsd': 0.5,
  'agent.maxTokens': 400_000,
});

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as SettingKey[];

type Validator<K extends SettingKey> = (value: unknown) => value is TieredSettings[K];

const isString = (v: unknown): v is string => typeof v === 'string';
const isFiniteNonNegative = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const isWholeNonNegative = (v: unknown): v is number => isFiniteNonNegative(v) && Number.isInteger(v);

const VALIDATORS: { [K in SettingKey]: Validator<K> } = {
  tier: (v): v is Tier => TIERS.includes(v as Tier),
  'local.modelPath': isString,
  'local.endpoint': isString,
  'local.threads': isWholeNonNegative,
  'local.contextSize': (v): v is number => isWholeNonNegative(v) && v >= 256,
  'local.draftModelPath': isString,
  'completions.enabled': (v): v is boolean => typeof v === 'boolean',
  'reasoning.provider': (v): v is ReasoningProviderId => REASONING_PROVIDERS.includes(v as ReasoningProviderId),
  'reasoning.model': isString,
  'reasoning.baseUrl': isString,
  'reasoning.openaiApi': (v): v is OpenAIApi => OPENAI_APIS.includes(v as OpenAIApi),
  'reasoning.prices': (v): v is TieredSettings['reasoning.prices'] => typeof v === 'object' && v !== null && !Array.isArray(v),
  'budget.dailyUsd': isFiniteNonNegative,
  'budget.monthlyUsd': isFiniteNonNegative,
  'budget.confirmAboveUsd': isFiniteNonNegative,
  'budget.dailyUnpricedTokens': isWholeNonNegative,
  'privacy.neverSend': (v): v is string[] => Array.isArray(v) && v.every(isString),
  'agent.maxSteps': (v): v is number => isWholeNonNegative(v) && v >= 1 && v <= 50,
  'agent.maxUsd': (v): v is number => isFiniteNonNegative(v) && v > 0,
  'agent.maxTokens': (v): v is number => isWholeNonNegative(v) && v >= 1000,
};

export interface SettingProblem {
  key: SettingKey;
  message: string;
}

/**
 * Turns whatever the user wrote into settings Tiered can use: a value of the wrong type or out
 * of range falls back to its default, and is reported so the user can fix it.
 */
export function normalizeSettings(read: (key: SettingKey) => unknown): { settings: TieredSettings; problems: SettingProblem[] } {
  const settings = { ...DEFAULT_SETTINGS } as TieredSettings;
  const problems: SettingProblem[] = [];
  for (const key of SETTING_KEYS) {
    const value = read(key);
    if (value === undefined || value === null) continue;
    if ((VALIDATORS[key] as (v: unknown) => boolean)(value)) {
      (settings as unknown as Record<string, unknown>)[key] = typeof value === 'string' ? value.trim() : value;
    } else {
      problems.push({ key, message: `tiered.${key} has an invalid value (${JSON.stringify(value)}); using the default ${JSON.stringify(DEFAULT_SETTINGS[key])}.` });
    }
  }
  return { settings, problems };
}
