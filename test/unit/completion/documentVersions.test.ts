// The inline provider's record of document versions (issue 12, Low: it grew without bound).
import * as assert from 'node:assert/strict';
import { DocumentVersions } from '../../../src/core/completion/documentVersions';

describe('DocumentVersions', () => {
  it('tells a request for an older version from a current one', () => {
    const v = new DocumentVersions();
    v.note('src/a.ts', 3);
    assert.ok(v.isCurrent({ filePath: 'src/a.ts', documentVersion: 3 }));
    v.note('src/a.ts', 4);
    assert.ok(!v.isCurrent({ filePath: 'src/a.ts', documentVersion: 3 }));
    assert.ok(v.isCurrent({ filePath: 'src/other.ts', documentVersion: 1 }));
  });

  it('stays bounded through a long session of opened and closed files', () => {
    const v = new DocumentVersions(256);
    for (let i = 0; i < 20_000; i++) {
      v.note(`src/file${i}.ts`, 1);
      if (i % 2 === 0) v.forget(`src/file${i}.ts`);
    }
    assert.ok(v.size <= 256, `${v.size} documents remembered`);
    // The document being typed in is never the one evicted.
    v.note('src/typing.ts', 7);
    for (let i = 0; i < 1000; i++) { v.note(`src/more${i}.ts`, 1); v.note('src/typing.ts', 8 + i); }
    assert.ok(!v.isCurrent({ filePath: 'src/typing.ts', documentVersion: 7 }));
  });

  it('forgets a closed document', () => {
    const v = new DocumentVersions();
    v.note('src/a.ts', 9);
    v.forget('src/a.ts');
    assert.equal(v.size, 0);
  });
});
