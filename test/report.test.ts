/**
 * The report: every run validates against schemas/report.schema.json, every
 * ledger balances, and the same seed gives a byte-identical report (wall time
 * aside) while another seed gives another run.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario, runScenarioAsync } from '../core/engine/run-scenario.js';
import { HandlerPool } from '../dist/handlers/pool.js';
import { validatorFor } from '../core/scenario/ajv.js';
import { loadScenario } from '../core/scenario/load.js';
import reportSchema from '../schemas/report.schema.json' with { type: 'json' };
import { registry } from './helpers.js';

const root = join(import.meta.dirname, '..');
const scenarios = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'));

function runFile(file: string, seed?: number) {
  const r = registry();
  return runScenario(loadScenario(join(root, 'scenarios', file), r, seed === undefined ? {} : { seed }), r);
}

/** Runs a scenario as `slsim run` does: functions with `handler:` run their code in the worker pool (built code). */
async function runWithCode(file: string) {
  const r = registry();
  const loaded = loadScenario(join(root, 'scenarios', file), r);
  if (!loaded.scenario.functions.some((f) => f.handler !== null)) return runScenario(loaded, r);
  const pool = new HandlerPool(loaded.scenario.functions, { workers: 2 });
  try {
    expect(await pool.prepare(loaded.scenario.functions)).toStrictEqual([]);
    return await runScenarioAsync(loaded, r, { handlers: pool });
  } finally {
    await pool.close();
  }
}

function withoutWallTime(report: ReturnType<typeof runFile>): string {
  return JSON.stringify({ ...report, engine: { ...report.engine, wallSeconds: 0 } });
}

describe('every scenario in scenarios/', () => {
  it.each(scenarios)('%s runs, validates against the report schema, balances its ledgers and meets its expectations', async (file) => {
    const report = await runWithCode(file);
    const validate = validatorFor(reportSchema);
    expect(validate(JSON.parse(JSON.stringify(report))), JSON.stringify(validate.errors)).toBe(true);
    for (const [name, source] of Object.entries(report.sources)) {
      const d = source.delivery;
      expect(d.generated, name).toBe(d.succeeded + d.failed + d.dropped + d.rejected + d.inFlight);
      expect(d.generated, `${name} produced nothing`).toBeGreaterThan(0);
    }
    for (const e of report.expectations) expect(e.pass, `${file}: ${e.expression} (actual ${e.actual})`).toBe(true);
  });
});

describe('determinism', () => {
  it('the same seed gives a byte-identical report', () => {
    expect(withoutWallTime(runFile('checkout-api.yaml'))).toBe(withoutWallTime(runFile('checkout-api.yaml')));
  });

  it('another seed gives another run', () => {
    expect(withoutWallTime(runFile('checkout-api.yaml', 1))).not.toBe(withoutWallTime(runFile('checkout-api.yaml', 2)));
  });
});
