/** Placeholder: the s3 adapter is being written (issue 7). */
import type { SourceAdapter } from '../../core/engine/adapter-contract.js';

export const s3Adapter: SourceAdapter = {
  meta: {
    type: 's3',
    version: '0.0.0',
    apiVersion: 2,
    description: 's3 (in progress)',
    schema: { type: 'object', properties: { type: { const: 's3' } }, required: ['type'], additionalProperties: false },
    invocation: ['async'],
  },
  create: () => ({}),
};

export default s3Adapter;
