/**
 * The source adapters a run can use, by `type`. Built-in adapters are
 * registered by the command line (core never imports adapters/), or only
 * announced (`announce`) and imported when a scenario needs them (`ready`), so
 * a run loads the adapters it uses; third-party adapters load by path with the
 * same contract. Registering checks the adapter's shape, its API version and
 * its schema, so a broken adapter fails before any scenario is read.
 */
import { pathToFileURL } from 'node:url';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { validatorFor } from '../scenario/ajv.js';
import { ADAPTER_API_VERSION, SUPPORTED_API_VERSIONS, type SourceAdapter } from './adapter-contract.js';

export interface RegisteredAdapter {
  adapter: SourceAdapter;
  /** 'built-in' or the path it was loaded from, as given. */
  origin: string;
  /** The absolute file of a loaded adapter and its file:// URL (to trace faults to it); null for built-ins. */
  file: string | null;
  fileUrl: string | null;
}

/** A built-in adapter known by name until a scenario needs it. */
export interface AnnouncedAdapter {
  type: string;
  /** Its meta.destination, for messages that list the types a destination may be. */
  destination: boolean;
  load(): Promise<SourceAdapter>;
}

export class AdapterRegistry {
  /** Every type, registered or announced, in the order given (the order messages list them in). */
  private readonly adapters = new Map<string, RegisteredAdapter | AnnouncedAdapter>();

  /** Makes a built-in type known without importing it; `ready` registers it. */
  announce(announced: AnnouncedAdapter): void {
    if (this.adapters.has(announced.type)) throw new Error(`adapter type "${announced.type}" is announced twice`);
    this.adapters.set(announced.type, announced);
  }

  /** Imports and registers the announced types among `types` (every announced type without it); other names are ignored. */
  async ready(types?: Iterable<string>): Promise<void> {
    for (const type of types ?? [...this.adapters.keys()]) {
      const known = this.adapters.get(type);
      if (known !== undefined && !isRegistered(known)) this.register(await known.load());
    }
  }

  register(adapter: SourceAdapter, origin = 'built-in', file: string | null = null): void {
    const meta = adapter?.meta;
    const named = typeof meta?.type === 'string' && meta.type !== '';
    const where = origin === 'built-in' ? `adapter "${meta?.type}"` : named ? `adapter "${meta.type}" (${origin})` : `adapter at ${origin}`;
    const broken = (detail: string, cause?: unknown) =>
      new InputError('SLSIM_ERR_ADAPTER', `${where}: ${detail}`, {}, { cause });
    if (!meta || typeof adapter.create !== 'function') throw broken('must export { meta, create(ctx) }');
    if (typeof meta.type !== 'string' || !/^[a-z][a-z0-9-]*$/.test(meta.type)) throw broken('meta.type must be a lower-case name');
    if (!SUPPORTED_API_VERSIONS.includes(meta.apiVersion)) {
      throw broken(
        `written for adapter API ${String(meta.apiVersion)}; this slsim implements API ${ADAPTER_API_VERSION} and loads APIs ${SUPPORTED_API_VERSIONS.join(' and ')} (docs/adapters.md)`,
      );
    }
    if (typeof meta.version !== 'string') throw broken('meta.version must be a semver string');
    if (!meta.schema || typeof meta.schema !== 'object') throw broken('meta.schema must be a JSON Schema object');
    try {
      validatorFor(meta.schema);
    } catch (error) {
      throw broken(`its schema does not compile: ${(error as Error).message}`, error);
    }
    if (meta.eventSchema !== undefined) {
      if (meta.eventSchema === null || typeof meta.eventSchema !== 'object' || Array.isArray(meta.eventSchema)) {
        throw broken('meta.eventSchema must be a JSON Schema object (of the payload a function receives)');
      }
      // Built-ins' event schemas are compiled by their tests (the adapter kit), not at every start.
      if (origin !== 'built-in') {
        try {
          validatorFor(meta.eventSchema);
        } catch (error) {
          throw broken(`its event schema does not compile: ${(error as Error).message}`, error);
        }
      }
    }
    const known = this.adapters.get(meta.type);
    // A built-in takes the place of its announcement (and keeps its place in types()).
    if (known !== undefined && (isRegistered(known) || origin !== 'built-in')) {
      throw broken(`type "${meta.type}" is already provided by ${isRegistered(known) ? known.origin : 'built-in'}`);
    }
    this.adapters.set(meta.type, { adapter, origin, file, fileUrl: file === null ? null : pathToFileURL(file).href });
  }

