import * as vscode from 'vscode';
import { createLogger, type Logger } from '../core/log';

/** The "Tiered" output channel as a core Logger; lines are redacted before they are written. */
export function createOutputLogger(knownSecrets: () => readonly string[]): { logger: Logger; channel: vscode.LogOutputChannel } {
  const channel = vscode.window.createOutputChannel('Tiered', { log: true });
  const logger = createLogger((level, line) => {
    if (level === 'debug') channel.debug(line);
    else if (level === 'info') channel.info(line);
    else if (level === 'warn') channel.warn(line);
    else channel.error(line);
  }, knownSecrets);
  return { logger, channel };
}
