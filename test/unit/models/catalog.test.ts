import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  builtinCatalog, CatalogError, estimateMemoryBytes, findEntry, loadCatalog, modelsThatFit, recommended,
  type Catalog, type CatalogEntry,
} from '../../../src/core/models/catalog';
import { repoRoot } from '../../support/paths';
import { partPathFor } from '../../../src/core/models/download';
import { DownloadError } from '../../../src/core/models/downloadErrors';
import { ModelStore } from '../../../src/core/models/store';
import { startModelServer } from '../../support/modelServer';
import { ggufBytes, sha256, tempDir } from './fixtures';

const GiB = 1024 ** 3;
const fileCatalog = () => JSON.parse(fs.readFileSync(path.join(repoRoot, 'models', 'catalog.json'), 'utf8'));

function entry(overrides: Partial<CatalogEntry> & { id: string }): CatalogEntry {
  return {
    label: overrides.id, family: 'qwen2.5-coder', parameters: 1, quantization: 'Q8_0',
    url: `https://huggingface.co/org/repo/resolve/${'ab12'.repeat(10)}/${overrides.id}.gguf`, sizeBytes: 1000, sizeApproximate: false, sha256: 'c0ffee'.repeat(10) + 'c0fe',
    kvBytesPerToken: 1, memoryBytes: 1000 + 4096 + 100, contextLength: 32768,
    fim: { template: '<p>{prefix}<s>{suffix}<m>', stop: [] }, license: { name: 'MIT', url: 'https://example.com' }, recommended: false,
    ...overrides,
  };
}
const catalogOf = (...models: CatalogEntry[]): Catalog => ({ defaultContextSize: 4096, overheadBytes: 100, models });

