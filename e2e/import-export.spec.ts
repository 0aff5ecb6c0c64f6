import { readFile } from 'node:fs/promises';
import { expect, test, type Download, type Page } from '@playwright/test';

/**
 * Coordinates round trip through the real UI: a RELION 5 STAR written here is imported onto the
 * demo tomogram, the picks land on the expected voxels, the export dialog writes RELION 5 again,
 * and the downloaded file holds the same Å coordinates. Undo removes the import in one step.
 */

/** Voxel positions (0-based, x y z) and classes of the picks the test file describes. */
const PICKS = [
  { x: 40.5, y: 100, z: 20, classId: 1 },
  { x: 128, y: 128, z: 32, classId: 2 },
  { x: 200.25, y: 60, z: 10.75, classId: 1 },
];

interface StarRow {
  [label: string]: string;
}

/** Rows of the first loop of a STAR text (enough for the files RELION and we write). */
function parseStarLoop(text: string): StarRow[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const start = lines.indexOf('loop_');
  expect(start, 'a loop_ in the STAR file').toBeGreaterThanOrEqual(0);
  const labels: string[] = [];
  let i = start + 1;
  for (; i < lines.length && lines[i]!.startsWith('_'); i++) labels.push(lines[i]!.split(/\s+/)[0]!.slice(1));
  const rows: StarRow[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('data_')) break;
    const values = line.match(/"[^"]*"|'[^']*'|\S+/g)!.map((v) => v.replace(/^["']|["']$/g, ''));
    expect(values).toHaveLength(labels.length);
    rows.push(Object.fromEntries(labels.map((l, j) => [l, values[j]!])));
  }
  return rows;
}

async function downloadedText(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [download]: [Download, void] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
}

test('imports a RELION 5 STAR onto the demo, exports RELION 5 with the same coordinates, undoes the import', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/');
  await expect(page.getByTestId('view-xy')).toBeVisible();
  const [tomogram] = await page.evaluate(() => window.__tomopick!.tomograms());
  const { nx, ny, nz } = tomogram!;
  const voxel = tomogram!.voxelSize[0]!;
  // X_Å = (x − nx/2)·v (docs/formats.md, RELION 5).
  const angstrom = PICKS.map((p) => [(p.x - nx / 2) * voxel, (p.y - ny / 2) * voxel, (p.z - nz / 2) * voxel]);
  const star = [
    '# version 50001',
    'data_particles',
    'loop_',
    '_rlnTomoName #1',
    '_rlnCenteredCoordinateXAngst #2',
    '_rlnCenteredCoordinateYAngst #3',
    '_rlnCenteredCoordinateZAngst #4',
    '_rlnClassNumber #5',
    ...angstrom.map(([x, y, z], i) => `"${tomogram!.name}" ${x} ${y} ${z} ${PICKS[i]!.classId}`),
    '',
  ].join('\n');

  await page.getByTestId('import-coords').setInputFiles({ name: 'particles.star', mimeType: 'text/plain', buffer: Buffer.from(star) });
  await expect.poll(async () => (await page.evaluate(() => window.__tomopick!.picks())).filter((p) => p.source === 'imported').length).toBe(3);
  const imported = (await page.evaluate(() => window.__tomopick!.picks()))
    .filter((p) => p.source === 'imported')
    .sort((a, b) => a.x - b.x);
  imported.forEach((p, i) => {
    const want = PICKS[i]!;
    expect(p.tomogram).toBe(tomogram!.id);
    expect(p.status).toBe('accepted');
    expect(p.classId).toBe(want.classId);
    expect(p.x).toBeCloseTo(want.x, 6);
    expect(p.y).toBeCloseTo(want.y, 6);
    expect(p.z).toBeCloseTo(want.z, 6);
  });
  await expect(page.getByTestId('messages')).toContainText('Imported 3 picks from particles.star (relion5)');

  await page.getByTestId('export').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await page.getByTestId('export-format').selectOption('relion5');
  await expect(page.getByTestId('export-tomo-name')).toHaveValue('demo_simulated');
  await expect(page.getByTestId('export-voxel')).toHaveValue(String(voxel));
  await expect(page.getByTestId('export-count')).toHaveText(/^3 picks/);
  await expect(page.getByTestId('export-preview')).toContainText('_rlnCenteredCoordinateXAngst');

  const particles = await downloadedText(page, 'export-download');
  expect(particles.name).toBe('demo_simulated_particles.star');
  const rows = parseStarLoop(particles.text);
  expect(rows).toHaveLength(3);
  // Exports are ordered by class, then z: match rows to inputs by position, not by order.
  for (const [x, y, z] of angstrom) {
    const row = rows.find((r) => Math.abs(Number(r.rlnCenteredCoordinateXAngst) - x!) < 1e-3);
    expect(row, `a row at X = ${x} Å`).toBeDefined();
    expect(row!.rlnTomoName).toBe('demo_simulated');
    expect(Math.abs(Number(row!.rlnCenteredCoordinateYAngst) - y!)).toBeLessThan(1e-3);
    expect(Math.abs(Number(row!.rlnCenteredCoordinateZAngst) - z!)).toBeLessThan(1e-3);
  }

  const tomograms = await downloadedText(page, 'export-tomograms-star');
  expect(tomograms.name).toBe('tomograms.star');
  const [set] = parseStarLoop(tomograms.text);
  expect([set!.rlnTomoName, Number(set!.rlnTomoSizeX), Number(set!.rlnTomoSizeY), Number(set!.rlnTomoSizeZ)]).toEqual(['demo_simulated', nx, ny, nz]);
  expect(Number(set!.rlnTomoTiltSeriesPixelSize)).toBeCloseTo(voxel, 6);

  // Candidates are not exported unless asked: none here, so "accepted only" and "all" agree.
  await page.getByTestId('export-status').selectOption('all');
  await expect(page.getByTestId('export-count')).toHaveText(/^3 picks/);
  await page.getByTestId('export-class').selectOption('2');
  await expect(page.getByTestId('export-count')).toHaveText(/^1 pick\b/);
  await page.getByTestId('export-close').click();
  await expect(page.getByTestId('export-dialog')).toBeHidden();

  await page.getByTestId('undo').click();
  await expect.poll(async () => (await page.evaluate(() => window.__tomopick!.picks())).filter((p) => p.source === 'imported').length).toBe(0);
  expect(errors).toEqual([]);
});
