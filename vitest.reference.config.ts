import { defineConfig } from 'vitest/config';

// Reference tier: files written by other tools in ../shared/reference and Debian validators
// (python3-mrcfile, python3-gemmi). See DESIGN.md §6.
export default defineConfig({
  test: {
    include: ['src/**/*.reference.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    pool: 'forks',
  },
});
