// Stack traces and error output of common runtimes (Node/V8, browsers, TypeScript, Python,
// Java/Kotlin, Go, Rust, .NET, C-style compilers) as frames plus the error type and message.
import { matchFrameLine, OUTERMOST_FIRST } from './stackFormats';
import type { ParsedTrace, Runtime, StackFrame } from './types';

/** Longer clipboard contents are only looked at up to here. */
const MAX_SCAN_CHARS = 200_000;

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** Splits text into lines without terminal colour codes or carriage returns. */
export function traceLines(text: string): string[] {
  return text.slice(0, MAX_SCAN_CHARS).replace(ANSI, '').split(/\r?\n/);
}

// "TypeError: x", "Uncaught TypeError: x", "Error [ERR_X]: x", "Exception in thread "main" java.lang.X: x",
// "Caused by: x.Y: z", "Unhandled exception. System.X: y", "IndexError: list index out of range".
const ERROR_LINE = /^\s*(?:Uncaught(?: \(in promise\))? |Unhandled exception\. |Exception in thread "[^"]*" |Caused by: |-+> )?([A-Za-z_$][\w$.]*(?:Error|Exception|Exit|Interrupt|Fault|Failure|Panic|Throwable))(?: \[[\w]+\])?(?::\s*(.*))?\s*$/;
const TSC_ERROR = /(?:\(\d+,\d+\):|:\d+:\d+ -) (?:error|warning) (TS\d+): (.*)$/;
const GO_PANIC = /^(panic|fatal error): (.*)$/;
const RUST_PANIC_NEW = /^thread '.*' panicked at .+:\d+:\d+:\s*$/;
const RUST_PANIC_OLD = /^thread '.*' panicked at '(.*)', .+:\d+:\d+\s*$/;
const COMPILER_ERROR = /^\S+?\.\w+:\d+:\d+:? (?:fatal )?(error|warning)\b:?\s*(.*)$/;
const PY_TRACEBACK = /^Traceback \(most recent call last\):/;

interface ErrorInfo {
  errorType?: string;
  message?: string;
}

function errorInfo(lines: string[], runtime: Runtime | undefined): ErrorInfo {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    let m = TSC_ERROR.exec(line);
    if (m) return { errorType: m[1], message: m[2].trim() };
    m = GO_PANIC.exec(line);
    if (m) return { errorType: m[1], message: m[2].trim() };
    m = RUST_PANIC_OLD.exec(line);
    if (m) return { errorType: 'panic', message: m[1] };
    if (RUST_PANIC_NEW.test(line)) return { errorType: 'panic', message: lines[i + 1]?.trim() || undefined };
  }
  const found: ErrorInfo[] = [];
  for (const line of lines) {
    const m = ERROR_LINE.exec(line);
    if (m && !/^\s+at /.test(line)) found.push({ errorType: m[1], message: m[2]?.trim() || undefined });
  }
  if (found.length) {
    // Python prints the final error last; the JVM's root cause is its last "Caused by".
    const last = runtime === 'python' || runtime === 'java' ? found[found.length - 1] : found[0];
    return { errorType: last.errorType, message: last.message };
  }
  for (const line of lines) {
    const m = COMPILER_ERROR.exec(line);
    if (m) return { errorType: m[1], message: m[2].trim() || undefined };
  }
  return {};
}

/** Splits frames into exceptions (Java "Caused by", Python chained tracebacks) and orders them innermost first. */
function orderFrames(lines: string[]): { frames: StackFrame[]; runtime?: Runtime } {
  const sections: StackFrame[][] = [[]];
  let prev = '';
  const counts = new Map<Runtime, number>();
  for (const line of lines) {
    if (/^\s*(?:Caused by: |During handling of the above exception|The above exception was the direct cause)/.test(line) || PY_TRACEBACK.test(line)) {
      if (sections[sections.length - 1].length) sections.push([]);
    }
    const f = matchFrameLine(line, prev);
    prev = line;
    if (!f) continue;
    sections[sections.length - 1].push(f);
    counts.set(f.runtime, (counts.get(f.runtime) ?? 0) + 1);
  }
  const runtime = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const ordered = sections.filter((s) => s.length).map((s) => (OUTERMOST_FIRST.has(s[0].runtime) ? [...s].reverse() : s));
  // The last exception printed is the root cause (Java) or the one raised last (Python).
  ordered.reverse();
  return { frames: ordered.flat(), runtime };
}

/** Parses a stack trace or error output. Frames come innermost (failing) first. */
export function parseStackTrace(text: string): ParsedTrace {
  const lines = traceLines(text);
  const { frames, runtime } = orderFrames(lines);
  const info = errorInfo(lines, runtime);
  const out: ParsedTrace = { frames };
  if (runtime) out.runtime = runtime;
  if (info.errorType) out.errorType = info.errorType;
  if (info.message) out.message = info.message;
  return out;
}

/**
 * True when the text looks like a stack trace or compiler error output (deciding whether the
 * clipboard or the terminal selection holds one): two frames, or a frame and an error line, or a
 * Python traceback header, or a Go/Rust panic with its location.
 */
export function looksLikeStackTrace(text: string): boolean {
  if (!text || !text.trim()) return false;
  const lines = traceLines(text);
  if (lines.some((l) => PY_TRACEBACK.test(l))) return true;
  const parsed = parseStackTrace(text);
  const n = parsed.frames.length;
  if (n === 0) return false;
  if (n >= 2 && parsed.frames.filter((f) => f.runtime !== 'compiler').length >= 2) return true;
  // One location is enough with an error line ("TS2322", "panic", "TypeError: ...").
  return parsed.errorType !== undefined;
}

/** A one-line summary, e.g. "TypeError: Cannot read properties of undefined". */
export function traceSummary(trace: ParsedTrace): string {
  if (trace.errorType && trace.message) return `${trace.errorType}: ${trace.message}`;
  return trace.errorType ?? trace.message ?? (trace.frames.length ? `error at ${trace.frames[0].file}:${trace.frames[0].line}` : 'error');
}
