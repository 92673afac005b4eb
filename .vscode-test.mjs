// Desktop VS Code (downloaded by @vscode/test-electron where there is internet): the same
// extension-host tests that scripts/test.mjs runs inside code-server here. Build first:
//   npm run build && npx tsc -p . && npx vscode-test
import { defineConfig } from '@vscode/test-cli';

export default defineConfig({
  files: 'out/test/integration/**/*.test.js',
  workspaceFolder: 'test/fixtures/workspace',
  version: '1.100.0',
  mocha: { ui: 'bdd', timeout: 60000 },
});
