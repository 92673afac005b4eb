// Writes a tiny GGUF v3 "llama" model (~0.3 MB) whose greedy output is predictable, so tests and
// the offline demo can run the real node-llama-cpp: every lowercase letter predicts the next one
// (a→b→…→z), z predicts "\n", "\n" and any other character predict end-of-text. FIM: after
// <|fim_middle|> it continues from the last character before <|fim_suffix|>. Chat (ChatML): the
// answer is the alphabet. Same bytes every time. Format facts: ../../../shared/TESTING.md §2.
//
// How the weights do it (embedding 64, 4 heads of 16, rope freq_base 1e8 so pair i turns 10^-i
// rad per position): dims 0-25 letters, 26 "\n", 27 other text, 28 <|fim_suffix|>, 29
// <|fim_middle|>, 30 other specials, 31 constant 1, 32-59 "previous token" copy, 60 "start".
// Block 0, heads 0-1: attend to position p-1 (rope pairs 0-4 of the constant dim) and copy the
// identity dims into 32-59. Block 0 FFN: "\n" right after "t" (…assistant\n) writes dim 60.
// Block 1, heads 0-1: <|fim_middle|> attends to <|fim_suffix|> (lowest rope frequency, ~no
// position effect) and adds that token's "previous" identity to its own identity dims.
// output.weight maps identity dims to the successor token. Everything else is zero.
import * as fs from 'node:fs';

export type BrokenKind = 'truncated' | 'magic' | 'version' | 'architecture';

export interface TinyGgufOptions {
  /** general.name; the default marks it as the demo model. */
  name?: string;
  contextLength?: number;
  /** z predicts a instead of "\n": the alphabet never ends (for cancellation and time-budget tests). */
  loop?: boolean;
  /** Produce a file that must be rejected. */
  broken?: BrokenKind;
}

export const TINY_MODEL_NAME = 'Tiered demo (tiny)';

const EMBD = 64;
const HEADS = 4;
const HEAD_DIM = 16;
const FFN = 128;
const BLOCKS = 2;
const OUT_SCALE = 8;

const D_NEWLINE = 26, D_OTHER = 27, D_FIM_SUF = 28, D_FIM_MID = 29, D_SPECIAL = 30, D_CONST = 31;
const D_PREV = 32, D_START = 60, IDENT_DIMS = 28;

/** GPT-2's byte-to-unicode table: the printable form of every byte, index = byte value. */
export function gpt2ByteChars(): string[] {
  const keep: number[] = [];
  for (let b = 33; b <= 126; b++) keep.push(b);
  for (let b = 161; b <= 172; b++) keep.push(b);
  for (let b = 174; b <= 255; b++) keep.push(b);
  const chars: string[] = new Array(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) chars[b] = String.fromCodePoint(keep.includes(b) ? b : 256 + extra++);
  return chars;
}

export const SPECIAL_TOKENS = ['<|endoftext|>', '<|fim_prefix|>', '<|fim_middle|>', '<|fim_suffix|>', '<|fim_pad|>', '<|im_start|>', '<|im_end|>'] as const;
const MERGES = ['Ġ Ġ', 'ĠĠ ĠĠ'];

export const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n'}}{% endfor %}" +
  "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

interface Vocab { tokens: string[]; types: number[]; id: (token: string) => number }

function buildVocab(): Vocab {
  const tokens = [...gpt2ByteChars(), ...MERGES.map((m) => m.replace(' ', '')), ...SPECIAL_TOKENS];
  const types = tokens.map((_t, i) => (i < 256 + MERGES.length ? 1 : 3));
  const index = new Map(tokens.map((t, i) => [t, i]));
  return { tokens, types, id: (t) => index.get(t) ?? -1 };
}

