import { expect, test, type Page } from '@playwright/test';
import { MAX_FOURIER_THREADS } from '../src/core/proposals/fourier-pass.ts';

/**
 * A-LoG proposals on the demo (here with UPicker's plain LoG ranking: the compactness weight, on
 * by default, runs in the exclusion-mask test) become candidates; keyboard review accepts and
 * rejects them, undoably.
 */
const picks = (page: Page) => page.evaluate(() => window.__tomopick!.picks());
const countBy = async (page: Page, status: string) => (await picks(page)).filter((p) => p.status === status).length;

test('find proposals, add them as candidates, review with A / R / N, undo', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('view-xy')).toBeVisible();
  const roundBlobs = page.getByTestId('proposals-panel').getByLabel('Prefer round blobs');
  await expect(roundBlobs).toBeChecked();
  await roundBlobs.uncheck();
  await page.getByTestId('run-proposals').click();
  await expect(page.getByTestId('proposal-count')).toBeVisible({ timeout: 90_000 });
  // No GPU here: the CPU bank, its transforms on a pool of threads (shared memory, spare cores).
  const threads = await page.evaluate((max) => (crossOriginIsolated ? Math.min(max, navigator.hardwareConcurrency) : 1), MAX_FOURIER_THREADS);
  await expect(page.getByTestId('proposal-count')).toContainText(threads > 1 ? `filtered on CPU, ${threads} threads` : 'filtered on CPU');
  await expect(page.getByTestId('score-histogram')).toBeVisible();
  await page.getByTestId('apply-proposals').click();
  await expect.poll(() => countBy(page, 'candidate')).toBeGreaterThan(5);
  const all = await picks(page);
  expect(all.every((p) => p.source === 'proposal' && typeof p.score === 'number')).toBe(true);
  const best = Math.max(...all.map((p) => p.score!));

  await page.getByTestId('view-xy').hover();
  await page.keyboard.press('n'); // the highest-scoring candidate
  await expect(page.getByTestId('selected-pick')).toBeVisible();
  await page.keyboard.press('a'); // accept it, go to the next
  await expect.poll(() => countBy(page, 'accepted')).toBe(1);
  expect((await picks(page)).find((p) => p.status === 'accepted')!.score).toBe(best);
  await page.keyboard.press('r'); // reject the next one
  await expect.poll(() => countBy(page, 'rejected')).toBe(1);

  await page.keyboard.press('Control+z');
  await expect.poll(() => countBy(page, 'rejected')).toBe(0);
  expect(await countBy(page, 'accepted')).toBe(1);
});
