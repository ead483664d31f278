/**
 * `--set PATH=VALUE`: changes one value of the parsed scenario before it is
 * validated, so an override is checked exactly like the file. The path is
 * dotted (`functions.resize.memory`; a number indexes a list); the value is
 * read as a YAML scalar or flow collection (`2048`, `true`, `250ms`, `[a, b]`).
 */
import { parseDocument } from './yaml.js';
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
  return { text, segments, value: parseValue(raw) };
}

/**
 * The value as YAML reads it (a scalar or a flow collection), with the
 * scenario file's rules: core tags only, no aliases. Anything YAML refuses is
 * taken as the plain string typed, for the schema to judge.
 */
function parseValue(raw: string): unknown {
  if (raw.trim() === '') return '';
  try {
    const doc = parseDocument(raw, { prettyErrors: false, merge: false, resolveKnownTags: false, stringKeys: true });
    if (doc.errors.length > 0 || doc.warnings.length > 0) return raw;
    return doc.toJS({ maxAliasCount: 0 });
  } catch {
    return raw;
  }
}

const own = (node: object, key: string): unknown => (Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined);

/** Sets `key` as an own property even when it is `__proto__` (never the object's prototype). */
function setOwn(node: object, key: string, value: unknown): void {
  Object.defineProperty(node, key, { value, writable: true, enumerable: true, configurable: true });
}

/** Applies overrides in order; returns the JSON pointers they touched. */
export function applyOverrides(data: unknown, overrides: readonly Override[]): Map<string, Override> {
  const touched = new Map<string, Override>();
  for (const override of overrides) {
    if (typeof data !== 'object' || data === null) throw new InputError('SLSIM_ERR_SET', `--set ${override.text}: the scenario is not an object`);
    let node = data as Record<string, unknown>;
    const { segments } = override;
    const checkIndex = (list: unknown[], i: number): void => {
      const segment = segments[i]!;
      if (!/^(0|[1-9]\d*)$/.test(segment) || Number(segment) > list.length) {
        const where = i === 0 ? 'the scenario' : segments.slice(0, i).join('.');
        throw new InputError(
          'SLSIM_ERR_SET',
          `--set ${override.text}: ${where} is a list of ${list.length}: index it with a number from 0 to ${list.length} (${list.length} adds an item)`,
        );
      }
    };
    for (let i = 0; i < segments.length - 1; i++) {
      const segment = segments[i]!;
      if (Array.isArray(node)) checkIndex(node, i);
      let next = own(node, segment);
      const kind = i === 1 && Object.hasOwn(NAMED_ENTRIES, segments[0]!) ? NAMED_ENTRIES[segments[0]!] : undefined;
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
        setOwn(node, segment, next);
      }
      if (typeof next !== 'object' || next === null) {
        throw new InputError('SLSIM_ERR_SET', `--set ${override.text}: ${segments.slice(0, i + 1).join('.')} is a value, not an object`);
      }
      node = next as Record<string, unknown>;
    }
    if (Array.isArray(node)) checkIndex(node, segments.length - 1);
    setOwn(node, segments[segments.length - 1]!, override.value);
    touched.set('/' + segments.join('/'), override);
  }
  return touched;
}