/** Tensors as [name, ggml dims (contiguous first), data]. */
function buildTensors(v: Vocab, loop: boolean): [string, number[], Float32Array][] {
  const V = v.tokens.length;
  const byte = (ch: string) => ch.charCodeAt(0); // byte tokens: id = byte value
  const identityDim = (id: number): number => {
    if (id >= 97 && id <= 122) return id - 97;
    if (id === 10) return D_NEWLINE;
    if (id < 256 + MERGES.length) return D_OTHER;
    const t = v.tokens[id];
    return t === '<|fim_suffix|>' ? D_FIM_SUF : t === '<|fim_middle|>' ? D_FIM_MID : D_SPECIAL;
  };
  const mat = (cols: number, rows: number) => new Float32Array(cols * rows); // W[row*cols+col]

  const embd = mat(EMBD, V);
  for (let id = 0; id < V; id++) { embd[id * EMBD + identityDim(id)] = 1; embd[id * EMBD + D_CONST] = 1; }

  const eos = v.id('<|endoftext|>');
  const out = mat(EMBD, V);
  const set = (tok: number, dim: number, w: number) => { out[tok * EMBD + dim] = w * OUT_SCALE; };
  for (let c = 0; c < 25; c++) set(97 + c + 1, c, 1);
  set(loop ? byte('a') : byte('\n'), 25, 1);
  for (const d of [D_NEWLINE, D_OTHER, D_FIM_SUF, D_SPECIAL]) set(eos, d, 1);
  set(eos, D_FIM_MID, 0.2);
  set(byte('a'), D_START, 1);

  const ones = (n: number) => new Float32Array(n).fill(1);
  const tensors: [string, number[], Float32Array][] = [['token_embd.weight', [EMBD, V], embd]];
  const kvDim = HEADS * HEAD_DIM;
  for (let b = 0; b < BLOCKS; b++) {
    const q = mat(EMBD, EMBD), k = mat(EMBD, kvDim), val = mat(EMBD, kvDim), o = mat(kvDim, EMBD);
    const gate = mat(EMBD, FFN), up = mat(EMBD, FFN), down = mat(FFN, EMBD);
    for (let h = 0; h < 2; h++) {
      const base = h * HEAD_DIM;
      if (b === 0) {
        // Previous-token head: score ∝ Σ_i cos((Δ-1)·θ_i), θ_i = 10^-i, peaks at Δ = 1.
        for (let i = 0; i < 5; i++) {
          const theta = Math.pow(10, -i);
          q[(base + 2 * i) * EMBD + D_CONST] = 5 * Math.cos(theta);
          q[(base + 2 * i + 1) * EMBD + D_CONST] = -5 * Math.sin(theta);
          k[(base + 2 * i) * EMBD + D_CONST] = 5;
        }
      } else {
        // <|fim_middle|> finds <|fim_suffix|> (rope pair 7 turns 1e-7 rad per position).
        q[(base + 14) * EMBD + D_FIM_MID] = 3;
        k[(base + 14) * EMBD + D_FIM_SUF] = 3;
      }
      for (let j = 0; j < HEAD_DIM && h * HEAD_DIM + j < IDENT_DIMS; j++) {
        const ident = h * HEAD_DIM + j;
        if (b === 0) {
          val[(base + j) * EMBD + ident] = 1;
          o[(D_PREV + ident) * kvDim + base + j] = 1 / Math.sqrt(EMBD / 2);
        } else {
          val[(base + j) * EMBD + D_PREV + ident] = 1;
          o[ident * kvDim + base + j] = 0.5 / Math.sqrt(EMBD / 3);
        }
      }
    }
    if (b === 0) {
      // One gated unit: own "\n" AND previous "t" → dim 60 ("start": predicts "a").
      gate[0 * EMBD + D_NEWLINE] = 10;
      gate[0 * EMBD + D_PREV + ('t'.charCodeAt(0) - 97)] = 10;
      gate[0 * EMBD + D_CONST] = -15;
      up[0 * EMBD + D_CONST] = 1;
      down[D_START * FFN + 0] = 0.03;
    }
    tensors.push(
      [`blk.${b}.attn_norm.weight`, [EMBD], ones(EMBD)],
      [`blk.${b}.attn_q.weight`, [EMBD, EMBD], q],
      [`blk.${b}.attn_k.weight`, [EMBD, kvDim], k],
      [`blk.${b}.attn_v.weight`, [EMBD, kvDim], val],
      [`blk.${b}.attn_output.weight`, [kvDim, EMBD], o],
      [`blk.${b}.ffn_norm.weight`, [EMBD], ones(EMBD)],
      [`blk.${b}.ffn_gate.weight`, [EMBD, FFN], gate],
      [`blk.${b}.ffn_up.weight`, [EMBD, FFN], up],
      [`blk.${b}.ffn_down.weight`, [FFN, EMBD], down],
    );
  }
  tensors.push(['output_norm.weight', [EMBD], ones(EMBD)], ['output.weight', [EMBD, V], out]);
  return tensors;
}

// ---- GGUF encoding ----

type Kv = [string, 'u32' | 'f32' | 'bool' | 'str' | 'strs' | 'i32s', unknown];

class Bytes {
  private chunks: Buffer[] = [];
  length = 0;
  push(b: Buffer) { this.chunks.push(b); this.length += b.length; }
  u32(n: number) { const b = Buffer.alloc(4); b.writeUInt32LE(n); this.push(b); }
  i32(n: number) { const b = Buffer.alloc(4); b.writeInt32LE(n); this.push(b); }
  u64(n: number) { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(n)); this.push(b); }
  f32(n: number) { const b = Buffer.alloc(4); b.writeFloatLE(n); this.push(b); }
  str(s: string) { const b = Buffer.from(s, 'utf8'); this.u64(b.length); this.push(b); }
  pad(align: number) { const n = (align - (this.length % align)) % align; if (n) this.push(Buffer.alloc(n)); }
  done() { return Buffer.concat(this.chunks); }
}

