// The DefinitionResolver of src/core/debug/definitions.ts over VS Code's definition providers
// (the language servers): declaration ranges from LocationLink.targetRange, texts from the open
// documents (unsaved edits included), workspace files only.
import * as vscode from 'vscode';
import type { DefinitionResolver, DefinitionSite } from '../../core/debug';
import { relativePath } from './workspaceIndex';

type Loc = vscode.Location | vscode.LocationLink;

export function vscodeDefinitionResolver(folder: vscode.WorkspaceFolder, timeLimitMs = 3000): DefinitionResolver {
  const uri = (path: string) => vscode.Uri.joinPath(folder.uri, path);
  return {
    async readText(path) {
      try {
        return (await vscode.workspace.openTextDocument(uri(path))).getText();
      } catch {
        return undefined;
      }
    },
    async definitions(path, line, column) {
      const ask = vscode.commands.executeCommand<Loc[]>('vscode.executeDefinitionProvider', uri(path), new vscode.Position(line - 1, column - 1)).then((r) => r ?? [], () => []);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<Loc[]>((resolve) => { timer = setTimeout(() => resolve([]), timeLimitMs); });
      const locs = await Promise.race([ask, late]);
      clearTimeout(timer);
      const out: DefinitionSite[] = [];
      for (const l of locs) {
        const target = 'targetUri' in l ? l.targetUri : l.uri;
        const rel = relativePath(folder, target);
        if (!rel) continue;
        const whole = 'targetUri' in l ? l.targetRange : l.range;
        const at = 'targetUri' in l ? (l.targetSelectionRange ?? l.targetRange) : l.range;
        out.push({ path: rel, line: at.start.line + 1, range: { start: whole.start.line + 1, end: whole.end.line + 1 } });
      }
      return out;
    },
  };
}
