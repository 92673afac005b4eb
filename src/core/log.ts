import { redactSecrets } from './redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Where Tiered writes what it did. The VS Code adapter writes to an output channel. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** A logger that redacts secrets before anything is written. `sink` gets finished lines. */
export function createLogger(sink: (level: LogLevel, line: string) => void, knownSecrets: () => readonly string[] = () => []): Logger {
  const write = (level: LogLevel, message: string, error?: unknown) => {
    const detail = error === undefined ? '' : ` — ${describeError(error)}`;
    sink(level, redactSecrets(`${message}${detail}`, knownSecrets()));
  };
  return {
    debug: (m) => write('debug', m),
    info: (m) => write('info', m),
    warn: (m) => write('warn', m),
    error: (m, e) => write('error', m, e),
  };
}

/** One line describing an error, for logs (never a stack for the user). */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** Collects lines in memory; for tests and for the usage report. */
export class MemoryLogger implements Logger {
  readonly lines: { level: LogLevel; line: string }[] = [];
  private readonly inner = createLogger((level, line) => this.lines.push({ level, line }));
  debug(m: string) { this.inner.debug(m); }
  info(m: string) { this.inner.info(m); }
  warn(m: string) { this.inner.warn(m); }
  error(m: string, e?: unknown) { this.inner.error(m, e); }
}
