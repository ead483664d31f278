import { defineConfig } from 'vitest/config';

// Tests live in test/ (behaviour) and next to each adapter (adapters/<type>/*.test.ts).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'adapters/**/*.test.ts'],
    testTimeout: 60_000,
  },
});
