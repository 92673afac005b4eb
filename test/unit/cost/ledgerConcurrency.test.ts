// Two windows share one ledger file: real processes append while this one loads (and repairs)
// the damaged file over and over. Not one appended record may be lost.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Ledger } from '../../../src/core/cost/ledger';
import { monthKey } from '../../../src/core/cost/ledgerRecord';
import { PriceBook } from '../../../src/core/cost/prices';
import { MemoryLogger } from '../../../src/core/log';

const WRITER = path.join(__dirname, '..', '..', 'support', 'ledgerWriter.js');

function runWriter(dir: string, session: string, count: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dir, session, String(count)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer ${session} exited ${code}: ${err}`))));
  });
}

describe('ledger: windows appending while another repairs', function () {
  this.timeout(60_000);
  let dir: string;
  beforeEach(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tiered-ledger-mp-')); });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loses no concurrent append: every record of both writer processes is in the file', async () => {
    const file = path.join(dir, `ledger-${monthKey(Date.now())}.jsonl`);
    fs.writeFileSync(file, 'garbage from a crash\n{"v":1,"kind":"req');
    const COUNT = 150;
    const writers = Promise.all([runWriter(dir, 'window-a', COUNT), runWriter(dir, 'window-b', COUNT)]);
    let finished = false;
    void writers.then(() => { finished = true; }, () => { finished = true; });
    // This window opens the ledger again and again while they write; each time the file is
    // damaged again first, so every load finds something to repair.
    let loads = 0;
    while (!finished) {
      fs.appendFileSync(file, 'damaged line\n');
      const ledger = await Ledger.open({ dir, logger: new MemoryLogger(), prices: () => new PriceBook(), savingsModel: () => undefined, sessionId: `repairer-${loads}` });
      await ledger.dispose();
      loads++;
    }
    assert.deepEqual(await writers, [`recorded ${COUNT}\n`, `recorded ${COUNT}\n`]);
    assert.ok(loads >= 3, `only ${loads} loads ran while the writers wrote`);
    const bySession = new Map<string, number>();
    for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
      try { const o = JSON.parse(raw) as { session?: string }; if (o.session) bySession.set(o.session, (bySession.get(o.session) ?? 0) + 1); } catch { /* damaged lines */ }
    }
    assert.equal(bySession.get('window-a'), COUNT, `window A: ${bySession.get('window-a')} of ${COUNT} records survived ${loads} repairs`);
    assert.equal(bySession.get('window-b'), COUNT, `window B: ${bySession.get('window-b')} of ${COUNT} records survived ${loads} repairs`);
    // And a fresh window counts them all.
    const last = await Ledger.open({ dir, logger: new MemoryLogger(), prices: () => new PriceBook(), savingsModel: () => undefined });
    assert.equal(last.month().requests, 2 * COUNT);
    await last.dispose();
  });
});
