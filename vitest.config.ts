import { defineConfig } from 'vitest/config';

// Unit tier: pure core/ml/cli logic in Node. The reference tier lives in vitest.reference.config.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['**/*.reference.test.ts', 'node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    pool: 'forks',
  },
});
