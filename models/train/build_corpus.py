"""Builds the training corpus from permissively licensed source installed offline.

Sources (each recorded in the manifest with name, version, license and file count):
  * npm packages installed with `npm install --prefix NPM_DIR ...` (JS/TS): only packages whose
    package.json license is MIT, ISC, Apache-2.0, BSD-2/3-Clause, 0BSD or Unlicense;
  * CPython's standard library (PSF-2.0) from the machine's python3 (Python);
  * Go's standard library (BSD-3-Clause) from Debian's golang-1.19-src package (Go).
Minified and generated files are skipped. Output: corpus.jsonl (one JSON object per file:
repo, path, lang, text) and manifest.json. The project's replay repositories are never read.
"""
import argparse, hashlib, json, os, re, sys

PERMISSIVE = {'MIT', 'ISC', 'APACHE-2.0', 'BSD-2-CLAUSE', 'BSD-3-CLAUSE', '0BSD', 'UNLICENSE', 'BSD', 'PSF-2.0'}
EXT_LANG = {'.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.jsx': 'js', '.py': 'py', '.go': 'go'}
SKIP_DIRS = {'dist-min', 'min', 'umd', 'test262', '__pycache__', 'testdata', '.git'}


def license_of(pkg):
    lic = pkg.get('license') or pkg.get('licenses')
    if isinstance(lic, list):
        lic = ' OR '.join(l.get('type', '') if isinstance(l, dict) else str(l) for l in lic)
    if isinstance(lic, dict):
        lic = lic.get('type', '')
    return str(lic or '').strip()


def permissive(lic):
    parts = [p.strip('() ').upper() for p in re.split(r'\s+OR\s+|\s+AND\s+', lic) if p.strip()]
    # "A OR B": one permissive option suffices; "A AND B": all must be
    if ' AND ' in lic.upper():
        return all(p in PERMISSIVE for p in parts)
    return any(p in PERMISSIVE for p in parts)


def looks_generated(text):
    lines = text.split('\n')
    if not lines:
        return True
    longest = max(len(l) for l in lines)
    avg = len(text) / max(1, len(lines))
    return longest > 1000 or avg > 200 or 'sourceMappingURL=data:' in text


def read_files(root, max_file_bytes):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS and d != 'node_modules')
        for name in sorted(filenames):
            ext = os.path.splitext(name)[1]
            if name.endswith('.d.ts'):
                lang = 'ts'
            elif ext in EXT_LANG and '.min.' not in name and not name.endswith('.map'):
                lang = EXT_LANG[ext]
            else:
                continue
            full = os.path.join(dirpath, name)
            try:
                if os.path.getsize(full) > max_file_bytes or os.path.getsize(full) < 64:
                    continue
                with open(full, encoding='utf-8') as f:
                    text = f.read()
            except (OSError, UnicodeDecodeError):
                continue
            if looks_generated(text):
                continue
            yield os.path.relpath(full, root), lang, text


def npm_packages(npm_dir):
    nm = os.path.join(npm_dir, 'node_modules')
    for entry in sorted(os.listdir(nm)):
        if entry.startswith('.'):
            continue
        dirs = [os.path.join(nm, entry, s) for s in sorted(os.listdir(os.path.join(nm, entry)))] if entry.startswith('@') else [os.path.join(nm, entry)]
        for d in dirs:
            pj = os.path.join(d, 'package.json')
            if os.path.isfile(pj):
                with open(pj, encoding='utf-8') as f:
                    yield d, json.load(f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--npm-dir', required=True)
    ap.add_argument('--python-stdlib', default='/usr/lib/python3.11')
    ap.add_argument('--go-src', default='')
    ap.add_argument('--out', required=True)
    ap.add_argument('--max-file-bytes', type=int, default=60_000)
    ap.add_argument('--max-package-bytes', type=int, default=3_000_000)
    ap.add_argument('--max-lang-bytes', type=str, default='py=6000000,go=6000000')
    args = ap.parse_args()
    caps = {k: int(v) for k, v in (kv.split('=') for kv in args.max_lang_bytes.split(','))}
    os.makedirs(args.out, exist_ok=True)
    manifest, seen, lang_bytes = [], set(), {}
    excluded = []
    with open(os.path.join(args.out, 'corpus.jsonl'), 'w', encoding='utf-8') as out:
        def add_source(repo, version, lic, root, files_iter):
            n = size = 0
            for rel, lang, text in files_iter:
                if size > args.max_package_bytes:
                    break
                if lang in caps and lang_bytes.get(lang, 0) > caps[lang]:
                    continue
                h = hashlib.sha1(text.encode()).hexdigest()
                if h in seen:
                    continue
                seen.add(h)
                out.write(json.dumps({'repo': repo, 'path': rel, 'lang': lang, 'text': text}) + '\n')
                n += 1
                size += len(text)
                lang_bytes[lang] = lang_bytes.get(lang, 0) + len(text)
            if n:
                manifest.append({'source': repo, 'version': version, 'license': lic, 'files': n, 'bytes': size})

        for d, pkg in npm_packages(args.npm_dir):
            lic = license_of(pkg)
            name = pkg.get('name', os.path.basename(d))
            if not permissive(lic):
                excluded.append({'source': name, 'version': pkg.get('version'), 'license': lic})
                continue
            add_source(name, pkg.get('version', ''), lic, d, read_files(d, args.max_file_bytes))
        if args.python_stdlib and os.path.isdir(args.python_stdlib):
            ver = os.path.basename(args.python_stdlib).replace('python', '')
            add_source('cpython-stdlib', ver, 'PSF-2.0', args.python_stdlib,
                       ((r, l, t) for r, l, t in read_files(args.python_stdlib, args.max_file_bytes) if not r.startswith(('test/', 'idlelib/', 'lib2to3/tests', 'site-packages', 'dist-packages'))))
        if args.go_src and os.path.isdir(args.go_src):
            add_source('go-stdlib (Debian golang-1.19-src)', '1.19.8', 'BSD-3-Clause', args.go_src,
                       ((r, l, t) for r, l, t in read_files(args.go_src, args.max_file_bytes) if not r.endswith('_test.go') and '/vendor/' not in r))
    with open(os.path.join(args.out, 'manifest.json'), 'w', encoding='utf-8') as f:
        json.dump({'sources': manifest, 'excludedForLicense': excluded, 'bytesByLanguage': lang_bytes}, f, indent=1)
    print(json.dumps({'sources': len(manifest), 'excluded': len(excluded), 'bytesByLanguage': lang_bytes}))


if __name__ == '__main__':
    sys.exit(main())
