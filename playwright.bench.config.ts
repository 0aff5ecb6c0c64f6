import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

/** Browser benchmarks: same server and browser as the e2e tests, specs under e2e/bench. */
export default defineConfig({ ...base, testDir: 'e2e/bench', testIgnore: [], timeout: 600_000 });
