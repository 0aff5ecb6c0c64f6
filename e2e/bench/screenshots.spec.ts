import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openDemo } from '../view3d-helpers.ts';

/**
 * Screenshots of each view on the demo tomogram for the docs and closing notes (issue 3):
 *   SCREENSHOTS_DIR=docs/screenshots npx playwright test --config playwright.bench.config.ts screenshots
 * Without SCREENSHOTS_DIR they go to the test's output folder (so `npm run bench` leaves docs alone).
 */
test('screenshots of the studio on the demo', async ({ page }, info) => {
  const dir = process.env.SCREENSHOTS_DIR ?? info.outputPath();
  mkdirSync(dir, { recursive: true });
  await openDemo(page);
  // A few picks so the views show markers and the 3D view spheres.
  await page.evaluate(() =>
    window.__tomopick!.importTestPicks([
      { x: 128, y: 128, z: 32, classId: 1 },
      { x: 90, y: 150, z: 30, classId: 2 },
      { x: 170, y: 100, z: 34, classId: 3 },
    ]),
  );
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(dir, 'studio.png') });
  for (const view of ['view-xy', 'view-xz', 'view-yz', 'view-3d']) {
    const element = page.getByTestId(view);
    await expect(element).toBeVisible();
    await element.screenshot({ path: join(dir, `${view}.png`) });
  }
});
