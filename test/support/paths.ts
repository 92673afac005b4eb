import * as fs from 'node:fs';
import * as path from 'node:path';

/** The repository root, found from wherever the compiled test runs (out/, .out-*, the extension host). */
export const repoRoot = (() => {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'tiered') return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
})();
