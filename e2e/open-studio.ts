import { expect, type Page } from '@playwright/test';

/**
 * Opens the studio, waits for the demo tomogram, then opens `mrcPath` through the file input (it
 * becomes the active tomogram). Returns the page errors collected from the start.
 */
export async function openBesideDemo(page: Page, mrcPath: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');
  await expect(page.getByTestId('view-xy')).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.__tomopick!.tomograms().length)).toBe(1);
  await page.getByTestId('open-file').setInputFiles(mrcPath);
  await expect.poll(() => page.evaluate(() => window.__tomopick!.tomograms().length)).toBe(2);
  return errors;
}
