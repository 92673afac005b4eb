// Chat never goes to a local model that cannot chat (a completion-only model: no chat template).
// Given what the local model can do (plain input) and the router's decision: a decision for the
// reasoning tier says why the local model was passed over; a decision for the local tier (the
// reasoning tier cannot run, or the user asked for local) becomes a clear refusal.

export interface ChatCapability { name: string; chat: boolean }

export type GuardOutcome<D> = { ok: true; decision: D } | { ok: false; message: string };

/** Short words for the router's reason line, or undefined when the model can chat (or is unknown). */
export function completionOnlyReason(local: ChatCapability | undefined): string | undefined {
  return local && !local.chat ? `the local model ${local.name} is completion-only (no chat template)` : undefined;
}

export function guardLocalChat<D extends { tier: 'local' | 'reasoning'; reason: string; fallback?: string }>(decision: D, local: ChatCapability | undefined): GuardOutcome<D> {
  const why = completionOnlyReason(local);
  if (!why) return { ok: true, decision };
  if (decision.tier === 'reasoning') {
    return { ok: true, decision: { ...decision, reason: decision.reason.replace('no local model loaded', why) } };
  }
  const blocked = decision.fallback ? ` ${decision.fallback}` : '';
  return {
    ok: false,
    message: `Not answered: ${why[0].toUpperCase()}${why.slice(1)}: it writes inline completions but cannot chat.${blocked} Set an API key for the reasoning tier ('Tiered: Set API Key'), or choose a local model that can chat ('Tiered: Choose Local Model').`,
  };
}
