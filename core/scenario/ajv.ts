/**
 * The validator of a JSON Schema, one per schema object. The built-in schemas
 * (the scenario's, the price tables', the built-in adapters') come
 * precompiled: `npm run build` writes them as ajv standalone code to
 * dist/schemas/validators/, one file per schema (tools/build-validators.mjs),
 * so a run that uses only built-in sources loads no schema compiler and reads
 * only the validators it uses, each with its code cache (code-cache.ts). Any other schema (a
 * third-party adapter's, an event schema), or every schema when that file is
 * missing or was built from other schemas, is compiled by the one ajv
 * instance of the process, itself loaded on first need. Both give the same
 * errors and fill the same defaults (test/precompiled-validators.test.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, CodeOptions, ValidateFunction } from 'ajv';
import { requireWithCache } from './code-cache.js';
import defs from '../../schemas/defs.json' with { type: 'json' };

const require = createRequire(import.meta.url);

/** Strict, all errors, defaults filled; `verbose` keeps the schema in each error (schema-errors.ts reads it). */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  useDefaults: true,
  strict: true,
  strictRequired: false,
  discriminator: true,
  allowUnionTypes: true,
} as const;

/** Where the build puts the precompiled validators, one file per schema: dist/schemas/validators/, next to the schemas tsc copies. */
export const PRECOMPILED_DIR = fileURLToPath(new URL('../../schemas/validators/', import.meta.url));
export const PRECOMPILED_INDEX = join(PRECOMPILED_DIR, 'index.cjs');

/** What tools/build-validators.mjs writes in the index: the defs the validators were built with, and the files of the schemas by the length of their text. */
interface PrecompiledIndex {
  defs: string;
  files: Record<string, string[]>;
}

/**
 * Where the index files a schema of JSON text `text`: by its length, which is
 * all it takes to find the few candidates (each file's own copy of the text
 * confirms it), without a pass over the text at every start.
 */
export function schemaKey(text: string): string {
  return String(text.length);
}

/**
 * A new ajv with slsim's options, formats (ajv-formats), custom messages
 * (ajv-errors) and the shared definitions (schemas/defs.json), which any
 * schema, an adapter's included, can refer to as `defs.json#/$defs/...`.
 * `code` is for the build, which turns validators into source.
 */
export function createAjv(code?: CodeOptions): Ajv {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const ajv = new Ajv({ ...AJV_OPTIONS, ...(code ? { code } : {}) });
  (require('ajv-formats') as (a: Ajv) => Ajv)(ajv);
  (require('ajv-errors') as (a: Ajv) => Ajv)(ajv);
  ajv.addSchema(defs);
  return ajv;
}

let instance: Ajv | null = null;
let index: PrecompiledIndex | null | undefined;
const validators = new WeakMap<object, ValidateFunction>();

/** The one ajv instance of the process, for the schemas that are not precompiled. */
export function sharedAjv(): Ajv {
  instance ??= createAjv();
  return instance;
}

/** The validator of `schema`: precompiled when its JSON text is one the build compiled, else compiled on first use; then cached. */
export function validatorFor(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = precompiledFor(schema) ?? sharedAjv().compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/** The build's validator of `schema`; undefined when there is none (a bare `tsc` build, tests from source) or it was built from other schemas. */
export function precompiledFor(schema: object): ValidateFunction | undefined {
  if (index === undefined) {
    index = null;
    if (existsSync(PRECOMPILED_INDEX)) {
      const built = require(PRECOMPILED_INDEX) as PrecompiledIndex;
      if (built.defs === JSON.stringify(defs)) index = built;
    }
  }
  if (index === null) return undefined;
  const text = JSON.stringify(schema);
  for (const file of index.files[schemaKey(text)] ?? []) {
    const built = requireWithCache(join(PRECOMPILED_DIR, file)) as { schema: string; validate: ValidateFunction };
    if (built.schema === text) return built.validate;
  }
  return undefined;
}
