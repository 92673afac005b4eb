// The first bytes of a GGUF file: the magic "GGUF" and a format version llama.cpp still loads.
import * as fs from 'node:fs/promises';

/** GGUF versions llama.cpp (and so node-llama-cpp) loads; version 1 was dropped long ago. */
export const SUPPORTED_GGUF_VERSIONS: readonly number[] = [2, 3];
export const GGUF_HEADER_BYTES = 8;

export type GgufHeaderCheck =
  | { ok: true; version: number }
  | { ok: false; problem: 'too-short' | 'not-gguf' | 'unsupported-version'; version?: number; looksLike?: 'html' | 'json' | 'text' };

/** Decides from the first bytes of a file whether it is a GGUF model llama.cpp can load. */
export function checkGgufHeader(head: Uint8Array): GgufHeaderCheck {
  if (head.length < GGUF_HEADER_BYTES) return { ok: false, problem: 'too-short' };
  const magic = Buffer.from(head.subarray(0, 4)).toString('latin1');
  if (magic !== 'GGUF') return { ok: false, problem: 'not-gguf', looksLike: guessContent(head) };
  const version = Buffer.from(head.subarray(4, 8)).readUInt32LE(0);
  if (!SUPPORTED_GGUF_VERSIONS.includes(version)) return { ok: false, problem: 'unsupported-version', version };
  return { ok: true, version };
}

function guessContent(head: Uint8Array): 'html' | 'json' | 'text' | undefined {
  const text = Buffer.from(head.subarray(0, 64)).toString('utf8').trimStart().toLowerCase();
  if (text.startsWith('<!doctype') || text.startsWith('<html') || text.startsWith('<')) return 'html';
  if (text.startsWith('{') || text.startsWith('[')) return 'json';
  if (/^[\x20-\x7e\s]+$/.test(text)) return 'text';
  return undefined;
}

/** Reads the first bytes of a file (fewer when the file is shorter). */
export async function readHead(filePath: string, bytes = GGUF_HEADER_BYTES): Promise<Buffer> {
  const handle = await fs.open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** What to tell the user about a file whose header failed the check, naming the file. */
export function describeGgufProblem(check: Exclude<GgufHeaderCheck, { ok: true }>, what: string): string {
  switch (check.problem) {
    case 'too-short':
      return `${what} is empty or truncated (shorter than a GGUF header).`;
    case 'unsupported-version':
      return `${what} is GGUF version ${check.version}, which this version of Tiered cannot load (supported: ${SUPPORTED_GGUF_VERSIONS.join(', ')}).`;
    case 'not-gguf': {
      const seen = check.looksLike === 'html' ? ' (it looks like a web page)' : check.looksLike === 'json' ? ' (it looks like JSON)' : check.looksLike === 'text' ? ' (it is text)' : '';
      return `${what} is not a GGUF model file${seen}.`;
    }
  }
}
