/**
 * The panel's filter path on a 10 000-request session: build the lower-cased index once, then
 * one filter per keystroke. Prints the figures; exits 1 when a keystroke exceeds the 50 ms budget.
 *
 *   npx tsx scripts/bench-panel.ts [requests]
 */
import { bigSession, KEYSTROKES } from '../utils/ui/bench-data';
import { buildFilterIndex, buildNetworkRows, filterIndex, networkRowText } from '../utils/ui/view-model';

const n = Number(process.argv[2] ?? 10_000);
const BUDGET_MS = 50;
const session = bigSession(n);

let t = performance.now();
const rows = buildNetworkRows(session, undefined);
const index = buildFilterIndex(rows.map(networkRowText));
const buildMs = performance.now() - t;

const times: number[] = [];
for (let round = 0; round < 5; round++)
  for (const q of KEYSTROKES) {
    t = performance.now();
    const visible = filterIndex(index, q);
    times.push(performance.now() - t);
    if (visible.length > rows.length) throw new Error('impossible');
  }
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
console.log(`panel filter bench: ${n} requests`);
console.log(`  index build (once per capture): ${buildMs.toFixed(1)} ms`);
console.log(`  filter per keystroke: median ${pct(50).toFixed(2)} ms, p95 ${pct(95).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms (budget ${BUDGET_MS} ms)`);
if (times.at(-1)! > BUDGET_MS) {
  console.error('over budget');
  process.exit(1);
}
