/**
 * `--set PATH=VALUE`: changes one value of the parsed scenario before it is
 * validated, so an override is checked exactly like the file. The path is
 * dotted (`functions.resize.memory`; a number indexes a list); the value is
 * read as a YAML scalar or flow collection (`2048`, `true`, `250ms`, `[a, b]`).
 */
import { parse } from 'yaml';
import { InputError } from '../errors.js';
import { closest } from './did-you-mean.js';

/** Maps of names: an override may change an entry's keys but not invent an entry (a typo would test nothing). */
const NAMED_ENTRIES: Record<string, string> = { functions: 'function', sources: 'source' };

export interface Override {
  /** As typed, for messages. */
  text: string;
  segments: string[];
  value: unknown;
}

export function parseOverride(text: string): Override {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new InputError('SLSIM_ERR_SET', `--set ${text}: expected PATH=VALUE, e.g. functions.resize.memory=2048`);
  const path = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1);
  const segments = path.split('.');
  if (segments.some((s) => s === '')) throw new InputError('SLSIM_ERR_SET', `--set ${text}: "${path}" is not a dotted path`);
  let value: unknown;
  try {
    value = raw.trim() === '' ? '' : parse(raw);
  } catch {
    value = raw;
  }
  return { text, segments, value };
}

/** Applies overrides in order; returns the JSON pointers they touched. */
export function applyOverrides(data: unknown, overrides: readonly Override[]): Map<string, Override> {
  const touched = new Map<string, Override>();
  for (const override of overrides) {
    if (typeof data !== 'object' || data === null) throw new InputError('SLSIM_ERR_SET', `--set ${override.text}: the scenario is not an object`);
    let node = data as Record<string, unknown>;
    const { segments } = override;
    for (let i = 0; i < segments.length - 1; i++) {
      const segment = segments[i]!;
      let next = node[segment];
      const kind = i === 1 ? NAMED_ENTRIES[segments[0]!] : undefined;
      if (next === undefined && kind !== undefined) {
        const names = Object.keys(node);
        const hint = closest(segment, names);
        throw new InputError(
          'SLSIM_ERR_SET',
          `--set ${override.text}: the scenario has no ${kind} "${segment}"${hint ? ` (did you mean "${hint}"?)` : names.length ? ` (${kind}s: ${names.join(', ')})` : ''}`,
        );
      }
      if (next === undefined) {
        next = {};
        node[segment] = next;
      }
      if (typeof next !== 'object' || next === null) {
        throw new InputError('SLSIM_ERR_SET', `--set ${override.text}: ${segments.slice(0, i + 1).join('.')} is a value, not an object`);
      }
      node = next as Record<string, unknown>;
    }
    node[segments[segments.length - 1]!] = override.value;
    touched.set('/' + segments.join('/'), override);
  }
  return touched;
}
