import { expect, test } from '@playwright/test';

/**
 * `?backend=wasm` forces the wasm backend in the inference worker: it must start and compute, with
 * its .wasm binary served by our own server (never a CDN): the SIMD build (threads stay off, see
 * src/gpu/browser/select-browser-backend.ts).
 */
test('the wasm backend runs with its binary from our own origin', async ({ page, baseURL }) => {
  const wasmFiles: string[] = [];
  page.context().on('request', (request) => {
    if (/\.wasm(\?|$)/.test(request.url())) wasmFiles.push(request.url());
  });
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('backend')).toHaveText('compute: wasm', { timeout: 60_000 });
  expect(await page.evaluate(() => window.__tomopick!.activeBackend())).toBe('wasm');

  expect(wasmFiles).toHaveLength(1);
  expect(wasmFiles[0]!.startsWith(`${baseURL}/assets/`)).toBe(true);
  expect(wasmFiles[0]).toMatch(/tfjs-backend-wasm-simd[^/]*\.wasm$/);
});

test('an unknown forced backend is reported, not silently replaced', async ({ page }) => {
  await page.goto('/?backend=cuda');
  const badge = page.getByTestId('backend');
  await expect(badge).toHaveText('compute: unavailable', { timeout: 60_000 });
  await expect(badge).toHaveAttribute('title', /Unknown backend "cuda"/);
});
