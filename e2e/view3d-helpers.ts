import { expect, type Page } from '@playwright/test';

/** Shared by the 3D view's spec and its benchmark. */
export const view3d = (page: Page) => page.evaluate(() => window.__tomopick!.view3d());

export async function openDemo(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');
  await expect(page.getByTestId('view-3d')).toBeVisible();
  await expect.poll(async () => (await view3d(page))?.surfaceTriangles ?? 0, { timeout: 60_000 }).toBeGreaterThan(1000);
  const [tomogram] = await page.evaluate(() => window.__tomopick!.tomograms());
  return { tomogram: tomogram!, errors };
}
