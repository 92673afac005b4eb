// Ties the wire tap to the store: each client that can send something off the machine gets a
// tapped fetch (`fetchFor`); requests made inside a Dispatcher scope are recorded by the Dispatcher
// with their workflow, reason, files and cost; any other request is recorded here as soon as it is
// made, under the client's label, so nothing leaves unrecorded.
import type { Logger } from '../log';
import { isLocalBaseUrl } from '../providers/sdkSupport';
import { entriesFor, type EgressEntry } from './entry';
import type { EgressStore } from './store';
import { tapFetch } from './wireTap';

export type EgressClient = 'reasoning' | 'local-endpoint' | 'model-download';

const UNSCOPED_WORKFLOW: Record<EgressClient, string> = { reasoning: 'unattributed', 'local-endpoint': 'completion', 'model-download': 'model-download' };

export class EgressRecorder {
  constructor(private readonly store: EgressStore, private readonly log: Logger, private readonly inner: typeof fetch = globalThis.fetch) {}

  /** The fetch a client must use. The remote local endpoint's requests to this machine or a private network are not recorded (they do not leave). */
  fetchFor(client: EgressClient): typeof fetch {
    return tapFetch((input, init) => this.inner(input, init), (w) => {
      if (client === 'local-endpoint' && isLocalBaseUrl(w.url)) return;
      this.record(entriesFor([w], { workflow: UNSCOPED_WORKFLOW[client], usd: client === 'reasoning' ? null : 0, outcome: 'sent' }));
    });
  }

  /** Appends entries; a failure to write is logged, never thrown into the request path. */
  record(entries: readonly EgressEntry[]): void {
    this.store.append(entries).catch((e) => this.log.warn(`Egress record: could not write (${e instanceof Error ? e.message : String(e)}).`));
  }
}
