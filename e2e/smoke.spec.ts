import { expect, test } from '@playwright/test';

/**
 * Smoke test of the foundation: the studio opens in Debian's Chromium, generates the demo tomogram,
 * shows its XY slice, and reports the tfjs backend it got (webgpu on SwiftShader here).
 */
test('studio opens on the demo tomogram and reports its compute backend', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');

  const xy = page.getByTestId('view-xy');
  await expect(xy).toBeVisible();
  const tomograms = await page.evaluate(() => window.__tomopick!.tomograms());
  expect(tomograms).toHaveLength(1);
  expect(tomograms[0]!.nx).toBeGreaterThan(32);

  // The XY canvas shows the demo's slice: real contrast, not a blank canvas.
  await page.waitForTimeout(300); // one animation frame to draw
  const pixels = await xy.evaluate((canvas: HTMLCanvasElement) => {
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    let sumSq = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      sum += data[i]!;
      sumSq += data[i]! * data[i]!;
    }
    const mean = sum / n;
    return { width: canvas.width, height: canvas.height, mean, sd: Math.sqrt(sumSq / n - mean * mean) };
  });
  await expect(xy).toHaveAttribute('data-slice-width', String(tomograms[0]!.nx));
  await expect(xy).toHaveAttribute('data-slice-height', String(tomograms[0]!.ny));
  expect(pixels.width).toBeGreaterThan(100);
  expect(pixels.sd).toBeGreaterThan(10);

  const backend = page.getByTestId('backend');
  await expect(backend).toHaveText(/compute: (webgpu|webgl|wasm|cpu)/, { timeout: 60_000 });
  const active = await page.evaluate(() => window.__tomopick!.activeBackend());
  console.log(`tfjs backend in headless Chromium: ${active}`);
  expect(['webgpu', 'webgl', 'wasm', 'cpu']).toContain(active);
  expect(errors).toEqual([]);
});

test('slice stepping moves through the tomogram', async ({ page }) => {
  await page.goto('/');
  const xy = page.getByTestId('view-xy');
  await expect(xy).toBeVisible();
  const before = Number(await xy.getAttribute('data-slice-index'));
  await xy.hover();
  await page.mouse.wheel(0, 100);
  await expect(xy).toHaveAttribute('data-slice-index', String(before + 1));
});
