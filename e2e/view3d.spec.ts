import { expect, test } from '@playwright/test';
import { openDemo, view3d } from './view3d-helpers.ts';

/**
 * The 3D view on the demo tomogram: an isosurface is drawn, picks appear as instanced spheres,
 * clicking a sphere selects its pick. (Frame time with 20,000 picks: e2e/bench/frame-time-3d.spec.ts.)
 */
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
  // The spheres are drawn with the next frame: then more triangles than the surface alone.
  await expect.poll(async () => {
    const stats = (await view3d(page))!;
    return stats.trianglesDrawn - stats.surfaceTriangles;
  }).toBeGreaterThan(0);

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
