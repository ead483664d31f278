/**
 * The built-in source adapters, registered explicitly (no discovery by naming
 * convention). A test checks that every folder under adapters/ is listed here
 * and has its schema, README and tests.
 */
import type { SourceAdapter } from '../core/engine/adapter-contract.js';
import { AdapterRegistry } from '../core/engine/registry.js';
import { invokeAdapter } from './invoke/index.js';
import { scheduleAdapter } from './schedule/index.js';
import { kinesisAdapter } from './kinesis/index.js';
import { sqsAdapter } from './sqs/index.js';
import { s3Adapter } from './s3/index.js';
import { snsAdapter } from './sns/index.js';
import { apiAdapter } from './api/index.js';
import { cognitoAdapter } from './cognito/index.js';

export const builtInAdapters: readonly SourceAdapter<any>[] = [
  invokeAdapter,
  scheduleAdapter,
  sqsAdapter,
  kinesisAdapter,
  s3Adapter,
  snsAdapter,
  apiAdapter,
  cognitoAdapter,
];

/** A registry holding the built-in adapters, plus any loaded by path. */
export async function createRegistry(adapterPaths: readonly string[] = []): Promise<AdapterRegistry> {
  const registry = new AdapterRegistry();
  for (const adapter of builtInAdapters) registry.register(adapter as SourceAdapter);
  for (const path of adapterPaths) await registry.load(path);
  return registry;
}
