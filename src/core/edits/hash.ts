import { createHash } from 'node:crypto';

/** The version stamp of a file's text as it was sent to the model (sha-256, hex). */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
