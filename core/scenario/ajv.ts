/**
 * The validator of a JSON Schema, one per schema object. The built-in schemas
 * (the scenario's, the price tables', the built-in adapters') come
 * precompiled: `npm run build` writes them as ajv standalone code to
 * dist/schemas/validators.cjs (tools/build-validators.mjs), so a run that uses
 * only built-in sources loads no schema compiler. Any other schema (a
 * third-party adapter's, an event schema), or every schema when that file is
 * missing or was built from other schemas, is compiled by the one ajv
 * instance of the process, itself loaded on first need. Both give the same
 * errors and fill the same defaults (test/precompiled-validators.test.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Ajv, CodeOptions, ValidateFunction } from 'ajv';
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

/** Where the build puts the precompiled validators: dist/schemas/, next to the schemas tsc copies. */
export const PRECOMPILED_FILE = fileURLToPath(new URL('../../schemas/validators.cjs', import.meta.url));

/** What tools/build-validators.mjs writes: `v<i>` validates the schema whose JSON text is `schemas[i]`. */
export interface PrecompiledModule {
  /** The JSON text of schemas/defs.json the validators were built with. */
  defs: string;
  schemas: string[];
  [validator: `v${number}`]: ValidateFunction;
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
let precompiled: Map<string, ValidateFunction> | null = null;
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
    validate = precompiledValidators().get(JSON.stringify(schema)) ?? sharedAjv().compile(schema);
    validators.set(schema, validate);
  }
  return validate;
}

/** The build's validators by schema text; none when the file is absent (a bare `tsc` build, tests from source) or stale. */
function precompiledValidators(): Map<string, ValidateFunction> {
  if (precompiled) return precompiled;
  precompiled = new Map();
  if (!existsSync(PRECOMPILED_FILE)) return precompiled;
  const built = require(PRECOMPILED_FILE) as PrecompiledModule;
  if (built.defs !== JSON.stringify(defs)) return precompiled;
  built.schemas.forEach((text, i) => precompiled!.set(text, built[`v${i}`]));
  return precompiled;
}
