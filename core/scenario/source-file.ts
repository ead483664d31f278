/**
 * Reads a scenario file (YAML, or JSON, which is YAML too) and keeps its
 * syntax tree, so that any JSON path found wrong later can be turned back
 * into the line it was written on.
 */
import { readFileSync } from 'node:fs';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { InputError } from '../errors.js';

export interface SourceFile {
  /** The path as the user gave it (used in messages). */
  file: string;
  data: unknown;
  /** Line (1-based) of the value at a JSON pointer, or of the nearest parent that exists. */
  lineOf(pointer: string, options?: { key?: string }): number | undefined;
}

export function readSourceFile(file: string): SourceFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new InputError('SLSIM_ERR_FILE', `cannot read the scenario: ${reason}`, { file });
  }
  return parseSourceText(file, text);
}

export function parseSourceText(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line ?? lineCounter.linePos(problem.pos[0]).line;
    const detail = problem.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new InputError('SLSIM_ERR_PARSE', `not valid YAML: ${detail}`, { file, line });
  }
  const data = doc.toJS({ maxAliasCount: 1000 });
  return {
    file,
    data,
    lineOf(pointer, options) {
      const offset = offsetOf(doc, pointerSegments(pointer), options?.key);
      return offset === undefined ? undefined : lineCounter.linePos(offset).line;
    },
  };
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
  let node: Node | null | undefined = doc.contents as Node | null;
  let best = node?.range?.[0];
  const path = key === undefined ? segments : [...segments, key];
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
      if (!pair) return best;
      // For a key the user mistyped, point at the key itself.
      if (last && key !== undefined && isScalar(pair.key)) return pair.key.range?.[0] ?? best;
      node = pair.value as Node | null;
      best = (node?.range?.[0] ?? (isScalar(pair.key) ? pair.key.range?.[0] : undefined)) ?? best;
    } else if (isSeq(node)) {
      node = node.items[Number(segment)] as Node | null;
      if (!node) return best;
      best = node.range?.[0] ?? best;
    } else {
      return best;
    }
  }
  return best;
}