function writeKv(out: Bytes, [key, type, value]: Kv) {
  out.str(key);
  switch (type) {
    case 'u32': out.u32(4); out.u32(value as number); break;
    case 'f32': out.u32(6); out.f32(value as number); break;
    case 'bool': out.u32(7); out.push(Buffer.from([value ? 1 : 0])); break;
    case 'str': out.u32(8); out.str(value as string); break;
    case 'strs': out.u32(9); out.u32(8); out.u64((value as string[]).length); for (const s of value as string[]) out.str(s); break;
    case 'i32s': out.u32(9); out.u32(5); out.u64((value as number[]).length); for (const n of value as number[]) out.i32(n); break;
  }
}

/** The bytes of the tiny model (or of a broken variant). Deterministic. */
export function tinyGgufBytes(opts: TinyGgufOptions = {}): Buffer {
  const v = buildVocab();
  const tensors = buildTensors(v, opts.loop ?? false);
  const kvs: Kv[] = [
    ['general.architecture', 'str', opts.broken === 'architecture' ? 'tiered-unknown-arch' : 'llama'],
    ['general.name', 'str', opts.name ?? TINY_MODEL_NAME],
    ['general.file_type', 'u32', 0],
    ['general.alignment', 'u32', 32],
    ['tiered.demo', 'bool', true],
    ['llama.context_length', 'u32', opts.contextLength ?? 8192],
    ['llama.embedding_length', 'u32', EMBD],
    ['llama.block_count', 'u32', BLOCKS],
    ['llama.feed_forward_length', 'u32', FFN],
    ['llama.attention.head_count', 'u32', HEADS],
    ['llama.attention.head_count_kv', 'u32', HEADS],
    ['llama.rope.dimension_count', 'u32', HEAD_DIM],
    ['llama.rope.freq_base', 'f32', 1e8],
    ['llama.attention.layer_norm_rms_epsilon', 'f32', 1e-5],
    ['llama.vocab_size', 'u32', v.tokens.length],
    ['tokenizer.ggml.model', 'str', 'gpt2'],
    ['tokenizer.ggml.pre', 'str', 'gpt-2'],
    ['tokenizer.ggml.tokens', 'strs', v.tokens],
    ['tokenizer.ggml.token_type', 'i32s', v.types],
    ['tokenizer.ggml.merges', 'strs', MERGES],
    ['tokenizer.ggml.bos_token_id', 'u32', v.id('<|endoftext|>')],
    ['tokenizer.ggml.eos_token_id', 'u32', v.id('<|endoftext|>')],
    ['tokenizer.ggml.eot_token_id', 'u32', v.id('<|im_end|>')],
    ['tokenizer.ggml.padding_token_id', 'u32', v.id('<|endoftext|>')],
    ['tokenizer.ggml.add_bos_token', 'bool', false],
    ['tokenizer.ggml.fim_pre_token_id', 'u32', v.id('<|fim_prefix|>')],
    ['tokenizer.ggml.fim_suf_token_id', 'u32', v.id('<|fim_suffix|>')],
    ['tokenizer.ggml.fim_mid_token_id', 'u32', v.id('<|fim_middle|>')],
    ['tokenizer.ggml.fim_pad_token_id', 'u32', v.id('<|fim_pad|>')],
    ['tokenizer.chat_template', 'str', CHATML_TEMPLATE],
  ];
  const out = new Bytes();
  out.push(Buffer.from(opts.broken === 'magic' ? 'PK\x03\x04' : 'GGUF', 'latin1'));
  out.u32(opts.broken === 'version' ? 99 : 3);
  out.u64(tensors.length);
  out.u64(kvs.length);
  for (const kv of kvs) writeKv(out, kv);
  let offset = 0;
  for (const [name, dims, data] of tensors) {
    out.str(name);
    out.u32(dims.length);
    for (const d of dims) out.u64(d);
    out.u32(0); // F32
    out.u64(offset);
    offset += Math.ceil((data.length * 4) / 32) * 32;
  }
  out.pad(32);
  for (const [, , data] of tensors) {
    out.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    out.pad(32);
  }
  const bytes = out.done();
  return opts.broken === 'truncated' ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
}

/** Writes the tiny model to `path` and returns the path. */
export function writeTinyGguf(path: string, opts: TinyGgufOptions = {}): string {
  fs.writeFileSync(path, tinyGgufBytes(opts));
  return path;
}
