/**
 * The one ajv instance of the process: strict, all errors, defaults filled,
 * the shared definitions (schemas/defs.json) registered so that any schema,
 * an adapter's included, can refer to `defs.json#/$defs/...`. Compiled
 * validators are cached per schema object, so each schema is compiled once.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import ajvErrors from 'ajv-errors';
import ajvFormats from 'ajv-formats';
import defs from '../../schemas/defs.json' with { type: 'json' };

let instance: Ajv | null = null;
const compiled = new WeakMap<object, ValidateFunction>();

export function sharedAjv(): Ajv {
  if (instance) return instance;
  const ajv = new Ajv({ allErrors: true, verbose: true, useDefaults: true, strict: true, strictRequired: false, discriminator: true, allowUnionTypes: true });
  (ajvFormats as unknown as (a: Ajv) => Ajv)(ajv);
  (ajvErrors as unknown as (a: Ajv) => Ajv)(ajv);
  ajv.addSchema(defs);
  instance = ajv;
  return ajv;
}

/** The compiled validator of `schema` (compiled on first use, then cached). */
export function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = sharedAjv().compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}
