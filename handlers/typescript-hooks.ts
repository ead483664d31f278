/**
 * Module hooks that let a worker import TypeScript handlers with no build step
 * (docs/handlers.md): .ts and .mts files are compiled to JavaScript by sucrase
 * (types removed, ES module syntax kept), .cts files to CommonJS. An import of
 * `./lib.js` from TypeScript finds `./lib.ts`, as TypeScript's own resolution does.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'sucrase';

interface ResolveContext {
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string | null }>;
type NextLoad = (url: string, context: object) => Promise<{ format: string; source?: unknown }>;

const TYPESCRIPT = /\.([cm]?)ts$/;

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const fromTypescript = context.parentURL !== undefined && TYPESCRIPT.test(context.parentURL);
    if (fromTypescript && (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && /\.[cm]?js$/.test(specifier)) {
      return next(specifier.replace(/js$/, 'ts'), context);
    }
    throw error;
  }
}

export async function load(url: string, context: object, next: NextLoad) {
  const match = url.startsWith('file:') ? TYPESCRIPT.exec(url) : null;
  if (match === null) return next(url, context);
  const filePath = fileURLToPath(url);
  const code = await readFile(filePath, 'utf8');
  const commonjs = match[1] === 'c';
  const { code: source } = transform(code, {
    transforms: commonjs ? ['typescript', 'imports'] : ['typescript'],
    filePath,
    disableESTransforms: true,
  });
  return { format: commonjs ? 'commonjs' : 'module', source, shortCircuit: true };
}
