import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests live in test/ (behaviour), next to each adapter (adapters/<type>/*.test.ts)
// and next to each example adapter (examples/adapters/<name>/*.test.ts).
export default defineConfig({
  resolve: {
    // The adapter test kit, imported as a third party does (package.json "exports"), from source.
    alias: { 'slsim/testing': fileURLToPath(new URL('./testing/index.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts', 'adapters/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
