/**
 * Loads a handler module in a worker, once per worker (docs/handlers.md):
 * JavaScript as Node loads it (ESM, or CommonJS whose exports appear as named
 * exports or on `default`), TypeScript compiled on load by the hooks of
 * typescript-hooks.ts (registered the first time a .ts module is asked for).
 * Measures the load time (for `initFrom: measured`).
 */
import { register } from 'node:module';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

export interface LoadedHandler {
  fn: Function;
  /** Time the first import of the module took in this worker, ms. */
  loadMs: number;
}

const loaded = new Map<string, Promise<LoadedHandler>>();
let typescriptHooks = false;

export function loadHandler(modulePath: string, exportName: string): Promise<LoadedHandler> {
  const key = `${modulePath}#${exportName}`;
  let handler = loaded.get(key);
  if (handler === undefined) {
    handler = importHandler(modulePath, exportName);
    loaded.set(key, handler);
    // A module that failed to load is tried again by the next call (as a new Lambda environment would).
    handler.catch(() => loaded.delete(key));
  }
  return handler;
}

async function importHandler(modulePath: string, exportName: string): Promise<LoadedHandler> {
  if (/\.[cm]?ts$/.test(modulePath) && !typescriptHooks) {
    register(new URL('./typescript-hooks.js', import.meta.url));
    typescriptHooks = true;
  }
  const started = performance.now();
  const module = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  const loadMs = performance.now() - started;
  const fn = module[exportName] ?? (module.default as Record<string, unknown> | undefined)?.[exportName];
  if (typeof fn !== 'function') {
    const found = Object.keys(module).filter((k) => typeof module[k] === 'function' && k !== 'default');
    const hint = found.length > 0 ? ` (it exports ${found.join(', ')})` : '';
    throw new Error(`${modulePath} has no exported function "${exportName}"${hint}`);
  }
  return { fn, loadMs };
}
