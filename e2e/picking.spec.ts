import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

/**
 * Picking in the slice views: open an MRC through the file input, scroll, click to add a pick,
 * drag it, delete it, and undo/redo each step.
 */
let mrcPath: string;

test.beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'tomopick-e2e-'));
  execFileSync('bin/tomopick', ['simulate', '--out', dir, '--shape', '64,64,32', '--seed', '3'], { stdio: 'pipe' });
  mrcPath = join(dir, 'tomogram.mrc');
});

const picks = (page: Page) => page.evaluate(() => window.__tomopick!.picks());

/** Canvas-relative CSS pixel of voxel (u, v) in a view, read from the view's fitted transform. */
async function screenPoint(page: Page, testId: string, u: number, v: number) {
  return page.getByTestId(testId).evaluate(
    (canvas: HTMLCanvasElement, [u, v]) => {
      const rect = canvas.getBoundingClientRect();
      const w = Number(canvas.dataset.sliceWidth);
      const h = Number(canvas.dataset.sliceHeight);
      const scale = Math.min(rect.width / w, rect.height / h);
      const offX = (rect.width - w * scale) / 2;
      const offY = (rect.height - h * scale) / 2;
      return { x: rect.left + offX + (u! + 0.5) * scale, y: rect.top + offY + (v! + 0.5) * scale };
    },
    [u, v],
  );
}

test('open an MRC, scroll, add / move / delete a pick with undo and redo', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('view-xy')).toBeVisible();
  await page.getByTestId('open-file').setInputFiles(mrcPath);
  await expect.poll(async () => (await page.evaluate(() => window.__tomopick!.tomograms())).length).toBe(2);
  const xy = page.getByTestId('view-xy');
  await expect(xy).toHaveAttribute('data-slice-width', '64');

  // Scroll: wheel steps one slice, the slider jumps.
  const start = Number(await xy.getAttribute('data-slice-index'));
  await xy.hover();
  await page.mouse.wheel(0, 100);
  await expect(xy).toHaveAttribute('data-slice-index', String(start + 1));
  await page.getByTestId('slider-xy').fill('10');
  await expect(xy).toHaveAttribute('data-slice-index', '10');

  // Click adds a pick of the active class at the clicked voxel, depth = current slice.
  const a = await screenPoint(page, 'view-xy', 20, 30);
  await page.mouse.click(a.x, a.y);
  await expect.poll(async () => (await picks(page)).length).toBe(1);
  const [added] = await picks(page);
  expect(added!.x).toBeCloseTo(20, 0);
  expect(added!.y).toBeCloseTo(30, 0);
  expect(added!.z).toBe(10);
  expect(added!.source).toBe('manual');
  await expect(page.getByTestId('pick-count')).toHaveText('1');

  // Drag moves it (one undo step for the whole drag).
  const b = await screenPoint(page, 'view-xy', 40, 12);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 3 });
  await page.mouse.move(b.x, b.y, { steps: 3 });
  await page.mouse.up();
  const [moved] = await picks(page);
  expect(moved!.x).toBeCloseTo(40, 0);
  expect(moved!.y).toBeCloseTo(12, 0);

  // Delete removes the selected pick.
  await page.keyboard.press('Delete');
  await expect.poll(async () => (await picks(page)).length).toBe(0);

  // Undo: back comes the pick where it was moved to; undo again: back before the drag.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await picks(page)).length).toBe(1);
  expect((await picks(page))[0]!.x).toBeCloseTo(40, 0);
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await picks(page))[0]?.x).toBeCloseTo(20, 0);
  // Redo twice: moved, then deleted again.
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(async () => (await picks(page))[0]?.x).toBeCloseTo(40, 0);
  await page.getByTestId('redo').click();
  await expect.poll(async () => (await picks(page)).length).toBe(0);
});

test('class edits undo and redo in the one history: rename, recolour, undo both, redo one', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('open-file').setInputFiles(mrcPath);
  await expect.poll(async () => (await page.evaluate(() => window.__tomopick!.tomograms())).length).toBe(2);
  const firstName = async () => (await page.evaluate(() => window.__tomopick!.classes()))[0]!.name;
  const undo = page.getByTestId('undo');
  const redo = page.getByTestId('redo');
  await page.getByTestId('edit-classes').click();
  const name = page.getByLabel('Class name').first();
  const colour = page.locator('.class-edit input[type=color]').first();
  const originalName = await name.inputValue();
  const originalColour = await colour.inputValue();
  expect(originalName).not.toBe('actin filament');
  expect(originalColour).not.toBe('#ff0000');

  // Typed key by key, committed by Enter: one undo step, not one per key.
  await name.fill('');
  await name.pressSequentially('actin filament');
  expect(await firstName()).toBe(originalName);
  await name.press('Enter');
  await expect.poll(firstName).toBe('actin filament');
  await expect(undo).toHaveAttribute('title', 'Undo: rename class (Ctrl+Z)');

  await colour.fill('#ff0000');
  await expect(colour).toHaveValue('#ff0000');
  await expect(undo).toHaveAttribute('title', 'Undo: recolour class (Ctrl+Z)');

  // Ctrl+Z from outside the text fields (typing there is not a shortcut).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect(colour).toHaveValue(originalColour);
  await expect(undo).toHaveAttribute('title', 'Undo: rename class (Ctrl+Z)');
  await page.keyboard.press('Control+z');
  await expect.poll(firstName).toBe(originalName);
  await expect(name).toHaveValue(originalName);

  await expect(redo).toHaveAttribute('title', 'Redo: rename class (Ctrl+Shift+Z)');
  await page.keyboard.press('Control+Shift+z');
  await expect.poll(firstName).toBe('actin filament');
  await expect(colour).toHaveValue(originalColour);
  await expect(redo).toHaveAttribute('title', 'Redo: recolour class (Ctrl+Shift+Z)');

  // Deleting a class takes its picks along, as one step that Ctrl+Z takes back.
  const classIds = async () => (await page.evaluate(() => window.__tomopick!.classes())).map((c) => c.id);
  const [firstId] = await classIds();
  const spot = await screenPoint(page, 'view-xy', 20, 30);
  await page.mouse.click(spot.x, spot.y);
  const ofFirst = async () => (await picks(page)).filter((p) => p.classId === firstId).length;
  await expect.poll(ofFirst).toBeGreaterThan(0);
  const picksBefore = (await picks(page)).length;
  const deleted = await ofFirst();
  const classesBefore = await classIds();
  await page.getByRole('button', { name: 'Delete actin filament' }).click();
  await expect.poll(classIds).toEqual(classesBefore.slice(1));
  expect(await ofFirst()).toBe(0);
  expect((await picks(page)).length).toBe(picksBefore - deleted);
  await expect(undo).toHaveAttribute('title', new RegExp(`^Undo: delete class actin filament and ${deleted} picks? \\(Ctrl\\+Z\\)$`));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Control+z');
  await expect.poll(classIds).toEqual(classesBefore);
  expect(await ofFirst()).toBe(deleted);
});
