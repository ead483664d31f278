/**
 * The yaml package (YAML with line numbers): the build's one-file bundle of
 * it (yaml-bundle.ts), or else the package loaded with `require`. It is
 * CommonJS, and importing it as an ES module makes Node lex its files for
 * named exports at every start (start-up time, README "Development").
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { loadYamlBundle } from './yaml-bundle.js';

const yaml = (loadYamlBundle() ?? createRequire(import.meta.url)('yaml')) as typeof Yaml;

export const { isAlias, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, visit } = yaml;
export type { Document, Node } from 'yaml';
