import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { writeBallsMrc } from './balls-mrc.ts';
import { openBesideDemo } from './open-studio.ts';

/**
 * The user-painted exclusion mask (issue 4): a brush stroke over three of six balls keeps the next
 * proposals run off them, is drawn as an overlay, undoes with Ctrl+Z and survives a reload.
 */

let dir: string;
let mrcPath: string;
const BALLS = [12, 36].flatMap((x) => [10, 24, 38].map((y) => ({ x, y, z: 8 })));
// A vertical stroke down the left column of balls: radius 8 voxels (8 nm at 10 Å/voxel).
const STROKE = { u: 12, v0: 3, v1: 45, radius: 8 };

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tomopick-mask-'));
  mrcPath = join(dir, 'balls.mrc');
  writeBallsMrc(mrcPath, { size: { nx: 48, ny: 48, nz: 16 }, voxel: 10, balls: BALLS });
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const strokeCount = (page: Page) => page.getByTestId('mask-stroke-count');
const overlayPixels = (page: Page) => page.getByTestId('view-xy').evaluate((c) => Number((c as HTMLCanvasElement).dataset.maskOverlay?.split('/')[0] ?? -1));
const proposals = (page: Page) => page.evaluate(() => window.__tomopick!.picks().filter((p) => p.source === 'proposal'));

/** Screen position of voxel (u, v) of the XY view, from its fitted transform. */
async function screenOf(page: Page, u: number, v: number): Promise<[number, number]> {
  return page.getByTestId('view-xy').evaluate(
    (c, [u, v]) => {
      const canvas = c as HTMLCanvasElement;
      const rect = canvas.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      const scale = Number(canvas.dataset.zoom);
      const ox = (canvas.width - Number(canvas.dataset.sliceWidth) * scale) / 2;
      const oy = (canvas.height - Number(canvas.dataset.sliceHeight) * scale) / 2;
      return [rect.left + (ox + (u! + 0.5) * scale) / dpr, rect.top + (oy + (v! + 0.5) * scale) / dpr] as [number, number];
    },
    [u, v],
  );
}

/** Runs Find and adds its proposals; a second run is told apart from the first by its new count line. */
async function findAndApply(page: Page, previousCount?: string): Promise<string> {
  await page.getByTestId('run-proposals').click();
  const count = page.getByTestId('proposal-count');
  if (previousCount === undefined) await expect(count).toBeVisible({ timeout: 90_000 });
  else await expect(count).not.toHaveText(previousCount, { timeout: 90_000 });
  await page.getByTestId('apply-proposals').click();
  return (await count.textContent()) ?? '';
}

test('paint a stroke, find proposals outside it, undo, reload', async ({ page }) => {
  const errors = await openBesideDemo(page, mrcPath);

  // Bright balls of 90 Å; the painted mask alone (no automatic mask) decides.
  await page.getByLabel('Particle polarity').selectOption('bright');
  await page.getByLabel('Minimum diameter in Å').fill('60');
  await page.getByLabel('Maximum diameter in Å').fill('120');
  await page.getByTestId('proposals-panel').getByLabel('auto mask').uncheck();
  const firstCount = await findAndApply(page);
  // Inside the painted region: within the brush of the segment, on the slab z = 4..12.
  const inStroke = (p: { x: number; y: number; z: number }) =>
    Math.abs(p.x - STROKE.u) <= STROKE.radius && p.y >= STROKE.v0 - STROKE.radius && p.y <= STROKE.v1 + STROKE.radius && p.z >= 4 && p.z <= 12;
  await expect.poll(async () => (await proposals(page)).filter(inStroke).length).toBeGreaterThanOrEqual(2);

  // A slab of 9 sections around z = 8 holds the balls' centres; paint down the left column.
  await page.getByTestId('view-xy').hover();
  for (let k = 0; k < 4; k++) await page.keyboard.press(']');
  await page.getByTestId('mask-paint-toggle').click();
  await page.getByTestId('mask-brush-radius').fill(String(STROKE.radius));
  const [x0, y0] = await screenOf(page, STROKE.u, STROKE.v0);
  const [x1, y1] = await screenOf(page, STROKE.u, STROKE.v1);
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  await page.mouse.move(x1, y1, { steps: 12 });
  await page.mouse.up();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('mask-paint-toggle')).toHaveAttribute('aria-pressed', 'false');
  await expect(strokeCount(page)).toHaveText('1 stroke');
  // The overlay covers about the stroke's area in the XY section: 17 × 42 voxels plus round caps.
  await expect.poll(() => overlayPixels(page)).toBeGreaterThan(17 * 40);
  expect(await page.evaluate(() => window.__tomopick!.picks().length)).toBeGreaterThan(0); // painting added no pick

  await findAndApply(page, firstCount);
  await expect.poll(async () => (await proposals(page)).filter((p) => p.x > 28).length).toBeGreaterThanOrEqual(2);
  const after = await proposals(page);
  expect(after.filter(inStroke)).toEqual([]);

  // Ctrl+Z: first the proposals, then the stroke; Ctrl+Shift+Z brings the stroke back.
  await page.getByTestId('view-xy').hover();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(strokeCount(page)).toHaveText('0 strokes');
  await expect.poll(() => overlayPixels(page)).toBe(0);
  await page.keyboard.press('Control+Shift+z');
  await expect(strokeCount(page)).toHaveText('1 stroke');
  await expect.poll(() => overlayPixels(page)).toBeGreaterThan(17 * 40);

  await expect.poll(() => page.evaluate(() => window.__tomopick!.persistence().phase)).toBe('saved');
  await page.reload();
  await expect
    .poll(() => page.evaluate(() => (window.__tomopick ? window.__tomopick.tomograms().length : 0)), { timeout: 90_000 })
    .toBe(2);
  await expect(strokeCount(page)).toHaveText('1 stroke');
  await expect.poll(() => overlayPixels(page)).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
