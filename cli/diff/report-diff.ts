/**
 * Two run reports compared value by value (`slsim diff A.json B.json`).
 *
 * Every leaf of `functions`, `sources` and `cost`, and the simulated
 * seconds, is compared; cost lines are matched by service and item (not
 * by position), expectations by their expression. Left out: the time series
 * (`series`), the engine's own figures (`engine`: event count, wall time),
 * `cost.functions` (the same figures as each function's `cost`) and the
 * cost notes (sentences). A value only one report has is a change too.
 */

export interface Change {
  /** Section: `functions.checkout`, `sources.orders`, `cost`, `simulated`, `expectations`. */
  group: string;
  /** What changed, within the section: `Duration.p99`, `AWS Lambda · requests · usd`. */
  name: string;
  a: number | boolean | string | undefined;
  b: number | boolean | string | undefined;
  /** b - a, when both are numbers. */
  delta?: number;
  /** (b - a) / |a|, when both are numbers and a is not 0. */
  relative?: number;
}

export interface ReportDiff {
  changes: Change[];
  /** Values compared that did not change. */
  unchanged: number;
  /** Header facts that differ (scenario name, seed). */
  header: { name: string; a: unknown; b: unknown }[];
}

type Leaf = number | boolean | string;

export function diffReports(a: unknown, b: unknown): ReportDiff {
  const left = leavesOf(a);
  const right = leavesOf(b);
  const keys = [...left.keys()];
  for (const key of right.keys()) if (!left.has(key)) keys.push(key);
  const changes: Change[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const [group, name] = splitKey(key);
    const x = left.get(key);
    const y = right.get(key);
    if (x === y || (typeof x === 'number' && typeof y === 'number' && Number.isNaN(x) && Number.isNaN(y))) {
      unchanged++;
      continue;
    }
    const change: Change = { group, name, a: x, b: y };
    if (typeof x === 'number' && typeof y === 'number') {
      change.delta = y - x;
      if (x !== 0) change.relative = (y - x) / Math.abs(x);
    }
    changes.push(change);
  }
  const header: ReportDiff['header'] = [];
  for (const field of ['scenario', 'seed'] as const) {
    const x = (a as Record<string, unknown>)?.[field];
    const y = (b as Record<string, unknown>)?.[field];
    if (x !== y) header.push({ name: field, a: x, b: y });
  }
  return { changes, unchanged, header };
}

/** Keys are `group\u0000name`, in the order of the report. */
function leavesOf(report: unknown): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const r = (report ?? {}) as Record<string, any>;
  for (const [name, fn] of Object.entries((r.functions ?? {}) as Record<string, unknown>)) walk(fn, `functions.${name}`, '', out);
  for (const [name, source] of Object.entries((r.sources ?? {}) as Record<string, unknown>)) walk(source, `sources.${name}`, '', out);
  const cost = (r.cost ?? {}) as Record<string, any>;
  for (const line of (cost.lines ?? []) as { service: string; item: string; unit: string; quantity: number; usd: number }[]) {
    const label = `${line.service} · ${line.item}`;
    add(out, 'cost', `${label} (${line.unit})`, line.quantity);
    add(out, 'cost', `${label} (usd)`, line.usd);
  }
  for (const [key, value] of Object.entries(cost)) {
    if (key === 'lines' || key === 'functions' || key === 'notes') continue;
    walk(value, 'cost', key, out);
  }
  const simulated = (r.simulated ?? {}) as Record<string, unknown>;
  for (const key of ['seconds', 'cutByDrain']) if (key in simulated) walk(simulated[key], 'simulated', key, out);
  for (const e of (r.expectations ?? []) as { expression: string; actual: number; pass: boolean }[]) {
    add(out, 'expectations', `${e.expression} · pass`, e.pass);
    add(out, 'expectations', `${e.expression} · actual`, e.actual);
  }
  return out;
}

function walk(value: unknown, group: string, path: string, out: Map<string, Leaf>): void {
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') {
    add(out, group, path, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, group, path === '' ? String(i) : `${path}.${i}`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) walk(v, group, path === '' ? key : `${path}.${key}`, out);
  }
}

function add(out: Map<string, Leaf>, group: string, name: string, value: Leaf): void {
  out.set(`${group}\u0000${name}`, value);
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('\u0000');
  return [key.slice(0, i), key.slice(i + 1)];
}
