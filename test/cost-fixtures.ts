/**
 * Builders for the cost model's inputs, used by the pricing tests: a
 * function's usage, a run's usage (30 days, no free tier unless told), and
 * finding a line of a bill by its item.
 */
import type { CostLine, CostReport, FunctionUsage, RunUsage } from '../core/cost/usage.js';

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function fn(name: string, over: Partial<FunctionUsage>): FunctionUsage {
  return {
    name,
    architecture: 'x86_64',
    memoryMb: 1024,
    ephemeralStorageMb: 512,
    provisionedConcurrency: 0,
    requests: 0,
    billedMsOnDemand: 0,
    billedMsProvisioned: 0,
    ...over,
  };
}

export function usage(over: Partial<RunUsage>): RunUsage {
  return { region: 'us-east-1', spanMs: 30 * DAY, provisionedSpanMs: 30 * DAY, freeTier: false, functions: [], services: [], ...over };
}

export function line(report: CostReport, item: string): CostLine {
  const found = report.lines.find((l) => l.item === item);
  if (!found) throw new Error(`no line "${item}" in ${report.lines.map((l) => l.item).join(', ')}`);
  return found;
}
