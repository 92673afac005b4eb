// The agent loop against the loopback fakes: the helper-bug workspace (a real git repository
// with an uncommitted off-by-one), the plain-filesystem tools, a provider per harness, and the
// Deep Debug messages for the real Node trace.
import * as fs from 'node:fs';
import { analyzeTrace } from '../../../src/core/debug/collect';
import { neverSendMatcher } from '../../../src/core/debug/privacy';
import { prepareDeepDebug } from '../../../src/core/debug/request';
import { createWorkspaceIndex, type WorkspaceIndex } from '../../../src/core/debug/workspaceMap';
import { agentMessages } from '../../../src/core/agent/prompt';
import { runAgent, type AgentRunOptions } from '../../../src/core/agent/loop';
import { agentToolSpecs, RESULT_TOOL } from '../../../src/core/agent/toolSpecs';
import { fsWorkspace } from '../../../src/core/agent/fsWorkspace';
import { DEFAULT_AGENT_LIMITS } from '../../../src/core/agent/types';
import type { ChatProvider } from '../../../src/core/providers/types';
import { BUGGY_HELPER, CORRECT_HELPER, createHelperBug, type HelperBugWorkspace } from '../../support/helperBug';

export const NEVER_SEND = ['**/.env', '**/secrets/**'];
export const SECRET_MARKER = 'STRIPE_LIVE_SECRET_sk_live_51HxMARKERmarker0000';

export interface AgentRig {
  ws: HelperBugWorkspace;
  index: WorkspaceIndex;
  trace: string;
  run(provider: ChatProvider, extra?: Partial<AgentRunOptions>): ReturnType<typeof runAgent>;
  dispose(): void;
}

/** The helper-bug workspace plus a .env and a secrets file (neverSend). */
export function createAgentRig(): AgentRig {
  const ws = createHelperBug();
  ws.write('.env', `STRIPE_KEY=${SECRET_MARKER}\n`);
  fs.mkdirSync(`${ws.root}/src/secrets`, { recursive: true });
  ws.write('src/secrets/keys.js', `module.exports = { stripe: '${SECRET_MARKER}' };\n`);
  const files = [...ws.files, '.env', 'src/secrets/keys.js'];
  const index = createWorkspaceIndex(ws.root, files);
  const trace = ws.run().stderr;
  const analysis = analyzeTrace(trace, index);
  // One-shot evidence as before the agent: the trace and the caller only (the helper left for the tools).
  const prepared = prepareDeepDebug({ traceText: trace, files: analysis.involved.map((p) => ({ path: p, text: ws.read(p) })) }, { index, tier: 'reasoning', mode: 'tool' });
  const isNeverSend = neverSendMatcher(NEVER_SEND);
  return {
    ws, index, trace,
    run: (provider, extra = {}) => runAgent({
      messages: agentMessages(prepared.messages),
      chat: async (turn) => ({ result: await provider.chat({ messages: turn.messages, purpose: 'deep-debug', signal: turn.signal, ...(turn.tools ? { tools: turn.tools } : {}) }), usd: 0.001 }),
      tools: agentToolSpecs('Report the root cause, evidence and the fix. Call once, at the end.'),
      resultTool: RESULT_TOOL,
      limits: DEFAULT_AGENT_LIMITS,
      ws: fsWorkspace(ws.root),
      policy: { isNeverSend, knownSecrets: [], maxResultChars: 12_000 },
      signal: new AbortController().signal,
      approve: async () => true,
      question: trace,
      ...extra,
    }),
    dispose: () => ws.dispose(),
  };
}

/** The result tool's input fixing the helper. */
export const FIX_INPUT = {
  rootCause: 'lastIndex in src/stats.js returns items.length, one past the last index, so latestName reads undefined.',
  evidence: [{ file: 'src/stats.js', line: 3, endLine: null, note: 'off by one' }],
  explanation: 'Return the last index.',
  files: [{ path: 'src/stats.js', kind: 'modify', hunks: [{ search: BUGGY_HELPER, replace: CORRECT_HELPER }], content: null }],
  verify: ['node src/main.js'],
  confidence: 'high',
};
