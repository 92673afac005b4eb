// `npm install` on Node 20 warns EBADENGINE for packages that declare a newer Node. The README
// says Node 20 is enough, so it must name every such package and why the warning is harmless.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..', '..');

/** Packages in the lockfile whose engines.node excludes Node 20 (every alternative wants > 20). */
function needNewerNode(): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };
  return Object.entries(lock.packages).flatMap(([key, p]) => {
    const range = p.engines?.node;
    if (!key || !range) return [];
    const excludes20 = range.split('||').every((alt) => { const m = />=\s*v?(\d+)/.exec(alt); return m !== null && Number(m[1]) > 20; });
    return excludes20 ? [key.replace(/^.*node_modules\//, '')] : [];
  });
}

describe('install noise: the README and the EBADENGINE warnings agree', () => {
  it('the README names every package that warns on Node 20, and says why it is harmless', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const packages = needNewerNode();
    assert.ok(packages.length > 0, 'the lockfile was read');
    for (const name of packages) assert.ok(readme.includes(`\`${name}`), `README mentions ${name}`);
    assert.match(readme, /EBADENGINE/);
  });
});
