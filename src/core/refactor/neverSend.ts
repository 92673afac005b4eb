// tiered.privacy.neverSend: globs of files that never leave the machine. VS Code glob syntax
// (`**`, `*`, `?`, `{a,b}`, `[abc]`, `[!abc]`), matched against workspace-relative paths, erring
// on the side of not sending:
//   - case-insensitive (`.ENV` is as secret as `.env`);
//   - a glob without '/' matches a file or folder name at any depth (as in .gitignore);
//   - a glob that matches a folder covers everything inside it (`**/secrets` hides `secrets/a.txt`).
// Node's path.matchesGlob is not used: it is experimental (a warning on every first call) and
// absent from older extension hosts.

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
}

/** Regex source for `glob` from `i` until the end or (inside braces) an unnested ',' or '}'. */
function compile(g: string, start: number, inBrace: boolean): { source: string; end: number } {
  let re = '';
  let i = start;
  while (i < g.length) {
    const c = g[i];
    if (inBrace && (c === ',' || c === '}')) break;
    if (c === '*') {
      let j = i;
      while (g[j] === '*') j++;
      const stars = j - i;
      const segStart = i === 0 || g[i - 1] === '/';
      const segEnd = j === g.length || g[j] === '/' || (inBrace && (g[j] === ',' || g[j] === '}'));
      if (stars >= 2 && segStart && segEnd) {
        if (g[j] === '/') {
          re += '(?:[^/]*/)*'; // "**/": any number of folders, none included
          j++;
        } else {
          re += '.*'; // trailing "**": anything below
        }
      } else {
        re += '[^/]*';
      }
      i = j;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '[') {
      const close = g.indexOf(']', i + 2);
      if (close === -1) {
        re += '\\[';
        i++;
      } else {
        let body = g.slice(i + 1, close);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        body = body.replace(/\\/g, '\\\\').replace(/\//g, '');
        re += negate ? `[^/${body}]` : `[${body}]`;
        i = close + 1;
      }
    } else if (c === '{') {
      const alts: string[] = [];
      let k = i + 1;
      for (;;) {
        const part = compile(g, k, true);
        alts.push(part.source);
        k = part.end;
        if (g[k] === ',') { k++; continue; }
        break;
      }
      if (g[k] === '}') {
        re += `(?:${alts.join('|')})`;
        i = k + 1;
      } else {
        re += '\\{';
        i++;
      }
    } else {
      re += escapeChar(c);
      i++;
    }
  }
  return { source: re, end: i };
}

/** Normalises a user's glob: '\' as '/', no leading './' or '/', a trailing '/' means the folder. */
function normalizeGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  g = g.replace(/^\/+/, '').replace(/\/+$/, '');
  if (!g.includes('/')) g = `**/${g}`;
  return g;
}

/** A glob as a case-insensitive RegExp over a whole relative path. */
export function globToRegExp(glob: string): RegExp {
  return new RegExp(`^${compile(normalizeGlob(glob), 0, false).source}$`, 'i');
}

/** A reusable matcher for a list of globs (empty and blank globs ignored). */
export function neverSendMatcher(globs: readonly string[]): (path: string) => boolean {
  const res = globs.filter((g) => typeof g === 'string' && g.trim() !== '').map(globToRegExp);
  return (path: string) => {
    const segments = path.replace(/\\/g, '/').split('/').filter((s) => s !== '' && s !== '.');
    for (let n = 1; n <= segments.length; n++) {
      const prefix = segments.slice(0, n).join('/');
      if (res.some((re) => re.test(prefix))) return true;
    }
    return false;
  };
}

/** True when a workspace-relative path (or a folder above it) matches one of the neverSend globs. */
export function isNeverSend(path: string, globs: readonly string[]): boolean {
  return neverSendMatcher(globs)(path);
}

/**
 * In a multi-root workspace paths start with the folder's name ("api/src/db.ts"), while a user
 * writes a glob anchored at a folder's root ("src/db.ts", "config/**"). Each anchored glob is
 * also given under every folder name, so it withholds the same files in every folder.
 */
export function anchorGlobsAtRoots(globs: readonly string[], rootNames: readonly string[]): string[] {
  if (rootNames.length < 2) return [...globs];
  const out = [...globs];
  for (const g of globs) {
    const n = typeof g === 'string' ? g.trim().replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '') : '';
    if (!n.includes('/') || n.startsWith('**/') || n.replace(/\/+$/, '').indexOf('/') === -1) continue;
    for (const name of rootNames) if (!n.startsWith(`${name}/`)) out.push(`${name}/${n}`);
  }
  return out;
}
