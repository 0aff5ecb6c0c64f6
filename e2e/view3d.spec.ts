import { expect, test, type Page } from '@playwright/test';

/**
 * The 3D view on the demo tomogram: an isosurface is drawn, picks appear as instanced spheres,
 * clicking a sphere selects its pick, and the frame time with 20,000 picks is reported
 * (SwiftShader here: a figure for the record, not a pass/fail target).
 */
const view3d = (page: Page) => page.evaluate(() => window.__tomopick!.view3d());

async function openDemo(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');
  await expect(page.getByTestId('view-3d')).toBeVisible();
  await expect.poll(async () => (await view3d(page))?.surfaceTriangles ?? 0, { timeout: 60_000 }).toBeGreaterThan(1000);
  const [tomogram] = await page.evaluate(() => window.__tomopick!.tomograms());
  return { tomogram: tomogram!, errors };
}

test('the 3D view draws the demo surface, shows picks as spheres and selects one by click', async ({ page }) => {
  const { tomogram, errors } = await openDemo(page);
  expect(await page.evaluate(() => window.__tomopick!.view3dLitFraction())).toBeGreaterThan(0.05);

  // A pick at the volume's centre lies under the canvas centre (the orbit target) whatever the zoom.
  const centre = { x: (tomogram.nx - 1) / 2, y: (tomogram.ny - 1) / 2, z: (tomogram.nz - 1) / 2 };
  const added = await page.evaluate((c) => {
    return window.__tomopick!.importTestPicks([
      { ...c, classId: 1 },
      { x: 10, y: 12, z: 8, classId: 2 },
      { x: 200, y: 40, z: 30, classId: 3 },
    ]);
  }, centre);
  expect(added).toBe(3);
  await expect.poll(async () => (await view3d(page))?.shownInstances).toBe(3);
  const withPicks = (await view3d(page))!;
  expect(withPicks.trianglesDrawn).toBeGreaterThan(withPicks.surfaceTriangles);

  const canvas = page.getByTestId('view-3d');
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const centrePick = (await page.evaluate(() => window.__tomopick!.picks())).find((p) => p.x === centre.x && p.y === centre.y)!;
  await expect.poll(() => page.evaluate(() => window.__tomopick!.selectedPickId())).toBe(centrePick.id);
  expect(await page.evaluate(() => window.__tomopick!.position())).toEqual({
    x: Math.round(centre.x),
    y: Math.round(centre.y),
    z: Math.round(centre.z),
  });

  // Clicking empty background (a corner) selects nothing new.
  await page.mouse.click(box.x + 3, box.y + 3);
  expect(await page.evaluate(() => window.__tomopick!.selectedPickId())).toBe(centrePick.id);
  expect(errors).toEqual([]);
});

test('frame time with 20,000 picks in 3D (reported)', async ({ page }) => {
  test.setTimeout(300_000); // SwiftShader draws 1.7 M triangles in seconds, not milliseconds
  const { tomogram, errors } = await openDemo(page);
  const count = 20_000;
  await page.evaluate(
    ({ n, nx, ny, nz }) => {
      let seed = 42;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      const records = Array.from({ length: n }, (_, i) => ({ x: random() * (nx - 1), y: random() * (ny - 1), z: random() * (nz - 1), classId: 1 + (i % 4) }));
      window.__tomopick!.importTestPicks(records);
    },
    { n: count, nx: tomogram.nx, ny: tomogram.ny, nz: tomogram.nz },
  );
  await expect.poll(async () => (await view3d(page))?.shownInstances, { timeout: 30_000 }).toBe(count);

  await page.getByTestId('view-3d-spin').click();
  const before = (await view3d(page))!.frames;
  // Polled sparsely: every read costs the page a little time that the frames should not pay.
  await page.waitForFunction((n) => window.__tomopick!.view3d()!.frames >= n, before + 5, { timeout: 90_000, polling: 1000 });
  const stats = (await view3d(page))!;
  await page.getByTestId('view-3d-spin').click();
  expect(stats.frameTimeMs).toBeGreaterThan(0);
  expect(stats.trianglesDrawn).toBeGreaterThan(count * 20);
  console.log(JSON.stringify({ name: 'frame-time-3d-20k', value: Number(stats.frameTimeMs!.toFixed(1)), unit: 'ms' }));
  console.log(JSON.stringify({ name: 'render-call-3d-20k', value: Number(stats.renderCallMs!.toFixed(2)), unit: 'ms', trianglesDrawn: stats.trianglesDrawn }));
  expect(errors).toEqual([]);
});
