#!/usr/bin/env bash
# Rebuilds models/tiered-demo-coder.gguf from nothing but the npm registry, Debian's apt and the
# local Python package store (no internet otherwise). ~1 hour on 2 CPU cores; --device cuda
# (the default when a GPU is present) is much faster. CI never runs this.
#   bash models/train/reproduce.sh [WORK_DIR] [MINUTES]
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
WORK="${1:-/tmp/tiered-train}"
MINUTES="${2:-62}"
mkdir -p "$WORK"
PY="$WORK/venv/bin/python"
[ -x "$PY" ] || { python3 -m venv "$WORK/venv"; "$WORK/venv/bin/pip" install -r "$HERE/requirements.txt"; }

# 1. Corpus: npm packages (JS/TS), CPython's stdlib (Python), Go's stdlib from Debian (Go).
mkdir -p "$WORK/npm" && cd "$WORK/npm"
[ -f package.json ] || echo '{"name":"corpus","version":"1.0.0","private":true}' > package.json
npm install --ignore-scripts --no-audit --no-fund typescript lodash-es express rxjs zod date-fns immer axios yargs \
  commander chalk vue preact jquery d3 three@0.160.0 prettier eslint @types/node redux mobx graphql ajv semver uuid \
  yaml marked acorn esbuild-wasm koa fastify underscore moment ramda
mkdir -p "$WORK/go" && cd "$WORK/go"
ls golang-1.19-src_*.deb >/dev/null 2>&1 || apt-get download golang-1.19-src
[ -d x ] || dpkg-deb -x golang-1.19-src_*.deb x
"$PY" "$HERE/build_corpus.py" --npm-dir "$WORK/npm" --python-stdlib /usr/lib/python3.11 \
  --go-src "$WORK/go/x/usr/share/go-1.19/src" --out "$WORK/data"

# 2. Tokenizer, 3. training (seeded), 4. GGUF, 5. loss curve.
"$PY" "$HERE/train_tokenizer.py" --corpus "$WORK/data/corpus.jsonl" --out "$WORK/data/tokenizer.json" --vocab 8192 --seed 1234
"$PY" "$HERE/train.py" --corpus "$WORK/data/corpus.jsonl" --tokenizer "$WORK/data/tokenizer.json" --out "$WORK/run" \
  --threads 1 --d-model 256 --layers 4 --heads 4 --kv-heads 2 --d-ff 640 --seq-len 512 --batch 4 --lr 2e-3 \
  --warmup 30 --minutes "$MINUTES" --seed 1234
"$PY" "$HERE/export_gguf.py" --checkpoint "$WORK/run/final.pt" --tokenizer "$WORK/data/tokenizer.json" --out "$REPO/models/tiered-demo-coder.gguf"
"$PY" "$HERE/plot_loss.py" --log "$WORK/run/loss.jsonl" --out "$REPO/models/tiered-demo-coder-loss.png"
cp "$WORK/data/manifest.json" "$REPO/models/tiered-demo-coder-corpus.json"
