/**
 * The yaml package (YAML with line numbers), loaded with `require`: it is
 * CommonJS, and importing it as an ES module makes Node lex its files for
 * named exports at every start (start-up time, README "Development").
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';

const yaml = createRequire(import.meta.url)('yaml') as typeof Yaml;

export const { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } = yaml;
export type { Document, Node } from 'yaml';
