import * as os from 'node:os';
import * as vscode from 'vscode';
import { userMessage } from '../../core/errors';
import type { Logger } from '../../core/log';
import { findEntry, modelsThatFit, recommended, type CatalogEntry } from '../../core/models/catalog';
import { DownloadError } from '../../core/models/downloadErrors';
import type { ModelStore } from '../../core/models/store';
import type { SettingsAdapter } from '../settings';

export const CHOSEN_MODEL_KEY = 'tiered.models.chosen';
const GiB = 1024 ** 3;
const size = (bytes: number) => (bytes >= GiB ? `${(bytes / GiB).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`);

interface Pick extends vscode.QuickPickItem { entry?: CatalogEntry; action?: 'keep' | 'file' | 'clear' }

/** "Tiered: Choose Local Model": catalog entries that fit this machine, a file on disk, the current one. */
export function registerChooseModel(store: ModelStore, state: vscode.Memento, settings: SettingsAdapter, log: Logger, onChosen: () => void): vscode.Disposable {
  return vscode.commands.registerCommand('tiered.chooseLocalModel', async (preselect?: string) => {
    const downloaded = new Set((await store.listDownloaded()).flatMap((d) => (d.entry ? [d.entry.id] : [])));
    const partial = new Map((await store.listPartial()).map((p) => [p.entry.id, p.receivedBytes]));
    const chosenId = state.get<string>(CHOSEN_MODEL_KEY);
    const modelPath = settings.value['local.modelPath'];
    const best = recommended(store.catalog, os.totalmem());
    let entry = preselect ? findEntry(store.catalog, preselect) : undefined;
    if (!entry) {
      // The first row (default focus) keeps the current model: Enter changes nothing. "Use a GGUF
      // file…" follows it, above the catalog, so it shows without scrolling; clearing the
      // setting is an explicit row at the end. Separators are plain text (no icons render there).
      const current = modelPath ? `${modelPath.split(/[\\/]/).pop()}` : chosenId ? findEntry(store.catalog, chosenId)?.label ?? chosenId : undefined;
      const items: Pick[] = [{ label: 'Current', kind: vscode.QuickPickItemKind.Separator }];
      items.push(current
        ? { label: `$(check) Keep ${current}`, description: modelPath ? 'tiered.local.modelPath' : 'catalog model', detail: modelPath || undefined, action: 'keep' }
        : { label: 'No local model yet — pick one below', action: 'keep' });
      items.push({ label: '$(folder-opened) Use a GGUF file on disk…', action: 'file' });
      items.push({ label: 'Catalog', kind: vscode.QuickPickItemKind.Separator });
      const fits = modelsThatFit(store.catalog, os.totalmem(), os.freemem());
      fits.sort((a, b) => Number(b.entry.id === best?.id) - Number(a.entry.id === best?.id));
      for (const fit of fits) {
        const e = fit.entry;
        const status = downloaded.has(e.id) ? 'downloaded' : partial.has(e.id) ? `resume (${size(partial.get(e.id) ?? 0)} so far)` : `download ${e.sizeApproximate ? '~' : ''}${size(e.sizeBytes)}`;
        items.push({
          label: `${e.id === chosenId ? '$(check) ' : ''}${e.id === best?.id ? '$(star-full) Recommended: ' : ''}${e.label}`,
          description: [status, fit.tight ? 'close some apps first' : ''].filter(Boolean).join(' · '),
          detail: `fits this machine: needs ~${size(e.memoryBytes)} RAM · ${e.license.name}`,
          entry: e,
        });
      }
      if (modelPath) {
        items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
        items.push({ label: '$(close) Stop using this file', description: 'clears tiered.local.modelPath', detail: modelPath, action: 'clear' });
      }
      const pick = await vscode.window.showQuickPick(items, { title: 'Tiered: Choose Local Model', matchOnDescription: true, matchOnDetail: true });
      if (!pick || pick.action === 'keep') return;
      if (pick.action === 'clear') { await settings.update('local.modelPath', ''); onChosen(); return; }
      if (pick.action === 'file') {
        const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'GGUF models': ['gguf'] }, title: 'Choose a GGUF model file' });
        if (files?.[0]) { await settings.update('local.modelPath', files[0].fsPath); onChosen(); }
        return;
      }
      if (pick.entry && !downloaded.has(pick.entry.id)) {
        // A catalog model is hundreds of MB to several GB: ask before downloading.
        const left = pick.entry.sizeBytes - (partial.get(pick.entry.id) ?? 0);
        const ok = await vscode.window.showInformationMessage(`Download ${pick.entry.label}?`,
          { modal: true, detail: `About ${size(left)} into the extension's storage (needs ~${size(pick.entry.memoryBytes)} RAM to run). You can cancel the download and resume it later.` }, 'Download');
        if (ok !== 'Download') return;
      }
      entry = pick.entry;
    }
    if (!entry) return;
    if (!downloaded.has(entry.id)) {
      const ok = await download(store, entry, log);
      if (!ok) return;
    }
    await state.update(CHOSEN_MODEL_KEY, entry.id);
    if (modelPath) await settings.update('local.modelPath', '');
    onChosen();
    vscode.window.showInformationMessage(`Tiered: local model set to ${entry.label}.`);
  });
}

async function download(store: ModelStore, entry: CatalogEntry, log: Logger): Promise<boolean> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Tiered: downloading ${entry.label}`, cancellable: true }, async (progress, token) => {
    const controller = new AbortController();
    const sub = token.onCancellationRequested(() => controller.abort());
    let last = 0;
    try {
      const outcome = await store.download(entry, controller.signal, (received, total, bps) => {
        const pct = total ? (received / total) * 100 : 0;
        progress.report({ increment: pct - last, message: `${size(received)}${total ? ` of ${size(total)}` : ''} · ${size(bps)}/s` });
        last = pct;
      }, log);
      if (outcome.status === 'cancelled') {
        vscode.window.showInformationMessage(`Tiered: download cancelled; ${size(outcome.receivedBytes)} kept to resume later.`);
        return false;
      }
      return true;
    } catch (error) {
      log.error(`download of ${entry.id} failed`, error);
      const retry = error instanceof DownloadError && error.resumable ? ['Retry'] : [];
      const answer = await vscode.window.showErrorMessage(`Tiered: ${userMessage(error)}`, ...retry);
      if (answer === 'Retry') void vscode.commands.executeCommand('tiered.chooseLocalModel', entry.id);
      return false;
    } finally {
      sub.dispose();
    }
  });
}
