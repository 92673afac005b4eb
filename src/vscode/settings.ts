import * as vscode from 'vscode';
import { normalizeSettings, type SettingKey, type TieredSettings } from '../core/config';
import type { Logger } from '../core/log';
import { scopedValue } from '../core/settingsScope';

/**
 * Reads `tiered.*` into plain TieredSettings and tells listeners when they change. Each value comes
 * from the layers core/settingsScope.ts allows (user / machine only for everything that decides
 * where keys, code or money go), read with inspect(), not from the merged value.
 */
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

  private readonly warned = new Set<string>();

  private read(): TieredSettings {
    const cfg = vscode.workspace.getConfiguration('tiered');
    const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.workspace.getConfiguration('tiered', f.uri));
    const { settings, problems } = normalizeSettings((key: SettingKey) => {
      const i = cfg.inspect(key);
      const { value, ignored } = scopedValue(key, {
        defaultValue: i?.defaultValue, globalValue: i?.globalValue, workspaceValue: i?.workspaceValue,
        workspaceFolderValues: folders.map((f) => f.inspect(key)?.workspaceFolderValue),
      });
      if (ignored && !this.warned.has(ignored)) { this.warned.add(ignored); this.log.warn(ignored); }
      return value;
    });
    for (const p of problems) this.log.warn(p.message);
    return settings;
  }

  dispose(): void {
    this.sub.dispose();
    this.emitter.dispose();
  }
}