  /**
   * Loads an adapter module by path (its default export, or an export named
   * `adapter`). A directory loads its package.json `exports` or `main`, else
   * its index.mjs or index.js. `base` is the directory a relative path starts
   * from (a scenario's own, for its `adapters:`); load errors name `path` as
   * given, later messages `origin` (default `path`). A file already loaded is
   * not loaded twice.
   */
  async load(path: string, options: { base?: string; origin?: string } = {}): Promise<SourceAdapter> {
    let module: { default?: SourceAdapter; adapter?: SourceAdapter };
    let file = resolve(options.base ?? '.', path);
    try {
      file = realpathSync(file);
      if (statSync(file).isDirectory()) file = realpathSync(entryOf(file, path));
      const loaded = this.list().find((entry) => entry.file === file);
      if (loaded) return loaded.adapter;
      module = await import(pathToFileURL(file).href);
    } catch (error) {
      if (error instanceof InputError) throw error;
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new InputError('SLSIM_ERR_ADAPTER', `cannot load adapter ${path}: ${reason}`, {}, { cause: error });
    }
    const adapter = module.default ?? module.adapter;
    // Deep enough stacks to trace a run-time fault back to the adapter's file (adapter-fault.ts).
    if (Error.stackTraceLimit < 64) Error.stackTraceLimit = 64;
    this.register(adapter as SourceAdapter, options.origin ?? path, file);
    return adapter as SourceAdapter;
  }

  /** The registration of a type: the adapter, where it came from. An announced type must be made `ready` first. */
  entry(type: string): RegisteredAdapter | undefined {
    const known = this.adapters.get(type);
    if (known !== undefined && !isRegistered(known)) throw new Error(`adapter "${type}" is announced but not loaded: AdapterRegistry.ready() it first`);
    return known;
  }

  get(type: string): SourceAdapter | undefined {
    return this.entry(type)?.adapter;
  }

  /** Every type, registered or announced. */
  types(): string[] {
    return [...this.adapters.keys()];
  }

  /** The types whose adapter is a destination (meta.destination), registered or announced. */
  destinationTypes(): string[] {
    return [...this.adapters.values()].filter((a) => (isRegistered(a) ? a.adapter.meta.destination === true : a.destination)).map((a) => (isRegistered(a) ? a.adapter.meta.type : a.type));
  }

  /** The registered adapters (announced ones not yet loaded are left out). */
  list(): RegisteredAdapter[] {
    return [...this.adapters.values()].filter(isRegistered);
  }
}

function isRegistered(known: RegisteredAdapter | AnnouncedAdapter): known is RegisteredAdapter {
  return 'adapter' in known;
}

/** The module a directory stands for: package.json `exports` (its "." entry) or `main`, else index.mjs, else index.js. */
function entryOf(dir: string, path: string): string {
  const manifest = join(dir, 'package.json');
  if (existsSync(manifest)) {
    let pkg: { main?: unknown; exports?: unknown };
    try {
      pkg = JSON.parse(readFileSync(manifest, 'utf8'));
    } catch (error) {
      throw new InputError('SLSIM_ERR_ADAPTER', `cannot load adapter ${path}: its package.json is not valid JSON (${(error as Error).message})`, {}, { cause: error });
    }
    const entry = exportedEntry(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : undefined);
    if (entry !== undefined) return join(dir, entry);
  }
  for (const index of ['index.mjs', 'index.js']) if (existsSync(join(dir, index))) return join(dir, index);
  throw new InputError('SLSIM_ERR_ADAPTER', `cannot load adapter ${path}: a directory needs a package.json with "exports" or "main", or an index.mjs or index.js`);
}

/** The file of an `exports` field's "." entry: a string, or the `import`/`default` condition. */
function exportedEntry(exports: unknown): string | undefined {
  if (typeof exports === 'string') return exports;
  if (exports === null || typeof exports !== 'object' || Array.isArray(exports)) return undefined;
  const record = exports as Record<string, unknown>;
  if ('.' in record) return exportedEntry(record['.']);
  for (const condition of ['import', 'node', 'default']) {
    const entry = exportedEntry(record[condition]);
    if (entry !== undefined) return entry;
  }
  return undefined;
}
