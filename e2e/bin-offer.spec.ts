import { closeSync, openSync, writeSync, ftruncateSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

/**
 * A tomogram over the studio's comfort size (1 GiB in memory) is not read until the user answers
 * the offer to bin it. The file is sparse (a real MRC header, zeros after it): 1.1 GB on paper,
 * nothing on disk.
 */
function sparseMrc(nx: number, ny: number, nz: number): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tomopick-big-')), 'big.mrc');
  const header = Buffer.alloc(1024);
  header.writeInt32LE(nx, 0);
  header.writeInt32LE(ny, 4);
  header.writeInt32LE(nz, 8);
  header.writeInt32LE(2, 12); // mode 2: float32
  [nx, ny, nz].forEach((n, i) => header.writeInt32LE(n, 28 + 4 * i)); // MX, MY, MZ
  [nx, ny, nz].forEach((n, i) => header.writeFloatLE(n * 10, 40 + 4 * i)); // cell: 10 Å voxels
  [90, 90, 90].forEach((a, i) => header.writeFloatLE(a, 52 + 4 * i));
  [1, 2, 3].forEach((a, i) => header.writeInt32LE(a, 64 + 4 * i)); // MAPC/MAPR/MAPS
  header.write('MAP ', 208, 'latin1');
  header.writeUInt32LE(0x00004444, 212); // little-endian machine stamp
  const fd = openSync(path, 'w');
  writeSync(fd, header, 0, 1024, 0);
  ftruncateSync(fd, 1024 + nx * ny * nz * 4);
  closeSync(fd);
  return path;
}

test('offers to bin a tomogram bigger than the studio should hold, and opens it binned', async ({ page }) => {
  const path = sparseMrc(1024, 1024, 272); // 1.06 GiB of float32
  await page.goto('/');
  await expect(page.getByTestId('view-xy')).toBeVisible();
  const before = await page.evaluate(() => window.__tomopick!.tomograms().length);
  await page.getByTestId('open-file').setInputFiles(path);
  const offer = page.getByTestId('bin-offer');
  await expect(offer).toBeVisible();
  await expect(offer).toContainText('1024 × 1024 × 272 voxels: 1.1 GB in memory');
  await expect(page.getByTestId('bin-offer-suggested')).toHaveText('Open binned 2× (136 MB)');
  await page.getByTestId('bin-offer-other').click(); // 4×: quickest to read here
  await expect(offer).toBeHidden();
  await expect.poll(() => page.evaluate(() => window.__tomopick!.tomograms().length), { timeout: 120_000 }).toBe(before + 1);
  const opened = await page.evaluate(() => window.__tomopick!.tomograms().at(-1)!);
  expect([opened.nx, opened.ny, opened.nz]).toEqual([256, 256, 68]);
});
