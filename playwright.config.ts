import { defineConfig } from '@playwright/test';

// Debian's Chromium with WebGPU on SwiftShader (DESIGN.md §6); never a downloaded browser.
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const port = 4173;

export default defineConfig({
  testDir: 'e2e',
  // Benchmarks in the browser run from `npm run bench` (bench/studio-e2e.bench.ts), not from `npm test`.
  testIgnore: 'bench/**',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  // One retry on CI only, as insurance against a loaded runner; a real failure fails twice.
  retries: process.env.CI ? 1 : 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    headless: true,
    viewport: { width: 1400, height: 900 },
  },
  webServer: {
    // A test-mode production build: same bundle as users get, plus window.__tomopick accessors.
    command: `npx vite build --mode test --logLevel warn && npx vite preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
  },
});
