/**
 * Turns ajv's list of errors into the one message a user needs: the most
 * specific problem, worded for a person, with its JSON path. Unknown keys get
 * a "did you mean" hint, enums list their values.
 */
import type { ErrorObject } from 'ajv';
import { InputError } from '../errors.js';
import { closest } from './did-you-mean.js';

export interface SchemaProblem {
  /** JSON pointer of the bad value (for an unknown key: of its parent object). */
  path: string;
  /** The unknown key, when the problem is one. */
  key?: string;
  message: string;
}

/** Picks the problem to show from ajv's errors. */
export function bestProblem(errors: readonly ErrorObject[]): SchemaProblem {
  const custom = errors.filter((e) => e.keyword === 'errorMessage');
  // ajv-errors replaces a group of errors with one message; the group's own errors stay listed.
  const covered = new Set(custom.map((e) => e.instancePath));
  const useful = errors.filter(
    (e) =>
      e.keyword !== 'if' &&
      !(covered.has(e.instancePath) && e.keyword !== 'errorMessage' && e.keyword !== 'additionalProperties') &&
      !isInside(e, custom),
  );
  const pool = useful.length > 0 ? useful : [...errors];
  pool.sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b));
  return describe(pool[0]!);
}

export function schemaError(errors: readonly ErrorObject[], prefix = ''): InputError {
  const problem = bestProblem(errors);
  return new InputError('SLSIM_ERR_SCHEMA', problem.message, { path: prefix + problem.path });
}

function describe(error: ErrorObject): SchemaProblem {
  const path = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const hint = closest(key, known);
      return {
        path: `${path}/${escape(key)}`,
        key,
        message: `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : known.length ? ` (expected one of: ${known.join(', ')})` : ''}`,
      };
    }
    case 'required':
      return { path, message: `missing required key "${String(params.missingProperty)}"` };
    case 'enum':
      return { path, message: `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { path, message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'discriminator': {
      const tag = String(params.tag);
      const branches = ((error.parentSchema as { oneOf?: { properties?: Record<string, { const?: unknown }> }[] })?.oneOf ?? [])
        .map((b) => b.properties?.[tag]?.const)
        .filter((v) => v !== undefined);
      const value = params.tagValue === undefined ? 'missing' : JSON.stringify(params.tagValue);
      return { path: `${path}/${escape(tag)}`, message: `${value} is not a known ${tag}; use one of: ${branches.join(', ')}` };
    }
    case 'propertyNames':
      return {
        path: `${path}/${escape(String(params.propertyName))}`,
        message:
          params.propertyName === '__proto__'
            ? '"__proto__" is reserved (JavaScript objects give it a meaning): choose another name'
            : `"${String(params.propertyName)}" is not a valid name: use letters, digits, - and _ (at most 64)`,
      };
    case 'pattern':
      return { path, message: `"${String(error.data)}" does not have the expected form (${String(params.pattern)})` };
    case 'minProperties':
      return { path, message: `must have at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}` };
    default:
      return { path, message: error.message ?? 'is not valid' };
  }
}

function depth(error: ErrorObject): number {
  let d = error.instancePath.split('/').length;
  if (error.keyword === 'additionalProperties' || error.keyword === 'propertyNames') d++;
  return d;
}

/** Custom messages and unknown keys first; bare type mismatches (from other branches) last. */
function rank(error: ErrorObject): number {
  if (error.keyword === 'errorMessage') return 0;
  if (error.keyword === 'additionalProperties') return 1;
  if (error.keyword === 'type' || error.keyword === 'oneOf' || error.keyword === 'anyOf') return 3;
  return 2;
}

/** True when `error` sits below a path that a custom message already covers. */
function isInside(error: ErrorObject, custom: readonly ErrorObject[]): boolean {
  return custom.some((c) => c !== error && error.instancePath.startsWith(c.instancePath + '/') && error.keyword === 'required');
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
