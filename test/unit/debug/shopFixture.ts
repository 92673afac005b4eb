// A small TypeScript workspace with a real off-by-one bug (src/cart.ts, called from
// src/checkout.ts), compiled with the TypeScript compiler and run with Node to get a real trace.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';

export const CART_TS = `export interface Item {
  name: string;
  price: number;
  qty: number;
}

export function lineTotal(item: Item): number {
  return item.price * item.qty;
}

export function cartTotal(items: Item[]): number {
  let total = 0;
  for (let i = 0; i <= items.length; i++) {
    total += lineTotal(items[i]);
  }
  return total;
}
`;

export const CHECKOUT_TS = `import { cartTotal, type Item } from './cart';
import { paymentClient } from './config';

const items: Item[] = [
  { name: 'pen', price: 2, qty: 3 },
  { name: 'pad', price: 5, qty: 1 },
];

export function checkout(): string {
  const total = cartTotal(items);
  return paymentClient.charge(total);
}

checkout();
`;

/** A source file with a real-looking key in it: must never reach the prompt. */
export const FAKE_KEY = 'sk-ant-api03-Zq7vN2xW9bK4mR8tY1uE5oP3aS6dF0gH2jL7cV9nB4mX-QwErTy12AA';
export const CONFIG_TS = `// Payment client (the key should come from the environment; it was pasted here while testing)
export const ANTHROPIC_FALLBACK = '${FAKE_KEY}';
export const paymentClient = {
  charge(amount: number): string {
    return \`charged \${amount}\`;
  },
};
`;

export const ENV_SECRET = 'STRIPE_SECRET_KEY=rk_live_51Hx9zKJ2eZvKYlo2C8fakefakefake';
export const ENV_FILE = `${ENV_SECRET}\nDATABASE_URL=postgres://shop:hunter2hunter2@db.internal:5432/shop\n`;

export interface Shop {
  root: string;
  files: string[];
  read(rel: string): string;
  write(rel: string, text: string): void;
  /** Compiles src/*.ts to out/ (TypeScript's transpiler, with source maps). */
  build(): void;
  /** Runs the compiled checkout with Node. */
  run(withSourceMaps: boolean): { stderr: string; status: number | null };
  dispose(): void;
}

/** 1-based number of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`not found: ${needle}`);
  return i + 1;
}

export function createShop(): Shop {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-shop-')));
  const sources: Record<string, string> = { 'src/cart.ts': CART_TS, 'src/checkout.ts': CHECKOUT_TS, 'src/config.ts': CONFIG_TS, '.env': ENV_FILE };
  for (const [rel, text] of Object.entries(sources)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  const build = () => {
    fs.mkdirSync(path.join(root, 'out'), { recursive: true });
    for (const name of ['cart', 'checkout', 'config']) {
      const out = ts.transpileModule(fs.readFileSync(path.join(root, 'src', `${name}.ts`), 'utf8'), {
        fileName: path.join(root, 'src', `${name}.ts`),
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: true, sourceRoot: '' },
      });
      const map = JSON.parse(out.sourceMapText!) as { sources: string[] };
      map.sources = [`../src/${name}.ts`];
      fs.writeFileSync(path.join(root, 'out', `${name}.js`), out.outputText.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${name}.js.map`));
      fs.writeFileSync(path.join(root, 'out', `${name}.js.map`), JSON.stringify(map));
    }
  };
  build();
  const files = [...Object.keys(sources), 'out/cart.js', 'out/checkout.js', 'out/config.js', 'package.json'];
  fs.writeFileSync(path.join(root, 'package.json'), '{"name":"shop","private":true}\n');
  return {
    root,
    files,
    read: (rel) => fs.readFileSync(path.join(root, rel), 'utf8'),
    write: (rel, text) => fs.writeFileSync(path.join(root, rel), text),
    build,
    run(withSourceMaps) {
      const args = [...(withSourceMaps ? ['--enable-source-maps'] : []), path.join(root, 'out', 'checkout.js')];
      const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 20_000 });
      return { stderr: r.stderr, status: r.status };
    },
    dispose: () => fs.rmSync(root, { recursive: true, force: true }),
  };
}
