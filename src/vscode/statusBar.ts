import * as vscode from 'vscode';
import { renderStatus, type StatusInput } from '../core/status';

/** The one Tiered status bar item: renders core/status, click chooses the tier. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tiered.status', vscode.StatusBarAlignment.Right, 100);
  private state: StatusInput;

  constructor(initial: StatusInput) {
    this.state = initial;
    this.item.name = 'Tiered';
    this.item.command = 'tiered.chooseTier';
    this.render();
    this.item.show();
  }

  update(patch: Partial<StatusInput>): void {
    this.state = { ...this.state, ...patch };
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  private render(): void {
    const view = renderStatus(this.state);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.accessibilityInformation = { label: `Tiered: ${view.text.replace(/\$\([^)]*\)\s*/g, '')}`, role: 'button' };
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
