/**
 * The source adapters a run can use, by `type`. Built-in adapters are
 * registered by the command line (core never imports adapters/); third-party
 * adapters load by path with the same contract. Registering checks the
 * adapter's shape, its API version and its schema (compiled here, once), so a
 * broken adapter fails before any scenario is read.
 */
import { pathToFileURL } from 'node:url';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
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

export class AdapterRegistry {
  private readonly adapters = new Map<string, RegisteredAdapter>();

  register(adapter: SourceAdapter, origin = 'built-in', file: string | null = null): void {
    const meta = adapter?.meta;
    const where = origin === 'built-in' ? `adapter "${meta?.type}"` : `adapter at ${origin}`;
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
    if (this.adapters.has(meta.type)) {
      throw broken(`type "${meta.type}" is already provided by ${this.adapters.get(meta.type)!.origin}`);
    }
    this.adapters.set(meta.type, { adapter, origin, file, fileUrl: file === null ? null : pathToFileURL(file).href });
  }

  /** Loads an adapter module by path (its default export, or an export named `adapter`). */
  async load(path: string): Promise<SourceAdapter> {
    let module: { default?: SourceAdapter; adapter?: SourceAdapter };
    let file = resolve(path);
    try {
      file = realpathSync(file);
      module = await import(pathToFileURL(file).href);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw new InputError('SLSIM_ERR_ADAPTER', `cannot load adapter ${path}: ${reason}`, {}, { cause: error });
    }
    const adapter = module.default ?? module.adapter;
    // Deep enough stacks to trace a run-time fault back to the adapter's file (adapter-fault.ts).
    if (Error.stackTraceLimit < 64) Error.stackTraceLimit = 64;
    this.register(adapter as SourceAdapter, path, file);
    return adapter as SourceAdapter;
  }

  /** The registration of a type: the adapter, where it came from. */
  entry(type: string): RegisteredAdapter | undefined {
    return this.adapters.get(type);
  }

  get(type: string): SourceAdapter | undefined {
    return this.adapters.get(type)?.adapter;
  }

  types(): string[] {
    return [...this.adapters.keys()];
  }

  list(): RegisteredAdapter[] {
    return [...this.adapters.values()];
  }
}
