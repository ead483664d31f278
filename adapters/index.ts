/**
 * The built-in source adapters, registered explicitly (no discovery by naming
 * convention). A test checks that every folder under adapters/ is listed here
 * and has its schema, README and tests. The command line loads them one by
 * one, as scenarios need them (built-in.ts).
 */
import type { SourceAdapter } from '../core/engine/adapter-contract.js';
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

/** A registry holding the built-in adapters (loaded on demand, adapters/built-in.ts), plus any loaded by path. */
export { createRegistry } from './built-in.js';
