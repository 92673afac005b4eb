import * as vscode from 'vscode';
import { normalizeSettings, type SettingKey, type TieredSettings } from '../core/config';
import type { Logger } from '../core/log';

/** Reads `tiered.*` into plain TieredSettings and tells listeners when they change. */
export class SettingsAdapter implements vscode.Disposable {
  private current: TieredSettings;
  private readonly emitter = new vscode.EventEmitter<TieredSettings>();
  private readonly sub: vscode.Disposable;
  readonly onDidChange = this.emitter.event;

  constructor(private readonly log: Logger) {
    this.current = this.read();
    this.sub = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('tiered')) return;
      this.current = this.read();
      this.emitter.fire(this.current);
    });
  }

  get value(): TieredSettings {
    return this.current;
  }

  async update<K extends SettingKey>(key: K, value: TieredSettings[K]): Promise<void> {
    await vscode.workspace.getConfiguration('tiered').update(key, value, vscode.ConfigurationTarget.Global);
  }

  private read(): TieredSettings {
    const cfg = vscode.workspace.getConfiguration('tiered');
    const { settings, problems } = normalizeSettings((key) => cfg.get(key));
    for (const p of problems) this.log.warn(p.message);
    return settings;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
