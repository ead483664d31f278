/**
 * `expect:` lines: one field of the report compared with a number, e.g.
 * `functions.resize.Duration.p99 < 1000`. Parsed at load; each path is
 * checked against the shape of the report before the run (a path that names
 * no field is an input error, never a silent pass); evaluated after the run.
 */
import { InputError } from '../errors.js';

export type Operator = '<' | '<=' | '>' | '>=' | '==' | '!=';

export interface Expectation {
  expression: string;
  path: string[];
  operator: Operator;
  value: number;
  /** Index in the scenario's expect list (for error locations). */
  index: number;
}

export interface ExpectationResult {
  expression: string;
  actual: number;
  pass: boolean;
}

const LINE = /^\s*([A-Za-z0-9_.\-]+)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i;

export function parseExpectation(expression: string, index: number): Expectation {
  const match = LINE.exec(expression);
  if (!match) {
    throw new InputError(
      'SLSIM_ERR_EXPECT',
      `"${expression}" is not an expectation: write PATH OP NUMBER, e.g. functions.api.Throttles == 0 (operators < <= > >= == !=)`,
      { path: `/expect/${index}` },
    );
  }
  return { expression: expression.trim(), path: match[1]!.split('.'), operator: match[2] as Operator, value: Number(match[3]), index };
}

/** The number at `path` in a report, or a description of why there is none. */
export function lookup(report: unknown, path: readonly string[]): { value: number } | { missing: string } {
  let node: unknown = report;
  for (let i = 0; i < path.length; i++) {
    if (node === null || typeof node !== 'object' || !(path[i]! in (node as object))) {
      const here = path.slice(0, i).join('.') || 'the report';
      const keys = node && typeof node === 'object' ? Object.keys(node as object) : [];
      const numericKeys = keys.filter((k) => typeof (node as Record<string, unknown>)[k] !== 'string');
      return { missing: `${here} has no field "${path[i]}"${numericKeys.length ? ` (fields: ${numericKeys.slice(0, 12).join(', ')})` : ''}` };
    }
    node = (node as Record<string, unknown>)[path[i]!];
  }
  if (typeof node !== 'number') {
    const fields = node && typeof node === 'object' ? `; choose one of its fields: ${Object.keys(node).join(', ')}` : '';
    return { missing: `${path.join('.')} is not a number${fields}` };
  }
  return { value: node };
}

/** Checks every path against a report of the right shape; throws an InputError for the first bad one. */
export function checkExpectationPaths(expectations: readonly Expectation[], skeleton: unknown): void {
  for (const e of expectations) {
    const found = lookup(skeleton, e.path);
    if ('missing' in found) {
      throw new InputError('SLSIM_ERR_EXPECT', `"${e.expression}": ${found.missing}`, { path: `/expect/${e.index}` });
    }
  }
}

export function evaluateExpectations(expectations: readonly Expectation[], report: unknown): ExpectationResult[] {
  return expectations.map((e) => {
    const found = lookup(report, e.path);
    const actual = 'value' in found ? found.value : NaN;
    return { expression: e.expression, actual, pass: compare(actual, e.operator, e.value) };
  });
}

function compare(actual: number, operator: Operator, expected: number): boolean {
  switch (operator) {
    case '<':
      return actual < expected;
    case '<=':
      return actual <= expected;
    case '>':
      return actual > expected;
    case '>=':
      return actual >= expected;
    case '==':
      return actual === expected;
    case '!=':
      return actual !== expected;
  }
}
