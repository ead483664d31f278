/** Placeholder: the sns adapter is being written (issue 7). */
import type { SourceAdapter } from '../../core/engine/adapter-contract.js';

export const snsAdapter: SourceAdapter = {
  meta: {
    type: 'sns',
    version: '0.0.0',
    apiVersion: 2,
    description: 'sns (in progress)',
    schema: { type: 'object', properties: { type: { const: 'sns' } }, required: ['type'], additionalProperties: false },
    invocation: ['async'],
  },
  create: () => ({}),
};

export default snsAdapter;
