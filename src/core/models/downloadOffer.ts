// "No model yet: download the recommended one?" — asked once, never again (no nagging).
import type { CurrentModel } from './store';

/** The part of VS Code's Memento (globalState) this needs; an in-memory map works in tests. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export const DOWNLOAD_OFFERED_KEY = 'tiered.models.downloadOffered';

export interface OfferState {
  current: CurrentModel;
  /** `tiered.local.endpoint` is set: a server does the completions, no local model is needed. */
  usingEndpoint: boolean;
  /** Inline completions are switched off: nothing asked for a model. */
  completionsEnabled: boolean;
  alreadyOffered: boolean;
}

/** Offer the download only when there is no model, one is needed, and it was never offered before. */
export function shouldOfferDownload(state: OfferState): boolean {
  return state.current.source === 'none' && !state.usingEndpoint && state.completionsEnabled && !state.alreadyOffered;
}

/**
 * Decides whether to offer the download now and, when it does, records that it was offered
 * (before the adapter shows anything), so it is offered at most once per installation.
 */
export async function claimDownloadOffer(memento: MementoLike, state: Omit<OfferState, 'alreadyOffered'>): Promise<boolean> {
  const offer = shouldOfferDownload({ ...state, alreadyOffered: memento.get<boolean>(DOWNLOAD_OFFERED_KEY) === true });
  if (offer) await memento.update(DOWNLOAD_OFFERED_KEY, true);
  return offer;
}
