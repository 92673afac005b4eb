// Small things both reasoning providers need around their SDKs.
import type { Logger } from '../log';
import { redactSecrets } from '../redact';

type LogFn = (message: string, ...rest: unknown[]) => void;
/** The logger shape both SDKs accept (`ClientOptions.logger`). */
export interface SdkLogger { error: LogFn; warn: LogFn; info: LogFn; debug: LogFn }

/** Routes an SDK's own log lines into Tiered's logger (redacted), instead of the console. */
export function sdkLogger(logger: Logger, prefix: string, secrets: () => readonly string[]): SdkLogger {
  const line = (message: string, rest: unknown[]) => {
    const parts = [message, ...rest.map((r) => (typeof r === 'string' ? r : safeJson(r)))];
    return redactSecrets(`${prefix}: ${parts.join(' ')}`, secrets());
  };
  return {
    error: (m, ...r) => logger.error(line(m, r)),
    warn: (m, ...r) => logger.warn(line(m, r)),
    info: (m, ...r) => logger.info(line(m, r)),
    debug: (m, ...r) => logger.debug(line(m, r)),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * True when `baseUrl` points at this machine or a private network (a local server such as
 * Ollama, LM Studio or vLLM, which usually needs no key).
 */
export function isLocalBaseUrl(baseUrl: string | undefined): boolean {
  if (!baseUrl) return false;
  let host: string;
  try {
    host = new URL(baseUrl).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host === 'host.docker.internal') return true;
  if (host.includes(':')) return host === '::1' || /^f[cd][0-9a-f]{2}:/.test(host) || host.startsWith('fe80:');
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || (a === 169 && b === 254) || a === 0;
}

/** "localhost:11434" for messages; the URL itself when it does not parse. */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return baseUrl;
  }
}

/** Resolves the key, tolerating a throwing key source (treated as no key, logged). */
export async function resolveKey(apiKey: () => Promise<string | undefined>, logger: Logger, label: string): Promise<string | undefined> {
  try {
    const key = (await apiKey())?.trim();
    return key ? key : undefined;
  } catch (error) {
    logger.warn(`${label}: reading the API key failed (${error instanceof Error ? error.name : 'error'}).`);
    return undefined;
  }
}
