// The "Tiered: Show Usage" webview panel: one at a time, a static page (no script) rendered in
// the extension host from the ledger, refreshed when the ledger changes (coalesced, and only
// while the panel is visible; a hidden panel refreshes when it is shown again).
import * as vscode from 'vscode';
import { buildUsageReport } from '../../core/cost/report';
import type { Logger } from '../../core/log';
import type { Services } from '../services';
import type { SettingsAdapter } from '../settings';
import { usagePage } from './page';
import { esc } from './svg';

export const USAGE_VIEW_TYPE = 'tiered.usage';
const REFRESH_MS = 1000;

export class UsagePanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private services: Services | undefined;
  private offLedger: (() => void) | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private lastHtml = '';
  private disposed = false;

  constructor(
    private readonly extensionUri: vscode.Uri, private readonly log: Logger, onDispose: () => void,
    /** The budgets (tiered.budget.*, user scope only) the bars measure against. */
    private readonly settings: SettingsAdapter,
  ) {
    this.panel = vscode.window.createWebviewPanel(USAGE_VIEW_TYPE, 'Tiered Usage', vscode.ViewColumn.Active, {
      enableScripts: false, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media')],
    });
    this.panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'tiered.svg');
    this.setHtml(this.message('Loading usage…', ''));
    this.disposables.push(
      this.panel.onDidChangeViewState(() => { if (this.panel.visible && this.dirty) this.render(); }),
      this.panel.onDidDispose(() => { this.dispose(); onDispose(); }),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Renders once the services (ledger) are ready, then follows the ledger. */
  async attach(services: Promise<Services>): Promise<void> {
    try {
      const s = await services;
      if (this.disposed) return;
      this.services = s;
      this.offLedger = s.ledger.onChange(() => this.schedule());
      this.disposables.push(this.settings.onDidChange(() => this.schedule()));
      this.render();
    } catch (e) {
      this.log.error('Usage report: the ledger is not available', e);
      if (!this.disposed) this.setHtml(this.message('Usage is not available', 'The usage ledger could not be opened. See Output › Tiered for details.'));
    }
  }

  private schedule(): void {
    if (!this.panel.visible) { this.dirty = true; return; }
    this.timer ??= setTimeout(() => { this.timer = undefined; this.render(); }, REFRESH_MS);
  }

  private render(): void {
    if (this.disposed || !this.services) return;
    this.dirty = false;
    const { ledger, reasoning } = this.services;
    let savingsModel: string | undefined;
    try { savingsModel = reasoning().defaultModel(); } catch { savingsModel = undefined; }
    const report = buildUsageReport({
      now: Date.now(), days: ledger.dailySeries(), today: ledger.day(), month: ledger.month(), session: ledger.session(), savingsModel,
      features: ledger.featureSeries(),
      budget: { dailyUsd: this.settings.value['budget.dailyUsd'], monthlyUsd: this.settings.value['budget.monthlyUsd'] },
    });
    this.setHtml(usagePage(report, this.assets(), this.services.routingLine()));
  }

  private assets() {
    const w = this.panel.webview;
    return { cspSource: w.cspSource, styleUri: w.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'usage.css')).toString() };
  }

  private message(title: string, text: string): string {
    const a = this.assets();
    return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${esc(a.cspSource)}">
<link rel="stylesheet" href="${esc(a.styleUri)}"><title>Tiered Usage</title></head>
<body><main class="report"><section class="empty"><h2>${esc(title)}</h2><p>${esc(text)}</p></section></main></body></html>`;
  }

  private setHtml(html: string): void {
    if (html === this.lastHtml) return;
    this.lastHtml = html;
    this.panel.webview.html = html;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.offLedger?.();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
