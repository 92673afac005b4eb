// Reads a GGUF model file's header and metadata (never the weights) and says, in words the user
// can act on, why a file cannot be used: missing, not GGUF, unsupported version, truncated,
// unknown architecture. Runs in the extension process before any child process is started.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { UserFacingError, type ErrorAction } from '../../errors';
import { EMBEDDING_ARCHITECTURES, SUPPORTED_ARCHITECTURES, tensorBytes } from './ggufArchitectures';
import { GgufReader, TruncatedError } from './ggufReader';
import { detectFimFamily, INTERESTING_TOKENS, type FimFamily } from './fimFamily';

export interface GgufInfo {
  path: string;
  fileSize: number;
  version: number;
  architecture: string;
  /** general.name, or the file name when absent. */
  name: string;
  contextLength?: number;
  vocabSize?: number;
  tensorCount: number;
  /** general.file_type (quantization), when present. */
  fileType?: number;
  /** Special tokens found in the vocabulary (FIM, ChatML, separators) -> token id. */
  specialTokens: Record<string, number>;
  fimFamily?: FimFamily;
  hasChatTemplate: boolean;
  /** The generated tiny demo model (metadata `tiered.demo`): it predicts letters, not code. */
  isDemo: boolean;
}

const CHOOSE: ErrorAction = { title: 'Choose Local Model', command: 'tiered.chooseLocalModel' };
const WHAT_TO_DO = "Choose a .gguf file with 'Tiered: Choose Local Model'.";
const OR_CHOOSE = "or choose a .gguf file with 'Tiered: Choose Local Model'.";
const MAX_KV = 100_000;
const MAX_ARRAY = 10_000_000;
const MAX_TENSORS = 1_000_000;

const fail = (message: string, code: string, cause?: unknown) =>
  new UserFacingError(message, [CHOOSE], code, cause === undefined ? undefined : { cause });

/** Inspects `modelPath`; throws UserFacingError naming the file and what to do. */
export async function inspectGguf(modelPath: string, signal?: AbortSignal): Promise<GgufInfo> {
  const shown = `"${modelPath}"`;
  let file: fsp.FileHandle;
  try {
    const stat = await fsp.stat(modelPath);
    if (stat.isDirectory()) throw fail(`${shown} is a folder, not a GGUF model file. ${WHAT_TO_DO}`, 'gguf-folder');
    file = await fsp.open(modelPath, 'r');
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fail(`The local model file ${shown} does not exist. ${WHAT_TO_DO}`, 'gguf-missing', error);
    throw fail(`The local model file ${shown} cannot be read (${code ?? 'error'}). Check its permissions, or ${OR_CHOOSE}`, 'gguf-unreadable', error);
  }
  try {
    const size = (await file.stat()).size;
    return await readInfo(new GgufReader(file, size), modelPath, shown, signal);
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    if (error instanceof TruncatedError || error instanceof RangeError) {
      throw fail(`The model file ${shown} is incomplete or damaged (its header ends early; the download was probably interrupted). Download it again or ${OR_CHOOSE}`, 'gguf-truncated', error);
    }
    throw error;
  } finally {
    await file.close();
  }
}

function describeStart(bytes: Buffer): string {
  const printable = [...bytes].filter((b) => b >= 0x20 && b <= 0x7e).length;
  return printable >= 2 ? `'${bytes.toString('latin1').replace(/[^\x20-\x7e]/g, '')}'` : `bytes ${bytes.toString('hex').replace(/(..)(?!$)/g, '$1 ')}`;
}

