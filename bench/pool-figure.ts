/**
 * The pool line of `npm run bench` (docs/performance.md: real handler code at
 * least 70% of the throughput piscina itself reaches on the same no-op
 * handler). slsim's pool and raw piscina run alternately, three times each,
 * each in a child process of its own (bench/pool.ts); the best of each counts,
 * so that a busy moment of the machine does not decide the ratio.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./pool.js', import.meta.url));
const CALLS = 20_000;
const ROUNDS = 3;

interface PoolResult {
  invocations: number;
  perSecond: number;
  rssMb: number;
}

function measure(mode: 'slsim' | 'raw'): PoolResult {
  const out = execFileSync(process.execPath, [script, mode, String(CALLS)], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!) as PoolResult;
}

/** Prints the pool line; true when the target is met. */
export function poolFigure(): boolean {
  let slsim = 0;
  let raw = 0;
  for (let i = 0; i < ROUNDS; i++) {
    raw = Math.max(raw, measure('raw').perSecond);
    slsim = Math.max(slsim, measure('slsim').perSecond);
  }
  const ratio = slsim / raw;
  const meets = ratio >= 0.7;
  console.log(
    `bench pool: ${CALLS} calls of a no-op handler at ${slsim}/s through slsim's worker pool, raw piscina ${raw}/s on the same handler ` +
      `= ${(ratio * 100).toFixed(0)}% (best of ${ROUNDS}; target ≥ 70% ${meets ? 'met' : 'MISSED'})`,
  );
  return meets;
}
