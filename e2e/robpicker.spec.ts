import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TRAINING_SCENE, useTinyNetwork } from './tiny-training.ts';
import { writeBallsMrc, type Ball } from './balls-mrc.ts';

/**
 * RobPicker in the browser (issue 6): a clean validation tomogram is marked, the meta modes refuse
 * to start without it, a tiny U-Net warms up on noisy labels (one ball missed, one pick on plain
 * noise), a few robpicker steps fine-tune it with the dashboard's data-weight chart and α, and the
 * label correction it learned suggests fixes; one is accepted with the keyboard and Ctrl+Z undoes
 * it. Class averages of the labels show as a surface; the pending fixes are drawn in the slice
 * views; a rejection undoes and redoes like an edit;
 * after a reload the list and its accepted/rejected states come back. Forced to wasm (see training.spec.ts).
 */
const { size: SIZE, voxel: VOXEL, balls: BALLS, classId: CLASS_ID } = TRAINING_SCENE;
/** The noisy training labels: the last ball missed, and a pick where there is only noise. */
const SPURIOUS = { x: 30, y: 24, z: 27 };
const NOISY_LABELS = [...BALLS.slice(0, -1), SPURIOUS];

let trainPath: string;
let validationPath: string;
test.beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'tomopick-robpicker-'));
  trainPath = join(dir, 'noisy.mrc');
  validationPath = join(dir, 'clean.mrc');
  writeBallsMrc(trainPath, { size: SIZE, voxel: VOXEL, balls: BALLS, seed: 7 });
  writeBallsMrc(validationPath, { size: SIZE, voxel: VOXEL, balls: BALLS, seed: 11 });
});

const picks = async (page: Page) => (await page.evaluate(() => window.__tomopick!.picks())).sort((a, b) => a.id.localeCompare(b.id));
const training = (page: Page) => page.evaluate(() => window.__tomopick!.training());

async function openWithPicks(page: Page, path: string, balls: readonly Ball[], tomograms: number): Promise<void> {
  await page.getByTestId('open-file').setInputFiles(path);
  await expect.poll(async () => (await page.evaluate(() => window.__tomopick!.tomograms())).length).toBe(tomograms);
  const added = await page.evaluate(([b, classId]) => window.__tomopick!.importTestPicks(b.map((p) => ({ ...p, classId }))), [balls, CLASS_ID] as const);
  expect(added).toBe(balls.length);
}

async function trainAndWait(page: Page, steps: number): Promise<void> {
  await page.getByTestId('train-steps').fill(String(steps));
  await page.getByTestId('train-start').click();
  await expect.poll(async () => training(page), { timeout: 90_000 }).toMatchObject({ phase: 'finished', step: steps, steps, error: undefined });
}

