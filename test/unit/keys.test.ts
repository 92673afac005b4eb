import * as assert from 'node:assert/strict';
import { KeyStore, type SecretStore } from '../../src/core/keys';

function memorySecrets(): SecretStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, get: async (n) => data.get(n), store: async (n, v) => { data.set(n, v); }, delete: async (n) => { data.delete(n); } };
}

describe('KeyStore', () => {
  it('prefers the stored key, then the environment, per provider', async () => {
    const secrets = memorySecrets();
    const keys = new KeyStore(secrets, { ANTHROPIC_API_KEY: 'sk-ant-from-env-123' });
    assert.deepEqual(await keys.get('anthropic'), { key: 'sk-ant-from-env-123', source: 'environment' });
    assert.deepEqual(await keys.get('openai'), { key: undefined, source: 'none' });
    await keys.set('anthropic', '  sk-ant-stored-456  ');
    assert.deepEqual(await keys.get('anthropic'), { key: 'sk-ant-stored-456', source: 'stored' });
    await keys.remove('anthropic');
    assert.equal((await keys.get('anthropic')).source, 'environment');
  });

  it('refuses text that cannot be a key, and stores nothing', async () => {
    const secrets = memorySecrets();
    const keys = new KeyStore(secrets, {});
    await assert.rejects(keys.set('openai', 'my key is this'), /no spaces/);
    await assert.rejects(keys.set('openai', 'abc'), /too short/);
    assert.equal(secrets.data.size, 0);
  });

  it('knows every key in use so logs can redact them', async () => {
    const keys = new KeyStore(memorySecrets(), { OPENAI_API_KEY: 'env-openai-key-1' });
    await keys.set('anthropic', 'stored-anthropic-key');
    assert.deepEqual(keys.knownSecrets().sort(), ['env-openai-key-1', 'stored-anthropic-key']);
  });
});
