/**
 * The report: every run validates against schemas/report.schema.json, every
 * ledger balances, and the same seed gives a byte-identical report (wall time
 * aside) while another seed gives another run.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../core/engine/run-scenario.js';
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

function withoutWallTime(report: ReturnType<typeof runFile>): string {
  return JSON.stringify({ ...report, engine: { ...report.engine, wallSeconds: 0 } });
}

describe('every scenario in scenarios/', () => {
  it.each(scenarios)('%s runs, validates against the report schema, balances its ledgers and meets its expectations', (file) => {
    const report = runFile(file);
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
