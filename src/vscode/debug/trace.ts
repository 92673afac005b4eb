// Where the error output comes from: the caller's text, the clipboard when it holds a stack trace,
// else an input box that accepts a pasted trace or a description of the problem (optional).
import * as vscode from 'vscode';
import { looksLikeStackTrace } from '../../core/debug';

export interface TraceChoice {
  traceText?: string;
  /** A description the user typed instead of a trace. */
  problem?: string;
  /** Where the trace came from, for the summary. */
  source: 'given' | 'clipboard' | 'input' | 'none';
}

/** undefined when the user pressed Escape in the input box (cancel the run). */
export async function chooseTrace(given: string | undefined, ask: boolean): Promise<TraceChoice | undefined> {
  if (given !== undefined) return given.trim() ? { traceText: given, source: 'given' } : { source: 'none' };
  const clip = await readClipboard();
  if (clip && clip.length < 200_000 && looksLikeStackTrace(clip)) return { traceText: clip, source: 'clipboard' };
  if (!ask) return { source: 'none' };
  const typed = await vscode.window.showInputBox({
    title: 'Tiered: Deep Debug',
    prompt: 'Paste the stack trace or error output, or describe what goes wrong (optional: press Enter to debug the code at the cursor).',
    placeHolder: 'TypeError: Cannot read properties of undefined …',
    ignoreFocusOut: true,
  });
  if (typed === undefined) return undefined;
  if (!typed.trim()) return { source: 'none' };
  const text = unflattenTrace(typed);
  return looksLikeStackTrace(text) ? { traceText: text, source: 'input' } : { problem: typed.trim(), source: 'input' };
}

/**
 * A multi-line trace pasted into the (single-line) input box arrives with its line breaks removed;
 * the frame lines' indentation is still there ("…'price')    at lineTotal (…)"). Puts the breaks back.
 */
export function unflattenTrace(text: string): string {
  if (text.includes('\n')) return text;
  return text.replace(/[ \t]{2,}(?=at \S|File "|Caused by:)/g, (m) => `\n${m}`);
}

/**
 * The clipboard, or '' when it cannot be read within `ms`: in a browser (code-server, vscode.dev)
 * reading needs a permission, and without it the read waits on a "Retry" notification.
 */
function readClipboard(ms = 1500): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => { timer = setTimeout(() => resolve(''), ms); });
  const read = Promise.resolve(vscode.env.clipboard.readText()).then((t) => t, () => '');
  return Promise.race([read, timeout]).finally(() => clearTimeout(timer));
}
