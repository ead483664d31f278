/**
 * The rules AWS applies when a filter policy (scope MessageAttributes) is set
 * on a subscription, each located at the offending value: a policy maps
 * attribute names to non-empty lists, does not nest, has at most 5 keys and
 * at most 150 combinations of values; a match expression has exactly one
 * known operator with an operand of the right form; numeric ranges are
 * `[op, n]` or a lower then an upper bound, numbers within ±10^9. Warnings:
 * a key the topic's messages never carry, a key none of the topic's values
 * can pass, a value that no attribute can equal (true, false, null).
 */
import type { ConfigProblem } from '../../core/engine/adapter-contract.js';
import type { ChoicesInput } from '../../core/choices.js';
import { attributeType } from './attributes.js';
import { ipv4, isOrOperator, keyMatches, OPERATORS, policyBranches, type FilterPolicy, type MessageAttribute } from './filter-policy.js';

const MAX_KEYS = 5;
const MAX_COMBINATIONS = 150;
const NUMERIC_LIMIT = 1e9;

/** A JSON pointer segment. */
export function pointerPart(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Problems of one subscription's policy at `path`, given the values each attribute of the topic may take. */
export function filterPolicyProblems(policy: unknown, path: string, topicAttributes: Readonly<Record<string, ChoicesInput>>): ConfigProblem[] {
  if (!isObject(policy)) return [{ path, message: 'a filter policy maps attribute names to lists of values' }];
  const problems: ConfigProblem[] = [];
  shapeProblems(policy, path, problems);
  if (problems.length > 0) return problems;

  const branches = policyBranches(policy as FilterPolicy);
  const keys = new Set(branches.flatMap((b) => Object.keys(b)));
  if (keys.size > MAX_KEYS) problems.push({ path, message: `a filter policy has at most ${MAX_KEYS} keys; this one has ${keys.size} (${[...keys].join(', ')})` });
  const combinations = branches.reduce((sum, b) => sum + Object.values(b).reduce((product, values) => product * values.length, 1), 0);
  if (combinations > MAX_COMBINATIONS) problems.push({ path, message: `a filter policy allows at most ${MAX_COMBINATIONS} combinations of values; this one has ${combinations}` });
  if (problems.length > 0) return problems;

  for (const key of keys) {
    const at = `${path}/${pointerPart(key)}`;
    const values = branches.map((b) => b[key]).find((v) => v !== undefined)!;
    const input = Object.hasOwn(topicAttributes, key) ? topicAttributes[key]! : undefined;
    if (input === undefined) {
      const note = keyMatches(values, undefined) ? 'only its { exists: false } can match' : 'no message can match it';
      problems.push({ path: at, severity: 'warning', message: `the topic sets no attribute "${key}" (messageAttributes): ${note}` });
      continue;
    }
    const taken: MessageAttribute[] = (Array.isArray(input) ? input : Object.keys(input)).map((Value) => ({ Type: attributeType(Value), Value }));
    if (!taken.some((a) => keyMatches(values, a))) {
      problems.push({ path: at, severity: 'warning', message: `none of the values the topic sets for "${key}" (${taken.map((a) => a.Value).join(', ')}) passes it` });
    }
  }
  return problems;
}

/** Keys, lists and match expressions, recursively through `$or`. */
function shapeProblems(policy: Record<string, unknown>, path: string, problems: ConfigProblem[]): void {
  for (const [key, values] of Object.entries(policy)) {
    const at = `${path}/${pointerPart(key)}`;
    if (key === '$or' && isOrOperator(values)) {
      values.forEach((alternative, i) => shapeProblems(alternative, `${at}/${i}`, problems));
    } else if (isObject(values)) {
      problems.push({ path: at, message: 'attribute filter policies do not nest (nested keys are for the MessageBody scope, which slsim does not model)' });
    } else if (!Array.isArray(values) || values.length === 0) {
      problems.push({ path: at, message: 'must be a non-empty list of values or match expressions' });
    } else {
      values.forEach((value, i) => valueProblem(value, `${at}/${i}`, problems));
    }
  }
}

function valueProblem(value: unknown, path: string, problems: ConfigProblem[]): void {
  if (typeof value === 'string') return;
  if (typeof value === 'number') {
    numberProblem(value, path, problems);
    return;
  }
  if (value === null || typeof value === 'boolean') {
    problems.push({ path, severity: 'warning', message: `${JSON.stringify(value)} matches no message attribute (their values are strings and numbers)` });
    return;
  }
  if (!isObject(value)) {
    problems.push({ path, message: 'must be a string, a number, or a match expression such as { prefix: "order-" }' });
    return;
  }
  const entries = Object.entries(value);
  if (entries.length !== 1) {
    problems.push({ path, message: `a match expression has exactly one operator; this one has ${entries.length}` });
    return;
  }
  const [operator, operand] = entries[0]!;
  operatorProblem(operator, operand, `${path}/${pointerPart(operator)}`, problems);
}

function operatorProblem(operator: string, operand: unknown, path: string, problems: ConfigProblem[]): void {
  switch (operator) {
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
      if (typeof operand !== 'string') problems.push({ path, message: `${operator} takes a string` });
      return;
    case 'exists':
      if (typeof operand !== 'boolean') problems.push({ path, message: 'exists takes true or false' });
      return;
    case 'anything-but':
      anythingButProblem(operand, path, problems);
      return;
    case 'numeric':
      numericProblem(operand, path, problems);
      return;
    case 'cidr':
      if (typeof operand !== 'string' || !/^[^/]+\/\d{1,2}$/.test(operand) || ipv4(operand.split('/')[0]!) < 0 || Number(operand.split('/')[1]) > 32) {
        problems.push({ path, message: `${JSON.stringify(operand)} is not an IPv4 CIDR block such as "10.0.0.0/24" (slsim does not model IPv6 ranges)` });
      }
      return;
    default:
      problems.push({ path, message: `unknown operator "${operator}" (AWS's: ${OPERATORS.join(', ')})` });
  }
}

function anythingButProblem(operand: unknown, path: string, problems: ConfigProblem[]): void {
  if (typeof operand === 'string') return;
  if (typeof operand === 'number') return numberProblem(operand, path, problems);
  if (Array.isArray(operand)) {
    if (operand.length === 0) problems.push({ path, message: 'anything-but needs at least one value' });
    operand.forEach((v, i) => {
      if (typeof v === 'number') numberProblem(v, `${path}/${i}`, problems);
      else if (typeof v !== 'string') problems.push({ path: `${path}/${i}`, message: 'anything-but lists strings and numbers' });
    });
    return;
  }
  const entries = isObject(operand) ? Object.entries(operand) : [];
  const [inner, text] = entries[0] ?? [];
  if (entries.length !== 1 || (inner !== 'prefix' && inner !== 'suffix')) {
    problems.push({ path, message: 'anything-but takes a value, a list of values, or { prefix: "…" } / { suffix: "…" }' });
  } else if (typeof text !== 'string') {
    problems.push({ path: `${path}/${inner}`, message: `${inner} takes a string` });
  }
}

function numberProblem(n: number, path: string, problems: ConfigProblem[]): void {
  if (!(Math.abs(n) <= NUMERIC_LIMIT)) problems.push({ path, message: `numbers in a filter policy lie between -1,000,000,000 and 1,000,000,000; got ${n}` });
}

/** `["=", 3]`, `["<", 0]`, or `[">" | ">=", low, "<" | "<=", high]` with low < high. */
function numericProblem(terms: unknown, path: string, problems: ConfigProblem[]): void {
  if (!Array.isArray(terms) || terms.length === 0) {
    problems.push({ path, message: 'numeric takes a list such as [">", 0, "<=", 5] or ["=", 3]' });
    return;
  }
  const first = terms[0];
  if (!['<', '<=', '=', '>', '>='].includes(first as string)) {
    problems.push({ path: `${path}/0`, message: `unknown numeric operator ${JSON.stringify(first)} (use <, <=, =, >, >=)` });
    return;
  }
  if (typeof terms[1] !== 'number') {
    problems.push({ path: `${path}/1`, message: `the value after "${String(first)}" must be a number` });
    return;
  }
  numberProblem(terms[1], `${path}/1`, problems);
  if (terms.length === 2) return;
  if (first !== '>' && first !== '>=') {
    problems.push({ path: `${path}/2`, message: `a range starts with its lower bound (> or >=), not "${String(first)}"` });
    return;
  }
  if (terms[2] !== '<' && terms[2] !== '<=') {
    problems.push({ path: `${path}/2`, message: `the upper bound of a range takes < or <=, not ${JSON.stringify(terms[2])}` });
    return;
  }
  if (typeof terms[3] !== 'number') {
    problems.push({ path: `${path}/3`, message: `the value after "${String(terms[2])}" must be a number` });
    return;
  }
  numberProblem(terms[3], `${path}/3`, problems);
  if (!(terms[3] > terms[1])) problems.push({ path: `${path}/3`, message: `the upper bound (${terms[3]}) must be above the lower bound (${terms[1]})` });
  if (terms.length > 4) problems.push({ path: `${path}/4`, message: 'a numeric range has at most two bounds' });
}
