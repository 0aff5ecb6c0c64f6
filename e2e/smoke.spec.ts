import { expect, test } from '@playwright/test';

/**
 * Smoke test of the foundation: the studio opens in Debian's Chromium, generates the demo tomogram,
 * shows its XY slice, and reports the tfjs backend it got (webgpu on SwiftShader here).
 */
/**
 * Grey-level statistics of a WebGL2 canvas, read back from the renderer's own context (getContext returns it);
 * its drawing buffer is preserved, so this works after compositing. Runs in the page.
 */
function glPixelStats(canvas: HTMLCanvasElement): { width: number; height: number; mean: number; sd: number } {
  const gl = canvas.getContext('webgl2')!;
  const data = new Uint8Array(canvas.width * canvas.height * 4);
  gl.readPixels(0, 0, canvas.width, canvas.height, gl.RGBA, gl.UNSIGNED_BYTE, data);
  let sum = 0;
  let sumSq = 0;
  const n = data.length / 4;
  for (let i = 0; i < data.length; i += 4) {
    sum += data[i]!;
    sumSq += data[i]! * data[i]!;
  }
  const mean = sum / n;
  return { width: canvas.width, height: canvas.height, mean, sd: Math.sqrt(sumSq / n - mean * mean) };
}

test('studio opens on the demo tomogram and reports its compute backend', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');

  const xy = page.getByTestId('view-xy');
  await expect(xy).toBeVisible();
  const tomograms = await page.evaluate(() => window.__tomopick!.tomograms());
  expect(tomograms).toHaveLength(1);
  expect(tomograms[0]!.nx).toBeGreaterThan(32);

  // The XY slice is drawn on the GPU, on the image canvas under the overlays: real contrast, not a blank canvas.
  await expect(xy).toHaveAttribute('data-drawn-index', /\d+/);
  await expect(xy).toHaveAttribute('data-renderer', 'webgl2');
  const image = page.getByTestId('view-xy-image');
  const pixels = await image.evaluate(glPixelStats);
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

test('the slice image comes back after the WebGL context is lost and restored', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');
  const xy = page.getByTestId('view-xy');
  await expect(xy).toHaveAttribute('data-renderer', 'webgl2');
  await expect(xy).toHaveAttribute('data-drawn-index', /\d+/);
  const image = page.getByTestId('view-xy-image');
  await image.evaluate(async (canvas: HTMLCanvasElement) => {
    const lose = canvas.getContext('webgl2')!.getExtension('WEBGL_lose_context')!;
    const lost = new Promise((resolve) => canvas.addEventListener('webglcontextlost', resolve, { once: true }));
    lose.loseContext();
    await lost;
    // Chromium allows the restore only once the lost event's dispatch has finished, after this microtask.
    await new Promise((resolve) => setTimeout(resolve, 50));
    lose.restoreContext();
  });
  // The restored context starts black; the renderer must rebuild its program and texture and redraw.
  await expect.poll(async () => (await image.evaluate(glPixelStats)).sd, { timeout: 10_000 }).toBeGreaterThan(10);
  expect(errors).toEqual([]);
});
