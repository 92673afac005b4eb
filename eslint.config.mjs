// Lint, including the layer rule: src/core is plain TypeScript and never imports `vscode`
// (nor the adapters in src/vscode); only src/vscode and src/extension.ts talk to VS Code.
import tseslint from 'typescript-eslint';

const vscodeBan = {
  paths: [{ name: 'vscode', message: 'Layer rule: src/core never imports vscode. Pass plain data in, or move this code to src/vscode/.' }],
  patterns: [{ group: ['**/vscode/*', '**/vscode'], message: 'Layer rule: src/core never imports the VS Code adapters.' }],
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.artifacts/**', 'test/fixtures/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', {
        selector: "CallExpression[callee.object.name='console'][callee.property.name='log']",
        message: 'Use the output channel logger; console.log in the extension goes nowhere useful.',
      }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', vscodeBan], '@typescript-eslint/no-restricted-imports': 'off' },
  },
  {
    files: ['src/webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The webview runs in a browser: use the message protocol.' }] }] },
  },
  {
    files: ['test/**/*.ts', 'test/**/*.mjs', 'test/**/*.cjs', 'scripts/**/*.mjs'],
    rules: { 'no-restricted-syntax': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
