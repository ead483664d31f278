/**
 * Reads a scenario file (YAML, or JSON, which is YAML too) and keeps its
 * syntax tree, so that any JSON path found wrong later can be turned back
 * into the line it was written on.
 *
 * YAML 1.2 with the core schema, plus merge keys (`<<: *defaults`). Anchors
 * and aliases work; an alias with no anchor before it, an alias inside the
 * node it names (a loop), a merge of something that is not a mapping, a tag
 * other than the core ones (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
 * `!!map`, `!!seq`), a value that does not fit its tag, a key that is a
 * collection, and aliases that expand past 1,000 nodes are all input errors
 * naming the file and the line: the parser's own exceptions never escape.
 */
import { readFileSync } from 'node:fs';
import {
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node,
} from './yaml.js';
import { InputError } from '../errors.js';

export interface SourceFile {
  /** The path as the user gave it (used in messages). */
  file: string;
  data: unknown;
  /** Line (1-based) of the value at a JSON pointer, or of the nearest parent that exists. */
  lineOf(pointer: string, options?: { key?: string }): number | undefined;
}

/** Alias expansions allowed when the tree is turned into data (the yaml package's guard against "billion laughs"). */
export const MAX_ALIAS_COUNT = 1000;

const CORE_TAG = 'tag:yaml.org,2002:';

export function readSourceFile(file: string): SourceFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new InputError('SLSIM_ERR_FILE', `cannot read the scenario: ${reason}`, { file });
  }
  return parseSourceText(file, text);
}

export function parseSourceText(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  const fail = (detail: string, offset: number | undefined) => new InputError('SLSIM_ERR_PARSE', `not valid YAML: ${detail}`, { file, line: lineAt(offset) });

  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, merge: true, resolveKnownTags: false, stringKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line ?? lineCounter.linePos(problem.pos[0]).line;
    throw new InputError('SLSIM_ERR_PARSE', `not valid YAML: ${parserMessage(problem.message)}`, { file, line });
  }
  const tagProblem = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (tagProblem) throw fail(tagMessage(tagProblem.message), tagProblem.pos[0]);
  checkAliases(doc, fail);

  let data: unknown;
  try {
    // Each alias becomes a copy of its own: a --set or a default filled in one place never shows up in another.
    data = copyTree(doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }));
  } catch (error) {
    // The checks above find what they can with a line; anything else the package refuses is still the input's fault.
    const message = (error as Error)?.message ?? String(error);
    const detail = /Excessive alias count/.test(message) ? `aliases expand to more than ${MAX_ALIAS_COUNT} nodes` : parserMessage(message);
    throw fail(detail, firstAliasOffset(doc));
  }
  return {
    file,
    data,
    lineOf(pointer, options) {
      const offset = offsetOf(doc, pointerSegments(pointer), options?.key);
      return lineAt(offset);
    },
  };
}

/** A deep copy of parsed data (plain objects, arrays, scalars), sharing nothing; keys such as `__proto__` stay own keys. */
function copyTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyTree);
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, { value: copyTree((value as Record<string, unknown>)[key]), writable: true, enumerable: true, configurable: true });
  }
  return copy;
}

/** The parser's message, on one line, without its own position. */
function parserMessage(message: string): string {
  const text = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  if (/Maximum call stack size exceeded/.test(text)) return 'nested too deeply';
  if (/multiple documents/.test(text)) return 'a scenario is one YAML document (this file has a second one, after ---)';
  if (/With stringKeys, all keys must be strings/.test(text)) return 'a key must be a plain value, not a list or a mapping';
  return text;
}

/** "Unresolved tag: tag:yaml.org,2002:float" → what the user wrote and why it is refused. */
function tagMessage(message: string): string {
  const tag = message.replace(/^Unresolved tag:\s*/, '');
  if (tag.startsWith(CORE_TAG)) {
    const name = tag.slice(CORE_TAG.length);
    if (['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].includes(name)) return `the value does not fit its tag !!${name}`;
    return `the tag !!${name} is not supported (slsim reads the YAML 1.2 core tags: !!str, !!int, !!float, !!bool, !!null, !!map, !!seq)`;
  }
  return `unknown tag ${tag} (slsim reads the YAML 1.2 core tags: !!str, !!int, !!float, !!bool, !!null, !!map, !!seq)`;
}

/**
 * Every alias must name an anchor set before it, must not sit inside the node
 * it names (the data would contain itself), and a merge key (`<<`) must merge
 * a mapping or a list of mappings.
 */
function checkAliases(doc: Document, fail: (detail: string, offset: number | undefined) => InputError): void {
  const target = (node: unknown): unknown => (isAlias(node) ? node.resolve(doc) : node);
  visit(doc, {
    Alias(_key, alias) {
      const found = alias.resolve(doc);
      const at = alias.range?.[0];
      if (!found) throw fail(`the alias *${alias.source} has no anchor &${alias.source} before it`, at);
      const range = found.range;
      if (isCollection(found) && range && at !== undefined && at >= range[0] && at < range[2]) {
        throw fail(`the alias *${alias.source} is inside the node it names (a loop)`, at);
      }
    },
    Pair(_key, pair) {
      if (!isPair(pair) || !isMergeKey(pair.key)) return;
      const value = target(pair.value);
      const sources = isSeq(value) ? value.items.map(target) : [value];
      if (!sources.every((s) => isMap(s))) throw fail('a merge key (<<) takes a mapping, an alias of one, or a list of them', (pair.key as Node).range?.[0]);
    },
  });
}

/** A plain `<<` key (merge keys are on); a quoted '<<' is an ordinary key. */
function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return (typeof value === 'symbol' && value.description === '<<') || (value === '<<' && (key.type === undefined || key.type === 'PLAIN'));
}

function firstAliasOffset(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_key, alias) {
      offset = alias.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/** `/functions/resize/memory` → ['functions', 'resize', 'memory'] (RFC 6901 unescaping). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function offsetOf(doc: Document, segments: string[], key?: string): number | undefined {
  const resolve = (node: Node | null | undefined): Node | null | undefined => (isAlias(node) ? node.resolve(doc) : node);
  let node: Node | null | undefined = resolve(doc.contents as Node | null);
  let best = node?.range?.[0];
  const path = key === undefined ? segments : [...segments, key];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && !isMergeKey(p.key) && String(p.key.value) === segment);
      if (!pair) return best;
      // For a key the user mistyped, point at the key itself.
      if (last && key !== undefined && isScalar(pair.key)) return pair.key.range?.[0] ?? best;
      best = ((pair.value as Node | null)?.range?.[0] ?? (isScalar(pair.key) ? pair.key.range?.[0] : undefined)) ?? best;
      node = resolve(pair.value as Node | null);
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | null;
      if (!item) return best;
      best = item.range?.[0] ?? best;
      node = resolve(item);
    } else {
      return best;
    }
  }
  return best;
}
