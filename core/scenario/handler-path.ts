/**
 * `handler: ./handlers/resize.mjs#resize` → the module's absolute path and the
 * export to call (docs/handlers.md). Resolved against the scenario's folder at
 * load; a missing file or an extension Node cannot load is an input error here,
 * before anything runs. Whether the export exists is checked when the worker
 * pool loads the module, still before the run.
 */
import { statSync } from 'node:fs';
import { extname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.js';

/** Extensions a handler module may have: JavaScript (ESM, CommonJS) and TypeScript (compiled on load). */
export const HANDLER_EXTENSIONS: readonly string[] = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

export function resolveHandlerPath(scenarioDir: string, written: string): { modulePath: string; exportName: string } {
  const hash = written.lastIndexOf('#');
  const file = hash < 0 ? written : written.slice(0, hash);
  const exportName = hash < 0 ? 'handler' : written.slice(hash + 1);
  if (file === '' || exportName === '') {
    throw new InputError('SLSIM_ERR_HANDLER', `"${written}" is not a handler: write ./file.mjs or ./file.mjs#exportName`, { path: '' });
  }
  const extension = extname(file);
  if (!HANDLER_EXTENSIONS.includes(extension)) {
    throw new InputError('SLSIM_ERR_HANDLER', `"${file}" is not a module slsim can load: use ${HANDLER_EXTENSIONS.join(', ')}`, { path: '' });
  }
  const modulePath = isAbsolute(file) ? file : resolve(scenarioDir, file);
  let isFile = false;
  try {
    isFile = statSync(modulePath).isFile();
  } catch {
    // reported below
  }
  if (!isFile) throw new InputError('SLSIM_ERR_HANDLER', `no handler file ${modulePath}`, { path: '' });
  return { modulePath, exportName };
}