describe('model catalog', () => {
  it('the shipped catalog is valid and the bundled copy is the file in models/', () => {
    const catalog = builtinCatalog();
    assert.deepEqual(catalog, loadCatalog(fileCatalog()));
    assert.ok(catalog.models.length >= 4);
  });

  it('covers Qwen2.5-Coder 0.5B, 1.5B, 3B and 7B, and recommends a small one', () => {
    const { models } = builtinCatalog();
    const qwen = models.filter((m) => m.family === 'qwen2.5-coder');
    for (const size of [0.5, 1.5, 3, 7]) assert.ok(qwen.some((m) => m.parameters === size), `Qwen2.5-Coder ${size}B`);
    assert.ok(models.some((m) => m.recommended && m.parameters <= 0.5), 'a recommended model small enough for any machine');
  });

  it('every entry is pinned: an immutable revision, its exact size and its sha256, all enforced on download', () => {
    const store = new ModelStore(tempDir(), builtinCatalog());
    for (const m of builtinCatalog().models) {
      assert.match(m.url, /\/resolve\/[0-9a-f]{40}\/[^/]+\.gguf$/, `${m.id} downloads from a mutable URL`);
      assert.equal(m.sizeApproximate, false, `${m.id} has no exact size`);
      assert.match(m.sha256 ?? '', /^[0-9a-f]{64}$/, `${m.id} has no sha256`);
      const options = store.downloadOptions(m, new AbortController().signal);
      assert.equal(options.sha256, m.sha256, `${m.id}: the download does not check the hash`);
      assert.equal(options.expectedSize, m.sizeBytes, `${m.id}: the download does not check the size`);
    }
  });

  it('refuses an entry that is not pinned (a branch URL, no sha256, a rounded size)', () => {
    const json = fileCatalog();
    json.models[0] = { ...json.models[0], url: 'https://huggingface.co/org/repo/resolve/main/x.gguf', sha256: undefined, sizeApproximate: true };
    const error = (() => { try { loadCatalog(json); } catch (e) { return e as CatalogError; } })();
    const all = error?.problems.join('\n') ?? '';
    assert.match(all, /url must be pinned/);
    assert.match(all, /sha256 must be 64 lowercase hex digits/);
    assert.match(all, /sizeApproximate must be false/);
  });

  it('a download resumed from a tampered part is refused by its sha256, and nothing is kept', async () => {
    const bytes = ggufBytes(1024 * 1024);
    const server = await startModelServer(bytes);
    try {
      const dir = tempDir();
      const pinned = entry({ id: 'pinned', url: server.url, sizeBytes: bytes.length, sha256: sha256(bytes) });
      const store = new ModelStore(dir, catalogOf(pinned));
      // Half of the file is already there from an earlier run, but not the bytes the catalog pins.
      const tampered = Buffer.from(bytes.subarray(0, bytes.length / 2));
      tampered[tampered.length - 10] ^= 0xff;
      fs.mkdirSync(path.dirname(partPathFor(store.pathFor(pinned))), { recursive: true });
      fs.writeFileSync(partPathFor(store.pathFor(pinned)), tampered);
      const error = await store.download(pinned, new AbortController().signal).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof DownloadError, String(error));
      assert.equal(error.downloadCode, 'checksum-mismatch');
      assert.equal(server.requests.at(-1)?.range, `bytes=${tampered.length}-`, 'it did resume');
      assert.equal(fs.existsSync(store.pathFor(pinned)), false);
      assert.equal(fs.existsSync(partPathFor(store.pathFor(pinned))), false);
    } finally {
      await server.close();
    }
  });

  it('every entry downloads a .gguf from Hugging Face, and exact sizes come with a checksum', () => {
    for (const m of builtinCatalog().models) {
      assert.match(m.url, /^https:\/\/huggingface\.co\/[\w.-]+\/[\w.-]+\/resolve\/[\w.-]+\/[\w.-]+\.gguf$/, m.id);
      if (!m.sizeApproximate) assert.match(m.sha256 ?? '', /^[0-9a-f]{64}$/, `${m.id} has an exact size but no sha256`);
      assert.ok(m.sizeBytes > 100e6 && m.sizeBytes < 20e9, `${m.id} size ${m.sizeBytes}`);
    }
  });

  it('memory need is the file plus the KV cache at the default context plus overhead', () => {
    const catalog = builtinCatalog();
    for (const m of catalog.models) {
      assert.equal(m.memoryBytes, estimateMemoryBytes(m, catalog.defaultContextSize, catalog.overheadBytes), m.id);
      assert.ok(m.memoryBytes > m.sizeBytes);
    }
    // A bigger context needs more memory.
    const m = catalog.models[0];
    assert.ok(estimateMemoryBytes(m, 16384, catalog.overheadBytes) > m.memoryBytes);
  });

  it('draft models are smaller models of the same family, in the catalog', () => {
    const catalog = builtinCatalog();
    const withDraft = catalog.models.filter((m) => m.draftModel);
    assert.ok(withDraft.length > 0);
    for (const m of withDraft) {
      const draft = findEntry(catalog, m.draftModel!);
      assert.ok(draft && draft.family === m.family && draft.parameters < m.parameters, m.id);
    }
  });

  it('rejects a broken catalog, naming each problem and the model', () => {
    const json = fileCatalog();
    const first = json.models[0];
    json.models[0] = { ...first, family: 'gpt', sha256: 'XYZ', fim: { template: '{prefix}', stop: [] } };
    json.models[1] = { ...json.models[1], id: first.id };
    json.models[2] = { ...json.models[2], draftModel: 'no-such-model' };
    json.models[3] = { ...json.models[3], memoryBytes: 10 };
    const error = (() => { try { loadCatalog(json); } catch (e) { return e; } })();
    assert.ok(error instanceof CatalogError);
    const all = error.problems.join('\n');
    assert.match(all, new RegExp(`model ${first.id}: family must be one of`));
    assert.match(all, /sha256 must be 64 lowercase hex digits/);
    assert.match(all, /fim.template must contain \{prefix\} and \{suffix\}/);
    // Structural problems are reported first; fix them and the cross-entry problems show.
    json.models[0] = first;
    const second = (() => { try { loadCatalog(json); } catch (e) { return e as CatalogError; } })()!;
    const all2 = second.problems.join('\n');
    assert.match(all2, new RegExp(`model ${first.id}: duplicate id`));
    assert.match(all2, /draftModel no-such-model is not in the catalog/);
    assert.match(all2, /memoryBytes 10 is below file \+ KV cache \+ overhead/);
    assert.throws(() => loadCatalog({ version: 2, models: [] }), /unsupported catalog version 2/);
  });

  describe('modelsThatFit', () => {
    it('keeps entries needing at most half of total RAM, marking those above free RAM as tight', () => {
      const catalog = catalogOf(entry({ id: 'half', memoryBytes: 4 * GiB }), entry({ id: 'over', memoryBytes: 4 * GiB + 1 }), entry({ id: 'small', memoryBytes: GiB }));
      const fits = modelsThatFit(catalog, 8 * GiB, 2 * GiB);
      assert.deepEqual(fits.map((f) => [f.entry.id, f.tight]), [['small', false], ['half', true]]);
      assert.equal(fits[1].needBytes, 4 * GiB);
    });

    it('sorts recommended first, then those fitting free memory, then larger models', () => {
      const catalog = catalogOf(
        entry({ id: 'big', parameters: 7, memoryBytes: 3 * GiB }),
        entry({ id: 'mid', parameters: 3, memoryBytes: 2 * GiB }),
        entry({ id: 'rec-small', parameters: 0.5, memoryBytes: GiB / 2, recommended: true }),
        entry({ id: 'rec-large', parameters: 1.5, memoryBytes: GiB, recommended: true }),
      );
      assert.deepEqual(modelsThatFit(catalog, 16 * GiB, 16 * GiB).map((f) => f.entry.id), ['rec-large', 'rec-small', 'big', 'mid']);
      assert.deepEqual(modelsThatFit(catalog, 16 * GiB, 2.5 * GiB).map((f) => f.entry.id), ['rec-large', 'rec-small', 'mid', 'big']);
    });

    it('on the shipped catalog: an 8 GiB laptop gets no 7B Q8_0, and a 1.5B first', () => {
      const fits = modelsThatFit(builtinCatalog(), 8 * GiB, 4 * GiB);
      assert.ok(!fits.some((f) => f.entry.id === 'qwen2.5-coder-7b-q8_0'));
      assert.ok(fits.every((f) => f.needBytes <= 4 * GiB));
      assert.equal(fits[0].entry.id, 'qwen2.5-coder-1.5b-q8_0');
      assert.equal(modelsThatFit(builtinCatalog(), 512 * 1024 ** 2, 0).length, 0);
    });
  });

  describe('recommended', () => {
    it('is the largest recommended model needing at most a third of RAM, else the smallest that fits', () => {
      const catalog = builtinCatalog();
      assert.equal(recommended(catalog, 64 * GiB)?.id, 'qwen2.5-coder-1.5b-q8_0');
      assert.equal(recommended(catalog, 8 * GiB)?.id, 'qwen2.5-coder-1.5b-q8_0');
      assert.equal(recommended(catalog, 4 * GiB)?.id, 'qwen2.5-coder-0.5b-q8_0');
      assert.equal(recommended(catalog, 2 * GiB)?.id, 'qwen2.5-coder-0.5b-q8_0'); // within half, not a third
      assert.equal(recommended(catalog, GiB), undefined);
    });
  });
});
