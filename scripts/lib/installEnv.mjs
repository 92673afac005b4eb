// The environment of the nested `npm install code-server` (run with Node 24), and what to tell the
// user when it fails.
//
// `npm start` runs under the system Node (20) and npm exports its own state into the environment:
// npm_config_user_agent ("npm/11 node/v20 …"), npm_node_execpath, NODE, npm_lifecycle_*, … A
// nested npm reads npm_config_* variables back as configuration, so it would re-export the outer
// user agent, and code-server's postinstall reads the Node version from it ("requires node v24 …
// you are on node v20"). The nested install therefore starts from an environment without the outer
// npm's variables; only the settings that say how to reach a registry survive.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

/** npm settings that describe the user's network, not the outer npm process: kept. */
const KEPT_NPM_CONFIG = /^npm_config_(registry|@[^:]+:registry|proxy|https_proxy|noproxy|no_proxy|cafile|ca|cert|key|strict_ssl|userconfig|globalconfig|cache|offline|prefer_offline|fetch_[a-z_]+|maxsockets)$/i;

/** `base` without the outer npm's variables (plus NODE and INIT_CWD, which npm sets too), then `extra`. */
export function nestedInstallEnv(base, extra = {}) {
  const env = {};
  for (const [k, v] of Object.entries(base)) {
    if (v === undefined) continue;
    if (/^npm_/i.test(k) && !KEPT_NPM_CONFIG.test(k)) continue;
    if (k === 'NODE' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Which of the tools code-server's native modules need are missing here (apt package names). */
export function missingBuildDeps() {
  const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
  const missing = [];
  if (!has('make') || !(has('g++') || has('c++'))) missing.push('build-essential');
  if (!has('python3')) missing.push('python3');
  // code-server's `kerberos` module compiles against the Kerberos/GSSAPI headers.
  if (!has('krb5-config') && !fs.existsSync('/usr/include/gssapi/gssapi.h')) missing.push('libkrb5-dev');
  return missing;
}

/**
 * One message naming the real cause of a failed install, from what npm printed (stderr) and what
 * this machine lacks. Pure, so it can be unit-tested.
 */
export function diagnoseInstallFailure({ output = '', missing = [], exitCode = null, env = {} }) {
  const lines = [`code-server install failed (exit ${exitCode ?? 'signal'}).`];
  const nodeCheck = /requires node v(\d+)[\s\S]*?detected that you are on node v(\d*)/i.exec(output);
  if (nodeCheck) {
    const agent = env.npm_config_user_agent;
    lines.push(`Cause: code-server's install script wants Node ${nodeCheck[1]} but read "node v${nodeCheck[2] || '?'}" from npm's user agent`
      + (agent ? ` (npm_config_user_agent=${agent}).` : '.')
      + ' Run the install with Node 24 first on PATH and without an inherited npm_config_user_agent.');
  }
  if (/\b(EAI_AGAIN|ENOTFOUND|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b/.test(output)) {
    lines.push('Cause: the npm registry could not be reached (network or proxy); check `npm ping` and your registry/proxy settings.');
  }
  if (/\bENOSPC\b/.test(output)) lines.push('Cause: the disk is full (code-server needs ~700 MB in the cache folder).');
  if (/\bE(ACCES|PERM)\b/.test(output)) lines.push('Cause: no permission to write the cache folder; set TIERED_CACHE_DIR to a writable folder.');
  if (missing.length) {
    lines.push(`Missing on this machine: ${missing.join(', ')} (needed to compile code-server's native modules): sudo apt-get install ${missing.join(' ')}`);
  } else if (/gyp ERR!|node-gyp|make: \*\*\*|error: /i.test(output) && lines.length === 1) {
    lines.push('Cause: compiling a native module failed although the build tools are installed; see the compiler output above.');
  }
  if (lines.length === 1) lines.push('npm printed the reason above; its full log is in ~/.npm/_logs/.');
  return lines.join('\n');
}
