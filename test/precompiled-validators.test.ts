/**
 * The validators `npm run build` precompiles (tools/build-validators.mjs,
 * dist/schemas/validators/, one file per schema) are ajv's own: for the shipped scenarios,
 * price table and every built-in adapter's sources, and for random damage to
 * them, the precompiled validator and a validator compiled by ajv at run time
 * agree on validity, on every error (keyword, path, params, message, schema)
 * and on the defaults they fill. So `slsim run`, which uses the precompiled
 * ones, reports bad input exactly as ajv would (core/scenario/ajv.ts).
 */
import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValidateFunction } from 'ajv';
import { builtInAdapters } from '../adapters/index.js';
import { createAjv } from '../core/scenario/ajv.js';
// The built code finds the build's validators (dist/schemas/validators/); the sources have none beside them.
import { precompiledFor } from '../dist/core/scenario/ajv.js';
import { parseSourceText } from '../core/scenario/source-file.js';
import defs from '../schemas/defs.json' with { type: 'json' };
import scenarioSchema from '../schemas/scenario.schema.json' with { type: 'json' };
import pricingSchema from '../schemas/pricing.schema.json' with { type: 'json' };
import usEast1 from '../core/cost/pricing/us-east-1.json' with { type: 'json' };
import { root } from './command.js';

const file = join(root, 'dist', 'schemas', 'validators', 'index.cjs');
const built = createRequire(import.meta.url)(file) as { defs: string; files: Record<string, string> };
const ajv = createAjv();

/** The precompiled and the run-time validator of `schema`. */
function pair(schema: object): [ValidateFunction, ValidateFunction] {
  const precompiled = precompiledFor(schema);
  expect(precompiled, 'schema is not precompiled').toBeDefined();
  return [precompiled!, ajv.compile(schema)];
}

/** How many inputs both validators refused (so the properties are not about valid input only). */
let refused = 0;

/** Both validators on copies of `data`: the same verdict, the same errors, the same defaults filled. */
function agree(schema: object, data: unknown): boolean {
  const [precompiled, compiled] = pair(schema);
  const a = structuredClone(data);
  const b = structuredClone(data);
  const verdict = precompiled(a);
  expect(compiled(b)).toBe(verdict);
  expect(precompiled.errors ?? null).toStrictEqual(compiled.errors ?? null);
  expect(a).toStrictEqual(b);
  if (!verdict) refused++;
  return true;
}

const scenarios = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => parseSourceText(f, readFileSync(join(root, 'scenarios', f), 'utf8')).data as Record<string, any>);
const sources = scenarios.flatMap((s) => Object.values(s.sources as Record<string, { type: string }>));
const adapterSchema = (type: string) => builtInAdapters.find((a) => a.meta.type === type)?.meta.schema;

/** `data` with the value at a random path replaced, deleted, or given a new key. */
function damaged(data: unknown, pick: number, op: string, key: string, value: unknown): unknown {
  const copy = structuredClone(data) as any;
  const paths: unknown[][] = [];
  const walk = (node: any, path: unknown[]) => {
    paths.push(path);
    if (node !== null && typeof node === 'object') for (const k of Object.keys(node)) walk(node[k], [...path, k]);
  };
  walk(copy, []);
  const path = paths[pick % paths.length]!;
  if (path.length === 0) return op === 'replace' ? value : copy;
  const parent: any = path.slice(0, -1).reduce((node: any, k) => node[k as string], copy);
  const last = path[path.length - 1] as string;
  if (op === 'replace') parent[last] = value;
  else if (op === 'delete') delete parent[last];
  else if (typeof parent[last] === 'object' && parent[last] !== null) parent[last][key] = value;
  return copy;
}

const values = fc.oneof(
  fc.constantFrom<unknown>(-1, 0, 0.5, 7, 1e12, '', '1s', '-5m', '10GB', 'rate(1 minute)', 'sync', 'fifo', null, true, [], {}, ['f'], { dist: 'uniform', min: 5, max: 1 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const damage = fc.record({ pick: fc.nat(), op: fc.constantFrom('replace', 'delete', 'add'), key: fc.constantFrom('x', 'type', 'memory', 'targets', 'batchSize'), value: values });

describe('precompiled validators', () => {
  it('are built, from the current schemas, for the scenario, the price tables and every built-in adapter', () => {
    expect(existsSync(file)).toBe(true);
    expect(built.defs).toBe(JSON.stringify(defs));
    const schemas = [scenarioSchema, pricingSchema, ...builtInAdapters.map((a) => a.meta.schema)];
    expect(Object.values(built.files).flat()).toHaveLength(schemas.length);
    for (const schema of schemas) expect(precompiledFor(schema), JSON.stringify(schema).slice(0, 60)).toBeDefined();
  });

  it('are found by the length of the schema text, and used only for that very text', () => {
    // Another schema of the same length: the index offers the scenario's file, whose text refuses it.
    const other = JSON.parse(JSON.stringify(scenarioSchema).replace('"title":"', '"title":"X').replace(/"description":"./, '"description":"'));
    expect(JSON.stringify(other).length).toBe(JSON.stringify(scenarioSchema).length);
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(scenarioSchema));
    expect(precompiledFor(other)).toBeUndefined();
  });

  it('agree with ajv on the shipped scenarios, their sources and the price table', () => {
    for (const scenario of scenarios) agree(scenarioSchema, scenario);
    for (const source of sources) agree(adapterSchema(source.type)!, source);
    agree(pricingSchema, usEast1);
  });

  it('agree with ajv on damaged scenarios', () => {
    refused = 0;
    fc.assert(
      fc.property(fc.nat({ max: scenarios.length - 1 }), damage, (i, { pick, op, key, value }) => agree(scenarioSchema, damaged(scenarios[i], pick, op, key, value))),
      { seed: 21, numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  it('agree with ajv on damaged sources of every built-in type', () => {
    refused = 0;
    const samples = builtInAdapters.map((a) => sources.find((s) => s.type === a.meta.type) ?? { type: a.meta.type });
    fc.assert(
      fc.property(fc.constantFrom(...samples), damage, (source, { pick, op, key, value }) => agree(adapterSchema(source.type)!, damaged(source, pick, op, key, value))),
      { seed: 22, numRuns: 400 },
    );
    expect(refused).toBeGreaterThan(100);
  });

  it('agree with ajv on a damaged price table', () => {
    fc.assert(
      fc.property(damage, ({ pick, op, key, value }) => agree(pricingSchema, damaged(usEast1, pick, op, key, value))),
      { seed: 23, numRuns: 100 },
    );
  });
});
