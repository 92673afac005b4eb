// The document symbols of a file as plain offsets, for placing a chat code block (core/chat/applyPlan).
// Asks the language's symbol provider (TypeScript's, Python's, …); none, or none in time, is an
// empty list and the placement falls back to the lines the block shares with the file.
import * as vscode from 'vscode';
import type { SymbolSpan } from '../../core/chat/applyPlan';

type Provided = (vscode.DocumentSymbol | vscode.SymbolInformation)[] | undefined;

function toSpan(doc: vscode.TextDocument, s: vscode.DocumentSymbol | vscode.SymbolInformation): SymbolSpan {
  const range = 'range' in s ? s.range : s.location.range;
  const children = 'children' in s && s.children.length ? s.children.map((c) => toSpan(doc, c)) : undefined;
  return { name: s.name, start: doc.offsetAt(range.start), end: doc.offsetAt(range.end), ...(children ? { children } : {}) };
}

export async function documentSymbols(doc: vscode.TextDocument, timeoutMs = 4000): Promise<SymbolSpan[]> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const provided = await Promise.race([
      vscode.commands.executeCommand<Provided>('vscode.executeDocumentSymbolProvider', doc.uri),
      new Promise<undefined>((resolve) => { timer = setTimeout(() => resolve(undefined), timeoutMs); }),
    ]);
    return (provided ?? []).map((s) => toSpan(doc, s));
  } catch {
    return [];
  } finally {
    clearTimeout(timer);
  }
}
