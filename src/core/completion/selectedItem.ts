// The editor's suggest widget is open on an item (VS Code's `selectedCompletionInfo`): an inline
// completion is then shown only when it extends that item's text over the item's range (VS Code
// asks again whenever the selection changes). So the request is made for the document as it
// would be with the item inserted, and the ghost text is the item's text followed by what the
// model wrote after it — rather than answering nothing while the widget is open.
import type { CompletionRequest } from './types';

export interface SelectedItem {
  /** The item's text, replacing its range. */
  text: string;
  /** Characters of its range before the cursor (the word typed so far), and after it. */
  replacedBefore: number;
  replacedAfter: number;
}

function newlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The request for the document with the selected item inserted over its range, the cursor after it. */
export function requestWithItem(req: CompletionRequest, item: SelectedItem): CompletionRequest {
  const before = Math.min(Math.max(0, item.replacedBefore), req.prefix.length);
  const kept = req.prefix.slice(0, req.prefix.length - before);
  const removed = req.prefix.slice(req.prefix.length - before);
  const cursorLine = req.cursorLine === undefined ? undefined : req.cursorLine - newlines(removed) + newlines(item.text);
  return {
    ...req,
    prefix: kept + item.text,
    suffix: req.suffix.slice(Math.min(Math.max(0, item.replacedAfter), req.suffix.length)),
    ...(cursorLine === undefined ? {} : { cursorLine }),
  };
}

/** The inline completion's text over the item's range: the item, then the suggestion after it. */
export function extendItem(item: SelectedItem, suggestion: string): string {
  return item.text + suggestion;
}
