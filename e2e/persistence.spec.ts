import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openBesideDemo } from './open-studio.ts';

/**
 * Projects never lose work: picks, classes and opened tomograms survive a reload. The small MRC is
 * opened through the file input, so after the reload it can only come back from the studio's own
 * copy in the origin-private file system; the demo comes back from the simulator.
 */

let dir: string;
let mrcPath: string;

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tomopick-persist-'));
  execFileSync('bin/tomopick', ['simulate', '--out', dir, '--shape', '48,48,24'], { stdio: 'ignore' });
  mrcPath = join(dir, 'tomogram.mrc');
});

test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function allSaved(page: Page): Promise<void> {
  // 'saved' with a time after the last change: the debounced autosave has written it.
  await expect.poll(() => page.evaluate(() => window.__tomopick!.persistence().phase)).toBe('saved');
}

test('picks, classes and tomograms come back after a reload', async ({ page }) => {
  const errors = await openBesideDemo(page, mrcPath);
  // The active tomogram is the MRC; pick on it, then on the demo.
  await page.evaluate(() => window.__tomopick!.importTestPicks([{ x: 10, y: 11, z: 12, classId: 1 }, { x: 20.5, y: 30, z: 5, classId: 2 }]));
  await page.getByTestId('tomogram-select').selectOption({ index: 0 });
  await page.evaluate(() => window.__tomopick!.importTestPicks([{ x: 100, y: 90, z: 30, classId: 1 }]));
  await allSaved(page);

  const before = await page.evaluate(() => ({
    tomograms: window.__tomopick!.tomograms(),
    classes: window.__tomopick!.classes(),
    picks: window.__tomopick!.picks(),
  }));
  expect(before.picks).toHaveLength(3);
  // The MRC's bytes were copied into OPFS.
  const stored = await page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('tomograms');
    const sizes: number[] = [];
    for await (const handle of (dir as unknown as { values(): AsyncIterable<FileSystemFileHandle> }).values()) sizes.push((await handle.getFile()).size);
    return sizes;
  });
  expect(stored).toEqual([222208]);

  await page.reload();
  // Each tomogram either comes back or is listed as pending with the reason (shown if this fails).
  await expect
    .poll(() => page.evaluate(() => (window.__tomopick ? window.__tomopick.tomograms().length + window.__tomopick.persistence().pending.length : 0)), {
      timeout: 90_000,
    })
    .toBe(2);
  expect(await page.evaluate(() => window.__tomopick!.persistence().pending)).toEqual([]);
  expect(await page.evaluate(() => window.__tomopick!.tomograms().length)).toBe(2);
  await allSaved(page);
  const after = await page.evaluate(() => ({
    tomograms: window.__tomopick!.tomograms(),
    classes: window.__tomopick!.classes(),
    picks: window.__tomopick!.picks(),
    pending: window.__tomopick!.persistence().pending,
  }));
  const shape = (t: { name: string; nx: number; ny: number; nz: number; dtype: string }) => [t.name, t.nx, t.ny, t.nz, t.dtype];
  expect(after.tomograms.map(shape)).toEqual(before.tomograms.map(shape));
  expect(after.classes).toEqual(before.classes);
  expect(after.pending).toEqual([]);
  // Session ids may differ after a reload; compare picks by tomogram name.
  const nameOf = (tomograms: { id: string; name: string }[], id: string) => tomograms.find((t) => t.id === id)!.name;
  const byName = (s: typeof before) =>
    s.picks.map((p) => ({ ...p, tomogram: nameOf(s.tomograms, p.tomogram) })).sort((a, b) => a.id.localeCompare(b.id));
  expect(byName(after)).toEqual(byName(before));
  await expect(page.getByTestId('pick-count')).toBeVisible();
  expect(errors).toEqual([]);
});
