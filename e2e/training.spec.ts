import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { TRAINING_SCENE, useTinyNetwork } from './tiny-training.ts';
import { writeBallsMrc } from './balls-mrc.ts';

/**
 * The U-Net in the browser (issue 5): a tiny network trains for a few dozen steps in the training
 * worker on a small tomogram with labelled balls, the step count advances (with a pause that holds
 * it), a killed worker is reported and the run resumes from its last checkpoint, and "Predict
 * picks" adds `model` candidates that undo in one step while the class probabilities colour the
 * slice over the balls and make surfaces in 3D; calibrated on the balls with one label removed,
 * the model keeps a score threshold that the next prediction applies. Forced to the wasm backend: conv3d on
 * SwiftShader's WebGPU is ~10× slower than wasm and would not fit the time.
 */
const { size: SIZE, voxel: VOXEL, balls: BALLS, classId: CLASS_ID } = TRAINING_SCENE;

let mrcPath: string;
test.beforeAll(() => {
  mrcPath = join(mkdtempSync(join(tmpdir(), 'tomopick-train-')), 'balls.mrc');
  writeBallsMrc(mrcPath, { size: SIZE, voxel: VOXEL, balls: BALLS });
});

/**
 * Pixels of a WebGL slice canvas that are not grey (the slice is; the overlay is coloured), and how
 * many of them lie within `near` voxels of a ball, for the xy section at `z` drawn with the fit
 * transform (fitTransform in src/render/view-transform.ts). Runs in the page.
 */
function colouredPixels(
  canvas: HTMLCanvasElement,
  { balls, z, sliceWidth, sliceHeight, near }: { balls: readonly { x: number; y: number; z: number }[]; z: number; sliceWidth: number; sliceHeight: number; near: number },
): { coloured: number; nearBall: number } {
  const gl = canvas.getContext('webgl2')!;
  const w = gl.drawingBufferWidth;
  const h = gl.drawingBufferHeight;
  const px = new Uint8Array(4 * w * h);
  gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
  const scale = Math.min(w / sliceWidth, h / sliceHeight);
  const offsetX = (w - sliceWidth * scale) / 2;
  const offsetY = (h - sliceHeight * scale) / 2;
  let coloured = 0;
  let nearBall = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = 4 * (x + w * y);
      const [r, g, b] = [px[i]!, px[i + 1]!, px[i + 2]!];
      if (Math.abs(r - g) + Math.abs(g - b) + Math.abs(r - b) <= 40) continue;
      coloured++;
      const u = (x + 0.5 - offsetX) / scale - 0.5;
      const v = (h - 1 - y + 0.5 - offsetY) / scale - 0.5; // readPixels rows run bottom-up
      if (balls.some((ball) => Math.hypot(u - ball.x, v - ball.y, z - ball.z) <= near)) nearBall++;
    }
  }
  return { coloured, nearBall };
}

const training = (page: Page) => page.evaluate(() => window.__tomopick!.training());
const modelPicks = async (page: Page) => (await page.evaluate(() => window.__tomopick!.picks())).filter((p) => p.source === 'model');

