// Sequential little-endian reader over a file, reading in chunks on demand: enough to parse a
// GGUF header and metadata without loading the weights. Throws TruncatedError at end of file.
import type { FileHandle } from 'node:fs/promises';

export class TruncatedError extends Error {
  constructor() {
    super('unexpected end of file');
    this.name = 'TruncatedError';
  }
}

const CHUNK = 1 << 20;

export class GgufReader {
  private buf = Buffer.alloc(0);
  private bufStart = 0; // file offset of buf[0]
  private pos = 0; // file offset of the next read

  constructor(private readonly file: FileHandle, readonly fileSize: number) {}

  get offset(): number {
    return this.pos;
  }

  private async ensure(n: number): Promise<void> {
    if (this.pos + n > this.fileSize) throw new TruncatedError();
    const end = this.bufStart + this.buf.length;
    if (this.pos >= this.bufStart && this.pos + n <= end) return;
    const size = Math.max(n, CHUNK);
    const next = Buffer.alloc(Math.min(size, this.fileSize - this.pos));
    const { bytesRead } = await this.file.read(next, 0, next.length, this.pos);
    if (bytesRead < n) throw new TruncatedError();
    this.buf = next.subarray(0, bytesRead);
    this.bufStart = this.pos;
  }

  private async take(n: number): Promise<Buffer> {
    await this.ensure(n);
    const at = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }

  async bytes(n: number): Promise<Buffer> { return Buffer.from(await this.take(n)); }
  async skip(n: number): Promise<void> {
    if (this.pos + n > this.fileSize) throw new TruncatedError();
    this.pos += n;
  }
  async u8(): Promise<number> { return (await this.take(1)).readUInt8(0); }
  async u32(): Promise<number> { return (await this.take(4)).readUInt32LE(0); }
  async i32(): Promise<number> { return (await this.take(4)).readInt32LE(0); }
  async f32(): Promise<number> { return (await this.take(4)).readFloatLE(0); }
  async f64(): Promise<number> { return (await this.take(8)).readDoubleLE(0); }
  async u64(): Promise<number> {
    const v = (await this.take(8)).readBigUInt64LE(0);
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }
  async i64(): Promise<number> { return Number((await this.take(8)).readBigInt64LE(0)); }

  /** A GGUF string (u64 length + UTF-8). `maxBytes` guards against garbage lengths. */
  async str(maxBytes = 16 << 20): Promise<string> {
    const n = await this.u64();
    if (n > maxBytes) throw new RangeError(`string of ${n} bytes`);
    if (this.pos + n > this.fileSize) throw new TruncatedError();
    return (await this.take(n)).toString('utf8');
  }
}