test('marks a validation tomogram, runs robpicker steps, reviews a suggested label fix, undoes it', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('view-xy')).toBeVisible();
  await openWithPicks(page, validationPath, BALLS, 2);
  await openWithPicks(page, trainPath, NOISY_LABELS, 3);

  // A meta mode without a validation tomogram cannot start, and says why.
  const panel = page.getByTestId('training-panel');
  await panel.getByLabel('Role of demo (simulated)').selectOption('skip');
  await page.getByTestId('train-mode').selectOption('robpicker');
  await expect(page.getByTestId('train-blocker')).toContainText('validation');
  await expect(page.getByTestId('train-start')).toBeDisabled();
  await panel.getByLabel('Role of clean.mrc').selectOption('validation');
  await expect(page.getByTestId('train-blocker')).toHaveCount(0);
  await page.getByTestId('train-batchSize').fill('1');
  await expect(page.getByTestId('train-blocker')).toContainText('batch of 2 or more');

  // Warm-up: supervised on the noisy labels (the label correction starts from this network's head).
  await page.getByTestId('train-mode').selectOption('supervised');
  await useTinyNetwork(page, panel, 0);
  await trainAndWait(page, 40);
  await expect(page.getByTestId('suggest-fixes')).toHaveCount(0); // no label correction in a supervised model

  // A few robpicker steps from the warm model: data weights by class and α on the dashboard.
  await page.getByTestId('train-from-model').check();
  await page.getByTestId('train-mode').selectOption('robpicker');
  await page.getByTestId('train-validationBatchSize').fill('2');
  await page.getByTestId('train-diceClasses').selectOption('present'); // the rare-species loss, in the browser's worker
  await expect(page.getByTestId('train-crossEntropyWeight')).toHaveAttribute('placeholder', '0'); // meta modes: Dice only by default
  await expect(page.getByTestId('train-crossEntropyAveraging')).toBeDisabled();
  await page.getByTestId('train-crossEntropyWeight').fill('1');
  await page.getByTestId('train-crossEntropyAveraging').selectOption('classes'); // class-balanced cross-entropy at both levels
  await trainAndWait(page, 6);
  await expect(page.getByTestId('data-weights-chart')).toBeVisible();
  await expect(page.getByTestId('meta-alpha')).toContainText('mean α');
  await expect(page.getByTestId('meta-validation-loss')).toHaveCount(1);
  await expect(page.getByTestId('current-model')).toContainText('with label correction');
  await page.getByTestId('model-save').click();
  await expect(page.getByTestId('saved-models')).toContainText('with label correction'); // the library keeps the LC

  // Suggestions on the noisy tomogram, ranked; the spurious pick is among the doubted ones.
  await page.getByTestId('suggest-fixes').click();
  const rows = page.getByTestId('fix-row');
  await expect.poll(() => rows.count(), { timeout: 60_000 }).toBeGreaterThan(0);
  const counts = page.getByTestId('fix-counts');
  const pending = Number(await counts.getAttribute('data-pending'));
  expect(pending).toBe(await rows.count());
  const listed = await rows.evaluateAll((els) => els.map((e) => ({ kind: e.dataset.kind, pickId: e.dataset.pickId, confidence: Number(e.dataset.confidence) })));
  console.log(`suggested fixes: ${JSON.stringify(listed)}`);
  // When no fix reaches the bulk threshold (0.5 by default), the panel says so and gives the top confidence.
  const reachesThreshold = listed.some((f) => f.confidence >= 0.5);
  await expect(page.getByTestId('fix-threshold-hint')).toHaveCount(reachesThreshold ? 0 : 1);
  if (!reachesThreshold) {
    const hint = (await page.getByTestId('fix-threshold-hint').textContent()) ?? '';
    const shown = Number(/most confident is (\d+\.\d+)/.exec(hint)?.[1]);
    expect(Math.abs(shown - Math.max(...listed.map((f) => f.confidence)))).toBeLessThan(0.0051);
  }
  const spuriousId = (await picks(page)).find((p) => p.x === SPURIOUS.x && p.y === SPURIOUS.y && p.z === SPURIOUS.z)!.id;
  expect(listed.some((f) => f.kind === 'remove' && f.pickId === spuriousId)).toBe(true);

  // Keyboard review: N selects the first pending fix (and moves the views to it), A accepts it.
  const before = await picks(page);
  await page.getByTestId('fix-list').focus();
  await page.keyboard.press('n');
  await expect(page.locator('[data-testid="fix-row"].selected')).toHaveCount(1);
  await page.keyboard.press('a');
  await expect(counts).toHaveAttribute('data-accepted', '1');
  const after = await picks(page);
  expect(after).not.toEqual(before);
  const changed = after.filter((p) => JSON.stringify(p) !== JSON.stringify(before.find((q) => q.id === p.id)));
  expect(changed).toHaveLength(1);
  expect(changed[0]!.source === 'corrected' || changed[0]!.status === 'rejected' || changed[0]!.classId !== CLASS_ID).toBe(true);

  // One undo step: the picks are as before and the fix is pending again.
  await page.keyboard.press('Control+z');
  await expect(counts).toHaveAttribute('data-accepted', '0');
  await expect(counts).toHaveAttribute('data-pending', String(pending));
  expect(await picks(page)).toEqual(before);

  // Class averages: the noisy labels' class averaged in the mesh worker, its mask drawn as a surface.
  await page.getByTestId('class-averages-compute').click();
  await expect(page.getByTestId('class-average-summary')).toHaveAttribute('data-count', String(NOISY_LABELS.length));
  await expect(page.getByTestId('class-average-summary')).toContainText('aligned in rotation'); // the default
  await expect.poll(async () => Number(await page.getByTestId('class-average-view').getAttribute('data-lit')), { timeout: 10_000 }).toBeGreaterThan(0.01);

  // The pending fixes are drawn in the slice views (the views sit on the focused fix) and in the 3D
  // view (one wireframe sphere per pending fix); "show fixes" hides them in both.
  const xy = page.getByTestId('view-xy');
  const fixesIn3D = () => page.evaluate(() => window.__tomopick?.view3d()?.fixInstances ?? -1);
  const stillPending = Number(await counts.getAttribute('data-pending'));
  await expect.poll(async () => Number(await xy.getAttribute('data-fix-marks'))).toBeGreaterThan(0);
  await expect.poll(fixesIn3D).toBe(stillPending);
  await page.getByTestId('fix-show').uncheck();
  await expect(xy).toHaveAttribute('data-fix-marks', '0');
  await expect.poll(fixesIn3D).toBe(0);
  await page.getByTestId('fix-show').check();
  await expect.poll(async () => Number(await xy.getAttribute('data-fix-marks'))).toBeGreaterThan(0);
  await expect.poll(fixesIn3D).toBe(stillPending);

  // A rejection is a step of the same history: undo puts the fix back to pending, redo rejects it again.
  await page.getByTestId('fix-list').focus();
  const selectedRow = page.locator('[data-testid="fix-row"].selected');
  const rejectedKey = await selectedRow.evaluate((e) => `${e.dataset.kind}/${e.dataset.pickId}/${e.dataset.confidence}`);
  await page.keyboard.press('r');
  await expect(counts).toHaveAttribute('data-rejected', '1');
  await page.keyboard.press('Control+z');
  await expect(counts).toHaveAttribute('data-rejected', '0');
  await expect(counts).toHaveAttribute('data-pending', String(pending));
  await page.keyboard.press('Control+Shift+z');
  await expect(counts).toHaveAttribute('data-rejected', '1');
  // And one accepted, so the reload has both decisions to bring back.
  await page.locator('[data-testid="fix-row"][data-status="pending"]').first().getByRole('button', { name: 'Accept fix' }).click();
  await expect(counts).toHaveAttribute('data-accepted', '1');
  const review = async () => ({
    counts: await counts.evaluate((e) => ({ ...e.dataset })),
    rows: await rows.evaluateAll((els) => els.map((e) => `${e.dataset.kind}/${e.dataset.pickId}/${e.dataset.confidence}:${e.dataset.status}`)),
  });
  const decided = await review();
  expect(decided.rows).toContain(`${rejectedKey}:rejected`);

  // Saved with the project: after a reload the list and its decisions come back.
  await expect.poll(() => page.evaluate(() => window.__tomopick!.persistence().phase)).toBe('saved');
  await page.reload();
  await expect.poll(() => page.evaluate(() => window.__tomopick?.tomograms().length ?? 0), { timeout: 90_000 }).toBe(3);
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(decided.rows.length);
  expect(await review()).toEqual(decided);
  expect(errors).toEqual([]);
});