async function readInfo(r: GgufReader, modelPath: string, shown: string, signal?: AbortSignal): Promise<GgufInfo> {
  if (r.fileSize < 4) throw fail(`${shown} is not a GGUF model file (it is ${r.fileSize === 0 ? 'empty' : 'too small'}). ${WHAT_TO_DO}`, 'gguf-not-gguf');
  const magic = await r.bytes(4);
  if (magic.toString('latin1') !== 'GGUF') throw fail(`${shown} is not a GGUF model file (it starts with ${describeStart(magic)}). ${WHAT_TO_DO}`, 'gguf-not-gguf');
  const version = await r.u32();
  if (version !== 2 && version !== 3) {
    throw fail(`${shown} is GGUF version ${version}, which Tiered cannot read (it reads versions 2 and 3). Get a current GGUF build of the model, or ${OR_CHOOSE}`, 'gguf-version');
  }
  const tensorCount = await r.u64();
  const kvCount = await r.u64();
  if (kvCount > MAX_KV || tensorCount > MAX_TENSORS) throw new RangeError('counts');

  const meta = new Map<string, unknown>();
  const specialTokens: Record<string, number> = {};
  for (let i = 0; i < kvCount; i++) {
    signal?.throwIfAborted();
    const key = await r.str(1 << 16);
    const type = await r.u32();
    if (type === 9) {
      const elemType = await r.u32();
      const count = await r.u64();
      if (count > MAX_ARRAY) throw new RangeError('array');
      if (key === 'tokenizer.ggml.tokens' && elemType === 8) {
        for (let t = 0; t < count; t++) {
          const token = await r.str(1 << 16);
          if (INTERESTING_TOKENS.has(token)) specialTokens[token] = t;
        }
        meta.set(key, count);
      } else {
        await skipArray(r, elemType, count);
        meta.set(key, count);
      }
    } else {
      meta.set(key, await readScalar(r, type));
    }
  }
  const alignment = typeof meta.get('general.alignment') === 'number' ? (meta.get('general.alignment') as number) : 32;
  let dataEnd = 0;
  let sizesKnown = true;
  for (let i = 0; i < tensorCount; i++) {
    await r.str(1 << 16);
    const nDims = await r.u32();
    if (nDims > 8) throw new RangeError('dims');
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) dims.push(await r.u64());
    const type = await r.u32();
    const offset = await r.u64();
    const bytes = tensorBytes(type, dims);
    if (bytes === undefined) sizesKnown = false;
    else dataEnd = Math.max(dataEnd, offset + bytes);
  }
  const dataStart = Math.ceil(r.offset / alignment) * alignment;
  const expected = dataStart + dataEnd;
  if (sizesKnown && tensorCount > 0 && r.fileSize < expected) {
    throw fail(`The model file ${shown} is incomplete: ${r.fileSize} of ${expected} bytes (the download was probably interrupted). Download it again, or ${OR_CHOOSE}`, 'gguf-truncated');
  }

  const architecture = String(meta.get('general.architecture') ?? '');
  if (!architecture) throw fail(`${shown} has no general.architecture: it is not a model llama.cpp can run. ${WHAT_TO_DO}`, 'gguf-architecture');
  if (EMBEDDING_ARCHITECTURES.has(architecture)) {
    throw fail(`${shown} is a '${architecture}' embedding model: it cannot complete code. Choose a code model (for example Qwen2.5-Coder) with 'Tiered: Choose Local Model'.`, 'gguf-architecture');
  }
  if (!SUPPORTED_ARCHITECTURES.has(architecture)) {
    throw fail(`${shown} uses the model architecture '${architecture}', which the bundled llama.cpp cannot run. ${WHAT_TO_DO}`, 'gguf-architecture');
  }
  const num = (key: string) => (typeof meta.get(key) === 'number' ? (meta.get(key) as number) : undefined);
  const name = typeof meta.get('general.name') === 'string' && meta.get('general.name') ? String(meta.get('general.name')) : path.basename(modelPath);
  return {
    path: modelPath,
    fileSize: r.fileSize,
    version,
    architecture,
    name,
    contextLength: num(`${architecture}.context_length`),
    vocabSize: num(`${architecture}.vocab_size`) ?? num('tokenizer.ggml.tokens'),
    tensorCount,
    fileType: num('general.file_type'),
    specialTokens,
    fimFamily: detectFimFamily(new Set(Object.keys(specialTokens))),
    hasChatTemplate: typeof meta.get('tokenizer.chat_template') === 'string',
    isDemo: meta.get('tiered.demo') === true,
  };
}

const SCALAR_SIZES: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

async function readScalar(r: GgufReader, type: number): Promise<unknown> {
  switch (type) {
    case 0: return r.u8();
    case 1: return ((await r.u8()) << 24) >> 24;
    case 2: return (await r.bytes(2)).readUInt16LE(0);
    case 3: return (await r.bytes(2)).readInt16LE(0);
    case 4: return r.u32();
    case 5: return r.i32();
    case 6: return r.f32();
    case 7: return (await r.u8()) !== 0;
    case 8: return r.str();
    case 10: return r.u64();
    case 11: return r.i64();
    case 12: return r.f64();
    default: throw new RangeError(`value type ${type}`);
  }
}

async function skipArray(r: GgufReader, elemType: number, count: number): Promise<void> {
  if (elemType === 8) {
    for (let i = 0; i < count; i++) await r.skip(await r.u64());
    return;
  }
  const size = SCALAR_SIZES[elemType];
  if (size === undefined) throw new RangeError(`array type ${elemType}`);
  await r.skip(size * count);
}
