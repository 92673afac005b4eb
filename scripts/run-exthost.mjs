// Runs only the extension-host layer against already-built dist/ and compiled tests:
//   TIERED_OUT_DIR=.out-x node scripts/run-exthost.mjs
import { ensureCodeServer } from './code-server.mjs';
import { runExtensionHostTests } from './lib/exthost.mjs';

ensureCodeServer();
process.exit(await runExtensionHostTests());
