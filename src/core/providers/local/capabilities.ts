// What a local model can do, from its GGUF metadata: fill-in-the-middle (it carries a known
// family's FIM tokens) and chat (it carries a chat template — llama.cpp formats a conversation
// with it; a model shipped without one was never trained to follow turns). A completion-only
// model (the bundled demo coder, most raw base models) gets inline completions, never chat.
import type { GgufInfo } from './ggufInfo';

export interface LocalCapabilities {
  name: string;
  fim: boolean;
  chat: boolean;
  /** Why, in words (for the log and the chat's reason line). */
  evidence: string;
}

export function capabilitiesOf(info: Pick<GgufInfo, 'name' | 'fimFamily' | 'hasChatTemplate'>): LocalCapabilities {
  const fim = info.fimFamily !== undefined;
  const chat = info.hasChatTemplate;
  const evidence = [fim ? `${info.fimFamily} FIM tokens` : 'no FIM tokens', chat ? 'a chat template' : 'no chat template'].join(', ');
  return { name: info.name, fim, chat, evidence };
}

/** A shared server (tiered.local.endpoint) serves both through its OpenAI-compatible API. */
export const ENDPOINT_CAPABILITIES: LocalCapabilities = { name: 'local endpoint', fim: true, chat: true, evidence: 'OpenAI-compatible server' };
