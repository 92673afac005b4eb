// One matcher per runtime's frame line. Each looks at a line (and the line before it, for the
// formats that print the function and the location on two lines) and returns a frame or nothing.
import type { Runtime, StackFrame } from './types';

type Frame = Omit<StackFrame, 'raw'>;
type Matcher = (line: string, prev: string) => Frame | undefined;

const int = (s: string | undefined): number | undefined => (s === undefined ? undefined : Number.parseInt(s, 10));

function frame(runtime: Runtime, file: string, line: string, column?: string, fn?: string): Frame | undefined {
  const l = int(line);
  if (!l || !file.trim()) return undefined;
  const out: Frame = { runtime, file: file.trim(), line: l };
  const c = int(column);
  if (c !== undefined) out.column = c;
  const f = fn?.trim();
  if (f) out.function = f;
  return out;
}

// Rust backtraces print "   3: app::cart::total" then "             at ./src/cart.rs:4:5".
const RUST_BT_FN = /^\s*\d+: (.+)$/;
const RUST_BT_AT = /^\s+at (.+):(\d+):(\d+)$/;
// Node/V8 and Chromium: "    at fn (file:1:2)", "    at file:1:2", "    at async fn (file:1:2)".
const V8_PAREN = /^\s*at (?:async )?(.+?) \((.+):(\d+):(\d+)\)\s*$/;
const V8_BARE = /^\s*at (?:async )?(\S.*?):(\d+):(\d+)\s*$/;
// Eval frames carry the real location inside: "at eval (eval at f (file.js:3:1), <anonymous>:1:1)".
const V8_EVAL = /^\s*at .*?\(eval at .*? \((.+):(\d+):(\d+)\)/;
// Firefox/Safari: "fn@http://host/file.js:10:5", "@file:///x.js:1:1".
const GECKO = /^\s*([^@\s]*)@(\S*[/.]\S*?):(\d+):(\d+)\s*$/;
// TypeScript: "src/a.ts(5,3): error TS2322: ..." and "src/a.ts:5:3 - error TS2322: ...".
const TSC_PAREN = /^(.+?)\((\d+),(\d+)\): (?:error|warning) TS\d+: /;
const TSC_PRETTY = /^(.+?):(\d+):(\d+) - (?:error|warning) TS\d+: /;
// Python: '  File "/app/cart.py", line 4, in total'; pytest: "src/cart.py:4: in total".
const PYTHON = /^\s*File "(.+)", line (\d+)(?:, in (.+))?\s*$/;
const PYTEST = /^(\S+\.py):(\d+):(?: in (\S+)| \w+)?\s*$/;
// Java/Kotlin/Scala: "\tat com.example.Cart.total(Cart.java:12)".
const JVM = /^\s*at ([\w$.<>/-]+)\(([^():]+\.(?:java|kt|kts|scala|groovy|clj)):(\d+)\)\s*$/;
// .NET: "   at App.Cart.Total() in /app/Cart.cs:line 12".
const DOTNET = /^\s*at (.+?) in (.+):line (\d+)\s*$/;
// Go: "main.total(...)" then "\t/app/cart.go:12 +0x1d"; go test: "    cart_test.go:12: message".
const GO_FILE = /^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?\s*$/;
const GO_FN = /^([\w./*()~-]+(?:\.[\w*()~-]+)+)\(.*\)$/;
const GO_TEST = /^\s+(\S+_test\.go):(\d+): /;
// Rust panics: "thread 'main' panicked at src/main.rs:5:13:" and the older
// "thread 'main' panicked at 'msg', src/main.rs:5:13"; compiler "  --> src/main.rs:5:13".
const RUST_PANIC = /^thread '.*' panicked at (?:'.*', )?(.+?):(\d+):(\d+):?\s*$/;
const RUST_ARROW = /^\s*--> (.+):(\d+):(\d+)\s*$/;
// gcc/clang/eslint(unix)/swift...: "src/a.c:10:5: error: ...".
const COMPILER = /^(\S+?\.\w+):(\d+):(\d+):? (?:fatal )?(?:error|warning)\b/;

const MATCHERS: Matcher[] = [
  (line, prev) => {
    const m = RUST_BT_AT.exec(line);
    const fn = RUST_BT_FN.exec(prev);
    return m && fn ? frame('rust', m[1], m[2], m[3], fn[1]) : undefined;
  },
  (line) => {
    const m = V8_EVAL.exec(line);
    return m ? frame('node', m[1], m[2], m[3], 'eval') : undefined;
  },
  (line) => {
    const m = V8_PAREN.exec(line);
    if (!m || /\.(?:java|kt|scala)$/.test(m[2])) return undefined;
    return frame('node', m[2], m[3], m[4], m[1].replace(/^new /, 'new '));
  },
  (line) => {
    const m = V8_BARE.exec(line);
    return m && !DOTNET.test(line) ? frame('node', m[1], m[2], m[3]) : undefined;
  },
  (line) => {
    const m = TSC_PAREN.exec(line) ?? TSC_PRETTY.exec(line);
    return m ? frame('typescript', m[1], m[2], m[3]) : undefined;
  },
  (line) => {
    const m = PYTHON.exec(line);
    return m ? frame('python', m[1], m[2], undefined, m[3]) : undefined;
  },
  (line) => {
    const m = PYTEST.exec(line);
    return m ? frame('python', m[1], m[2], undefined, m[3]) : undefined;
  },
  (line) => {
    const m = JVM.exec(line);
    return m ? frame('java', m[2], m[3], undefined, m[1]) : undefined;
  },
  (line) => {
    const m = DOTNET.exec(line);
    return m ? frame('dotnet', m[2], m[3], undefined, m[1]) : undefined;
  },
  (line, prev) => {
    const m = GO_FILE.exec(line);
    if (!m) return undefined;
    const fn = GO_FN.exec(prev.trim());
    return frame('go', m[1], m[2], undefined, fn?.[1]);
  },
  (line) => {
    const m = GO_TEST.exec(line);
    return m ? frame('go', m[1], m[2]) : undefined;
  },
  (line) => {
    const m = RUST_PANIC.exec(line) ?? RUST_ARROW.exec(line);
    return m ? frame('rust', m[1], m[2], m[3]) : undefined;
  },
  (line) => {
    const m = GECKO.exec(line);
    if (!m || !/^(?:[a-z-]+:\/\/|\/|\.{0,2}\/|[A-Za-z]:[\\/])|[/\\]/.test(m[2])) return undefined;
    return frame('browser-firefox', m[2], m[3], m[4], m[1].replace(/[/<]+$/, '') || undefined);
  },
  (line) => {
    const m = COMPILER.exec(line);
    return m ? frame('compiler', m[1], m[2], m[3]) : undefined;
  },
];

/** The frame a trace line names, if any. `prev` is the line before (for two-line formats). */
export function matchFrameLine(line: string, prev = ''): StackFrame | undefined {
  for (const match of MATCHERS) {
    const f = match(line, prev);
    if (f) return { ...f, raw: line.trim() };
  }
  return undefined;
}

/** Frames are printed outermost first by these runtimes (Python, and Go's goroutine dumps are not). */
export const OUTERMOST_FIRST: ReadonlySet<Runtime> = new Set<Runtime>(['python']);
