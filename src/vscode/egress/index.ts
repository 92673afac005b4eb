// "Tiered: Show What Left This Machine" (tiered.showEgress): the egress record by day (a quick
// pick of days, then of that day's requests), a day as a document, the exact request body of one
// request on demand, and "Clear the record". The record stays in the extension's storage.
import * as vscode from 'vscode';
import { dayLine, describeDay, describeEntry, entryLine, filesLine } from '../../core/egress/describe';
import type { EgressEntry } from '../../core/egress/entry';
import type { EgressStore } from '../../core/egress/store';
import { ReadOnlyDocs } from '../edits';
import type { WorkflowDeps } from '../workflowDeps';

type DayItem = vscode.QuickPickItem & { day?: string; clear?: true };
type EntryItem = vscode.QuickPickItem & { entry?: EgressEntry; wholeDay?: true };

export function registerEgress(deps: WorkflowDeps): vscode.Disposable[] {
  const docs = new ReadOnlyDocs('tiered-egress');
  const open = async (name: string, text: string) => { await docs.show(name, text, { preview: true }); };
  const command = vscode.commands.registerCommand('tiered.showEgress', async () => {
    const store = (await deps.services()).egress.store;
    const day = await pickDay(store);
    if (!day) return;
    if (day === 'clear') {
      const ok = await vscode.window.showWarningMessage('Clear the record of what left this machine? This cannot be undone.', { modal: true }, 'Clear');
      if (ok === 'Clear') { await store.clear(); void vscode.window.showInformationMessage('Tiered: the egress record is cleared.'); }
      return;
    }
    const entries = await store.entries(day);
    const pick = await vscode.window.showQuickPick<EntryItem>([
      { label: '$(book) The whole day as a document', wholeDay: true },
      { label: '', kind: vscode.QuickPickItemKind.Separator },
      ...[...entries].reverse().map((e) => ({ label: entryLine(e), description: e.reason, detail: `${filesLine(e)}${e.withheld.length ? ` · withheld: ${e.withheld.join(', ')}` : ''}`, entry: e })),
    ], { title: `What left this machine on ${day}`, placeHolder: 'Pick a request to see exactly what was sent', matchOnDescription: true, matchOnDetail: true });
    if (!pick) return;
    if (pick.wholeDay) return open(`egress-${day}.md`, describeDay(day, entries));
    if (pick.entry) return open(`egress-${pick.entry.id}.md`, `${describeEntry(pick.entry)}\n\n#### The exact request body (${pick.entry.bytes} bytes, as sent)\n\n${fence(pick.entry.body)}\n`);
  });
  return [docs, command];
}

async function pickDay(store: EgressStore): Promise<string | 'clear' | undefined> {
  const days = await store.days();
  if (days.length === 0) {
    void vscode.window.showInformationMessage('Tiered: nothing has left this machine through Tiered (the record is empty).');
    return undefined;
  }
  const items: DayItem[] = [];
  for (const day of days) items.push({ label: `$(calendar) ${day}`, description: dayLine(await store.summary(day)), day });
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(trash) Clear the record…', clear: true });
  const pick = await vscode.window.showQuickPick(items, { title: 'Tiered: What Left This Machine', placeHolder: 'Pick a day' });
  return pick?.clear ? 'clear' : pick?.day;
}

/** A markdown fence that the body cannot close. */
function fence(body: string): string {
  const longest = Math.max(2, ...[...body.matchAll(/`+/g)].map((m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}json\n${body}\n${f}`;
}
