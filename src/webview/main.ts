// Browser entry of the chat panel. Talks to the host only through the typed protocol: every
// host message goes through one exhaustive handler map.
import { dispatch, type Handlers, type HostToWebview } from '../shared/protocol';
import { loadViewState, post, saveViewState, type ViewState } from './api';
import { announcer } from './announce';
import { Banner } from './banner';
import { Composer } from './composer';
import { Header } from './header';
import { Transcript } from './transcript';

const app = document.getElementById('app') ?? document.body;
const saved = loadViewState();
let restore: ViewState | undefined = saved.conversationId !== null ? saved : undefined;

let saveFrame = 0;
function saveSoon(): void {
  saveFrame ||= requestAnimationFrame(() => {
    saveFrame = 0;
    saveViewState({
      draft: composer.draft,
      scrollTop: Math.round(transcript.element.scrollTop),
      atBottom: transcript.atBottom,
      conversationId: transcript.currentId,
    });
  });
}

const transcript = new Transcript(() => composer.setBusy(transcript.busyId !== undefined), saveSoon);
const composer = new Composer({
  sent: (turn) => transcript.sent(turn),
  busyId: () => transcript.busyId,
  draftChanged: saveSoon,
});
const header = new Header();
const banner = new Banner();

composer.draft = saved.draft;
app.removeAttribute('aria-live');
app.replaceChildren(header.element, banner.element, transcript.element, composer.element, announcer());

const handlers: Handlers<HostToWebview> = {
  state: (state) => {
    header.update(state);
    composer.setTier(state.tier);
    composer.setModels(`${state.localModel.label}${state.localModel.demo ? ' (demo model)' : ''}`, state.reasoningModel || 'not set');
    transcript.showEmpty(`${state.localModel.label}${state.localModel.demo ? ' (demo model)' : ''}`);
  },
  conversation: (conversation) => {
    transcript.setConversation(conversation);
    if (restore && restore.conversationId === conversation.id) transcript.restoreScroll(restore.scrollTop, restore.atBottom);
    restore = undefined;
    composer.setBusy(transcript.busyId !== undefined);
    saveSoon();
  },
  userTurn: ({ conversationId, turn }) => {
    if (conversationId === transcript.currentId) transcript.addUser(turn);
  },
  answerStart: (header) => { transcript.startAnswer(header); },
  answerDelta: (delta) => transcript.delta(delta),
  answerEnd: ({ id, stats }) => transcript.endAnswer(id, stats),
  costEstimate: (estimate) => transcript.costEstimate(estimate),
  agentStep: (step) => transcript.agentStep(step),
  resultCard: (card) => transcript.resultCard(card),
  contextChips: ({ chips }) => composer.setChips(chips),
  error: ({ message }) => {
    banner.show(message);
    transcript.clearPending();
  },
};

window.addEventListener('message', (event: MessageEvent<unknown>) => { dispatch(handlers, event.data); });
post('ready', {});
if (saved.draft) composer.textarea.focus();
