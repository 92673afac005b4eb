// Builds two bundles: the extension (CommonJS for Node; `vscode` and `node-llama-cpp` external)
// and the chat webview (browser IIFE). Flags: --production (minify, no source maps), --watch.
import * as esbuild from 'esbuild';
import fs from 'node:fs/promises';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the form of the `$esbuild-watch` problem matcher (VS Code tasks). */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => { if (watch) console.log('[watch] build started'); });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/** Copies the codicon font and stylesheet next to the webview bundle (the panel links dist/codicon.css). */
const copyCodicons = {
  name: 'copy-codicons',
  setup(build) {
    build.onEnd(async () => {
      const from = path.join('node_modules', '@vscode', 'codicons', 'dist');
      await fs.mkdir('dist', { recursive: true });
      await Promise.all(['codicon.css', 'codicon.ttf'].map((f) => fs.copyFile(path.join(from, f), path.join('dist', f))));
    });
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [problemMatcher],
};

const contexts = await Promise.all([
  esbuild.context({
    ...common,
    entryPoints: { extension: 'src/extension.ts', 'local-worker': 'src/core/providers/local/worker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'node-llama-cpp'],
  }),
  esbuild.context({
    ...common,
    entryPoints: { webview: 'src/webview/main.ts' },
    outdir: 'dist',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    plugins: [problemMatcher, copyCodicons],
  }),
]);

if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
