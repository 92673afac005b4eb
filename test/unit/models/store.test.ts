import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { UserFacingError } from '../../../src/core/errors';
import { builtinCatalog, findEntry, type Catalog, type CatalogEntry } from '../../../src/core/models/catalog';
import { claimDownloadOffer, DOWNLOAD_OFFERED_KEY, shouldOfferDownload, type MementoLike } from '../../../src/core/models/downloadOffer';
import { expandHome, ModelStore } from '../../../src/core/models/store';
import { startModelServer } from '../../support/modelServer';
import { ggufBytes, sha256, tempDir } from './fixtures';

const never = new AbortController().signal;

async function userError(promise: Promise<unknown>): Promise<UserFacingError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof UserFacingError, String(error));
    return error;
  }
  assert.fail('expected a UserFacingError');
}

describe('ModelStore', () => {
  let dir: string;
  let store: ModelStore;
  const catalog = builtinCatalog();
  const small = findEntry(catalog, 'qwen2.5-coder-0.5b-q8_0')!;
  const other = findEntry(catalog, 'qwen2.5-coder-1.5b-q8_0')!;

  beforeEach(() => {
    dir = tempDir();
    store = new ModelStore(path.join(dir, 'globalStorage'), catalog);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const put = (file: string, bytes: Buffer = ggufBytes(4096)) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('keeps models in <global storage>/models, one file per catalog id', () => {
    assert.equal(store.pathFor(small), path.join(dir, 'globalStorage', 'models', 'qwen2.5-coder-0.5b-q8_0.gguf'));
  });

  it('lists downloaded models (catalog or not) and partial downloads separately', async () => {
    assert.deepEqual(await store.listDownloaded(), []);
    put(store.pathFor(small));
    put(path.join(store.modelsDir, 'my-own.gguf'));
    put(`${store.pathFor(other)}.part`, Buffer.alloc(123));
    fs.writeFileSync(path.join(store.modelsDir, 'notes.txt'), 'x');

    const listed = (await store.listDownloaded()).map((m) => [path.basename(m.path), m.entry?.id, m.sizeBytes]).sort();
    assert.deepEqual(listed, [['my-own.gguf', undefined, 4096], ['qwen2.5-coder-0.5b-q8_0.gguf', small.id, 4096]]);
    assert.deepEqual((await store.listPartial()).map((p) => [p.entry.id, p.receivedBytes]), [[other.id, 123]]);
    assert.equal(await store.isDownloaded(small), true);
    assert.equal(await store.isDownloaded(other), false);
  });

  it('delete removes the model and its partial download', async () => {
    put(store.pathFor(small));
    put(`${store.pathFor(small)}.part`);
    await store.delete(small);
    assert.deepEqual(fs.readdirSync(store.modelsDir), []);
    await store.delete(small); // deleting again is fine
  });

  describe('resolveCurrent', () => {
    it('the modelPath setting wins over a downloaded chosen model', async () => {
      const own = put(path.join(dir, 'elsewhere', 'own.gguf'));
      put(store.pathFor(small));
      assert.deepEqual(await store.resolveCurrent({ modelPath: own, chosenId: small.id }), { source: 'setting', path: own });
    });

    it('a modelPath that does not exist is an error naming the path, not a fallback', async () => {
      put(store.pathFor(small));
      const missing = path.join(dir, 'nope', 'model.gguf');
      const error = await userError(store.resolveCurrent({ modelPath: missing, chosenId: small.id }));
      assert.equal(error.message, `tiered.local.modelPath points at ${missing}, which does not exist. Fix tiered.local.modelPath, or clear it to use a model from "Tiered: Choose Local Model".`);
      assert.deepEqual(error.actions.map((a) => a.command), ['tiered.chooseLocalModel']);
    });

    it('a modelPath that is a folder, not GGUF, truncated or relative is refused, naming it', async () => {
      const folder = path.join(dir, 'a-folder');
      fs.mkdirSync(folder);
      assert.match((await userError(store.resolveCurrent({ modelPath: folder }))).message, /a-folder, which is a folder, not a \.gguf file/);
      const text = put(path.join(dir, 'readme.gguf'), Buffer.from('This is not a model, just some text.'));
      assert.match((await userError(store.resolveCurrent({ modelPath: text }))).message, /readme\.gguf is not a GGUF model file \(it is text\)/);
      const short = put(path.join(dir, 'short.gguf'), Buffer.from('GGU'));
      assert.match((await userError(store.resolveCurrent({ modelPath: short }))).message, /short\.gguf is empty or truncated/);
      assert.match((await userError(store.resolveCurrent({ modelPath: 'models/x.gguf' }))).message, /must be an absolute path.*"models\/x\.gguf"/);
    });

    it('without the setting: the chosen catalog model when downloaded, else none', async () => {
      assert.deepEqual(await store.resolveCurrent({ modelPath: '' }), { source: 'none', reason: 'nothing-chosen' });
      assert.deepEqual(await store.resolveCurrent({ modelPath: '  ', chosenId: small.id }),
        { source: 'none', reason: 'chosen-not-downloaded', chosen: small, partialBytes: undefined });
      put(`${store.pathFor(small)}.part`, Buffer.alloc(99));
      assert.equal((await store.resolveCurrent({ modelPath: '', chosenId: small.id }) as { partialBytes?: number }).partialBytes, 99);
      put(store.pathFor(small));
      assert.deepEqual(await store.resolveCurrent({ modelPath: '', chosenId: small.id }), { source: 'catalog', path: store.pathFor(small), entry: small });
      assert.deepEqual(await store.resolveCurrent({ modelPath: '', chosenId: 'removed-from-catalog' }), { source: 'none', reason: 'nothing-chosen' });
    });

    it('expands ~ in the setting', () => {
      assert.equal(expandHome('~/models/a.gguf', '/home/u'), path.join('/home/u', 'models/a.gguf'));
      assert.equal(expandHome('/abs/~/a.gguf', '/home/u'), '/abs/~/a.gguf');
    });
  });

  it('downloads a catalog entry into the store, after which it is the current model', async () => {
    const bytes = ggufBytes(512 * 1024);
    const server = await startModelServer(bytes);
    try {
      const entry: CatalogEntry = { ...small, id: 'test-model', url: server.url, sizeBytes: bytes.length, sizeApproximate: false, sha256: sha256(bytes) };
      const testStore = new ModelStore(path.join(dir, 'gs'), { ...catalog, models: [entry] } as Catalog);
      const options = testStore.downloadOptions(entry, never);
      assert.equal(options.expectedSize, bytes.length);
      assert.equal(options.label, entry.label);
      const first = testStore.download(entry, never);
      assert.equal(testStore.isDownloading(entry), true);
      assert.match((await userError(testStore.download(entry, never))).message, /already being downloaded/);
      const outcome = await first;
      assert.equal(outcome.status, 'done');
      assert.equal(testStore.isDownloading(entry), false);
      assert.deepEqual(await testStore.resolveCurrent({ modelPath: '', chosenId: 'test-model' }), { source: 'catalog', path: testStore.pathFor(entry), entry });
      assert.deepEqual(fs.readFileSync(testStore.pathFor(entry)), bytes);
    } finally {
      await server.close();
    }
  });

  it('enforces the exact size and the sha256 of every catalog entry', () => {
    for (const m of catalog.models) {
      assert.equal(store.downloadOptions(m, never).expectedSize, m.sizeBytes);
      assert.equal(store.downloadOptions(m, never).sha256, m.sha256);
    }
  });
});

describe('shouldOfferDownload', () => {
  const none = { source: 'none', reason: 'nothing-chosen' } as const;
  const base = { current: none, usingEndpoint: false, completionsEnabled: true, alreadyOffered: false };

  it('offers only with no model, no endpoint, completions on, never offered before', () => {
    assert.equal(shouldOfferDownload(base), true);
    assert.equal(shouldOfferDownload({ ...base, alreadyOffered: true }), false);
    assert.equal(shouldOfferDownload({ ...base, usingEndpoint: true }), false);
    assert.equal(shouldOfferDownload({ ...base, completionsEnabled: false }), false);
    assert.equal(shouldOfferDownload({ ...base, current: { source: 'setting', path: '/m.gguf' } }), false);
  });

  it('claimDownloadOffer offers once, remembers it, and does not spend the offer while a model exists', async () => {
    const values = new Map<string, unknown>();
    const memento: MementoLike = { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key, value) => { values.set(key, value); } };
    const state = { current: none, usingEndpoint: false, completionsEnabled: true };

    assert.equal(await claimDownloadOffer(memento, { ...state, current: { source: 'catalog', path: '/m.gguf' } }), false);
    assert.equal(values.has(DOWNLOAD_OFFERED_KEY), false);
    assert.equal(await claimDownloadOffer(memento, state), true);
    assert.equal(values.get(DOWNLOAD_OFFERED_KEY), true);
    assert.equal(await claimDownloadOffer(memento, state), false);
    assert.equal(await claimDownloadOffer(memento, state), false);
  });
});