test('trains a tiny U-Net in the browser, pauses it, and predicts model picks', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('view-xy')).toBeVisible();
  await page.getByTestId('open-file').setInputFiles(mrcPath);
  await expect.poll(async () => (await page.evaluate(() => window.__tomopick!.tomograms())).length).toBe(2);
  const added = await page.evaluate(([balls, classId]) => window.__tomopick!.importTestPicks(balls.map((b) => ({ ...b, classId }))), [BALLS, CLASS_ID] as const);
  expect(added).toBe(BALLS.length);

  const panel = page.getByTestId('training-panel');
  await panel.getByLabel('Role of demo (simulated)').selectOption('skip');
  await expect(panel.getByLabel('Role of balls.mrc')).toHaveValue('train');
  await page.getByTestId('train-steps').fill('60');
  await useTinyNetwork(page, panel, 10);
  await page.getByTestId('train-start').click();

  // The step count advances on the page; a pause holds it, resume lets it finish.
  const stepText = page.getByTestId('train-step');
  await expect.poll(async () => Number(await stepText.getAttribute('data-step')), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await page.getByTestId('train-pause').click();
  await expect(stepText).toHaveAttribute('data-phase', 'paused');
  await page.waitForTimeout(600); // the step in flight lands
  const held = (await training(page)).step;
  await page.waitForTimeout(800);
  expect((await training(page)).step).toBe(held);
  await page.getByTestId('train-pause').click();

  // The worker dies mid-run (as on a crash or a lost GPU; paused so the kill lands before the end):
  // the panel says so, and the run resumes from the last checkpoint in IndexedDB, counting on from its step.
  await expect.poll(async () => (await training(page)).checkpointStep ?? 0, { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
  await page.getByTestId('train-pause').click();
  await expect(stepText).toHaveAttribute('data-phase', 'paused');
  await page.evaluate(() => window.__tomopick!.killTrainingWorker());
  await expect(stepText).toHaveAttribute('data-phase', 'failed');
  // A checkpoint the worker sent just before dying may still be saving: the panel follows the stored one.
  const errorText = page.getByTestId('train-error');
  await expect
    .poll(async () => (await errorText.textContent())?.includes(`The train worker was killed by a test. You can resume from step ${(await training(page)).checkpointStep} `))
    .toBe(true);
  const checkpointStep = (await training(page)).checkpointStep!;
  expect(checkpointStep).toBeLessThan(60);
  const resumeButton = page.getByTestId('train-resume-checkpoint');
  await expect(resumeButton).toHaveText(`Resume from step ${checkpointStep}`);
  await resumeButton.click();
  await expect(stepText).toHaveAttribute('data-phase', 'finished', { timeout: 90_000 });
  const done = await training(page);
  // The loss curve is the checkpoint's history up to its step, then the resumed steps: 60 in all.
  expect(done).toMatchObject({ startStep: checkpointStep, step: 60, steps: 60, backend: 'wasm', losses: 60, error: undefined });
  expect(done.model).toMatch(/60 steps/);
  await expect(page.getByTestId('loss-chart')).toBeVisible();
  await expect(stepText).toContainText('16³, width 4, depth 1');

  // Predict: model picks arrive as candidates on the balls, counted in the pick count.
  const before = Number(await page.getByTestId('pick-count').textContent());
  const OVERLAY_Z = 10; // balls 1 and 5 are centred within a voxel of it, ball 3 two voxels away
  await page.getByTestId('slider-xy').fill(String(OVERLAY_Z));
  const xy = page.getByTestId('view-xy');
  await expect(xy).toHaveAttribute('data-drawn-index', String(OVERLAY_Z));
  const pixelArgs = { balls: BALLS, z: OVERLAY_Z, sliceWidth: SIZE.nx, sliceHeight: SIZE.ny, near: 7 };
  const xyImage = page.getByTestId('view-xy-image');
  expect((await xyImage.evaluate(colouredPixels, pixelArgs)).coloured).toBe(0);
  await page.getByTestId('predict-picks').click();
  await expect.poll(async () => (await modelPicks(page)).length, { timeout: 60_000 }).toBeGreaterThan(0);
  const predicted = await modelPicks(page);
  expect(predicted.every((p) => p.status === 'candidate' && typeof p.score === 'number')).toBe(true);
  const onBall = predicted.filter((p) => BALLS.some((b) => Math.hypot(p.x - b.x, p.y - b.y, p.z - b.z) <= 3));
  expect(onBall.length).toBeGreaterThanOrEqual(BALLS.length / 2);
  await expect(page.getByTestId('pick-count')).toHaveText(String(before + predicted.length));

  // The class probabilities colour the slice over the balls (WebGL overlay), and surface in 3D; one toggle hides both.
  expect(await page.evaluate(() => window.__tomopick!.probabilityMaps())).toMatchObject({ nx: SIZE.nx, ny: SIZE.ny, nz: SIZE.nz });
  await expect(xy).toHaveAttribute('data-overlay', 'shown');
  const overlay = await xyImage.evaluate(colouredPixels, pixelArgs);
  console.log(`probability overlay on XY z=${OVERLAY_Z}: ${overlay.coloured} coloured pixels, ${overlay.nearBall} within 7 voxels of a ball`);
  expect(overlay.coloured).toBeGreaterThan(50);
  expect(overlay.nearBall / overlay.coloured).toBeGreaterThan(0.9);
  await expect.poll(async () => (await page.evaluate(() => window.__tomopick!.view3d()))?.predictionTriangles ?? 0, { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByTestId('overlay-toggle').uncheck();
  await page.getByTestId('overlay-toggle').blur(); // undo shortcuts are not taken from a focused input
  await expect(xy).toHaveAttribute('data-overlay', 'none');
  expect((await xyImage.evaluate(colouredPixels, pixelArgs)).coloured).toBe(0);
  await expect.poll(async () => (await page.evaluate(() => window.__tomopick!.view3d()))?.predictionTriangles).toBe(0);

  // One undoable step.
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await modelPicks(page)).length).toBe(0);

  // Calibration: the ball under the weakest model pick loses its label (Delete in the pick table),
  // so that pick becomes the only false one on the labelled balls. The fitted threshold, shown in
  // the panel, lies above it, and the next prediction keeps every pick but that one.
  const weakest = predicted.reduce((a, b) => (b.score! < a.score! ? b : a));
  const ball = BALLS.reduce((a, b) => (Math.hypot(b.x - weakest.x, b.y - weakest.y, b.z - weakest.z) < Math.hypot(a.x - weakest.x, a.y - weakest.y, a.z - weakest.z) ? b : a));
  await page.getByTestId('pick-table').locator('.pick-row', { hasText: `${ball.x.toFixed(0)}, ${ball.y.toFixed(0)}, ${ball.z.toFixed(0)}` }).click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('pick-count')).toHaveText(String(before - 1));
  await expect(page.getByTestId('model-uncalibrated')).toContainText('predictions keep every pick');
  await page.getByTestId('calibrate-model').click();
  const thresholdRow = page.getByTestId('model-thresholds').locator(`tr[data-class-id="${CLASS_ID}"]`);
  await expect(thresholdRow).toBeVisible({ timeout: 60_000 });
  const cut = Number(await thresholdRow.getAttribute('data-min-score'));
  console.log(`calibrated threshold of class ${CLASS_ID}: ${cut} (${(await thresholdRow.textContent())?.trim()}); uncut picks scored ${predicted.map((p) => p.score!.toFixed(4)).join(' ')}`);
  expect(cut).toBeGreaterThan(weakest.score!);
  await expect(page.getByTestId('model-uncalibrated')).toHaveCount(0);
  await page.getByTestId('predict-picks').click();
  await expect.poll(async () => (await modelPicks(page)).length, { timeout: 60_000 }).toBe(predicted.length - 1);
  expect((await modelPicks(page)).every((p) => p.score! >= cut)).toBe(true);
  expect(errors).toEqual([]);
});

test('loads the demo model shipped with the studio (trained by our own trainer)', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('view-xy')).toBeVisible();
  await page.getByTestId('model-demo').click();
  await expect(page.getByTestId('current-model')).toContainText('demo (simulated, cpu preset)');
  await expect(page.getByTestId('current-model')).toContainText('ribosome, proteasome, lobed, tiny');
});
