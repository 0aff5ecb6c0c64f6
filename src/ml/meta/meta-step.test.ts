import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import type { DiceClasses } from '../losses/dice.ts';
import { segmentationLossPerSample, type LossOptions } from '../losses/segmentation-loss.ts';
import { withBackend, type MlTestBackend } from '../testing/backends.ts';
import { targetTensor, type TrainingBatch } from '../train/train-step.ts';
import { unetForward } from '../unet/forward.ts';
import { patchesToTensor } from '../unet/model.ts';
import { createMetaLearner, disposeMetaLearner, META_MODES, type MetaMode, type MetaSettings } from './meta-learner.ts';
import { cubesBatch, TINY_META_CONFIG } from './meta-fixtures.ts';
import { lowerLevelLoss, metaStep, readMetaStep, type MetaStepReport } from './meta-step.ts';

const { patch, nClasses } = TINY_META_CONFIG;
const trainBatch = (step: number) => cubesBatch(4, patch, nClasses, 100 + step, ['clean', 'random', 'clean', 'random']);
const validationBatch = (step: number) => cubesBatch(2, patch, nClasses, 1000 + step);

/** Runs `steps` steps and checks that every step after the first leaves tf.memory() where it was. */
async function runSteps(mode: MetaMode, steps: number, backend: string, settings: Partial<MetaSettings> = {}): Promise<MetaStepReport[]> {
  const learner = createMetaLearner(TINY_META_CONFIG, 5, { mode, ...settings });
  const reports: MetaStepReport[] = [];
  let tensorsAfterFirst = 0;
  for (let s = 0; s < steps; s++) {
    reports.push(await readMetaStep(metaStep(learner, trainBatch(s), validationBatch(s))));
    if (s === 0) tensorsAfterFirst = tf.memory().numTensors;
    else expect(tf.memory().numTensors, `${mode} step ${s} on ${backend}`).toBe(tensorsAfterFirst);
  }
  disposeMetaLearner(learner);
  return reports;
}

function expectShapeOfReport(mode: MetaMode, report: MetaStepReport): void {
  expect(Number.isFinite(report.trainLoss)).toBe(true);
  expect(report.validationLoss === null).toBe(mode === 'supervised');
  expect(report.sampleWeights === null).toBe(mode === 'supervised' || mode === 'lc-only');
  expect(report.meanAlpha === null).toBe(mode === 'supervised' || mode === 'dr-only');
  if (report.sampleWeights) expect(report.sampleWeights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
}

describe('meta step', () => {
  for (const backend of ['cpu', 'wasm'] as MlTestBackend[]) {
    for (const mode of META_MODES) {
      it(`runs ${mode} on ${backend} with flat memory`, () =>
        withBackend(backend, async () => {
          const reports = await runSteps(mode, 3, backend);
          for (const report of reports) expectShapeOfReport(mode, report);
        }));
    }
  }

  it('runs a robpicker step on webgpu with flat memory, close to the cpu result', async () => {
    const onCpu = await withBackend('cpu', () => runSteps('robpicker', 2, 'cpu'));
    const onGpu = await withBackend('webgpu', () => runSteps('robpicker', 2, 'webgpu'));
    expectShapeOfReport('robpicker', onGpu[1]!);
    expect(onGpu[1]!.trainLoss).toBeCloseTo(onCpu[1]!.trainLoss, 3);
    expect(onGpu[1]!.validationLoss!).toBeCloseTo(onCpu[1]!.validationLoss!, 3);
  });

  it('averages the Dice loss of both levels over the classes present when asked', () =>
    withBackend('cpu', async () => {
      // Class 2 (the dark cube) relabelled background: absent from every patch of both levels.
      const withoutClass2 = (batch: TrainingBatch): TrainingBatch => ({ ...batch, labels: batch.labels.map((l) => (l === 2 ? 0 : l)) });
      const step = async (diceClasses: DiceClasses) => {
        const learner = createMetaLearner(TINY_META_CONFIG, 5, { mode: 'robpicker', loss: { crossEntropyWeight: 0, diceClasses } });
        const report = await readMetaStep(metaStep(learner, withoutClass2(trainBatch(0)), withoutClass2(validationBatch(0))));
        disposeMetaLearner(learner);
        return report;
      };
      const all = await step('all');
      const present = await step('present');
      expectShapeOfReport('robpicker', present);
      // 'all' counts class 2's term, 1 − 1/(|B| + 1) ≈ 1 for a fresh network; 'present' leaves it out.
      expect(present.trainLoss).toBeLessThan(all.trainLoss - 0.05);
      expect(present.validationLoss!).toBeLessThan(all.validationLoss! - 0.05);
      // And its steps release what they allocate, as the default's do.
      await runSteps('robpicker', 3, 'cpu', { loss: { crossEntropyWeight: 0, diceClasses: 'present' } });
    }));

  it('adds the run\'s cross-entropy to both levels: the lower level with uniform weights is the plain loss', () =>
    withBackend('cpu', async () => {
      const loss: LossOptions = { crossEntropyWeight: 2, crossEntropyAveraging: 'classes', diceClasses: 'present' };
      const learner = createMetaLearner(TINY_META_CONFIG, 5, { mode: 'robpicker', loss });
      const batch = trainBatch(0);
      const x = patchesToTensor(batch.input, batch.size, patch);
      const y = targetTensor(batch.labels, batch.size, patch, nClasses);
      const unet = learner.model.weights.trainable;
      const losses = tf.tidy(() => {
        const lower = lowerLevelLoss(TINY_META_CONFIG, x, y, unet, null, null, { loss }).loss;
        const plain = tf.mean(segmentationLossPerSample(unetForward(unet, x, TINY_META_CONFIG, { kind: 'batch' }), y, loss));
        const diceOnly = lowerLevelLoss(TINY_META_CONFIG, x, y, unet, null, null, { loss: { ...loss, crossEntropyWeight: 0 } }).loss;
        return tf.stack([lower, plain, diceOnly]);
      });
      const [lower, plain, diceOnly] = Array.from(await losses.data());
      expect(lower).toBeCloseTo(plain!, 5);
      expect(lower).toBeGreaterThan(diceOnly! + 0.1);
      tf.dispose([x, y, losses]);
      disposeMetaLearner(learner);
      // The hypergradient's passes take the same loss, and release what they allocate.
      for (const report of await runSteps('robpicker', 3, 'cpu', { loss })) expectShapeOfReport('robpicker', report);
    }));

  it('starts every mode from the same U-Net (same seed)', () =>
    withBackend('cpu', async () => {
      const heads = await Promise.all(
        META_MODES.map(async (mode) => {
          const learner = createMetaLearner(TINY_META_CONFIG, 5, { mode });
          const values = Array.from(await learner.model.weights.trainable['head.w']!.data());
          disposeMetaLearner(learner);
          return values;
        }),
      );
      for (const head of heads) expect(head).toEqual(heads[0]);
    }));

  it('the per-class reweighting variant reports class weights that sum to 1', () =>
    withBackend('cpu', async () => {
      const [report] = await runSteps('robpicker', 1, 'cpu', { reweighting: 'per-class' });
      expect(report!.sampleWeights).toBeNull();
      expect(report!.classWeights).toHaveLength(nClasses);
      expect(report!.classWeights!.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }));

  it('rejects a missing validation batch and a batch of one for per-sample weights', () =>
    withBackend('cpu', () => {
      const learner = createMetaLearner(TINY_META_CONFIG, 5, { mode: 'dr-only' });
      expect(() => metaStep(learner, trainBatch(0), null)).toThrow(/needs a validation batch/);
      expect(() => metaStep(learner, cubesBatch(1, patch, nClasses, 1), validationBatch(0))).toThrow(/at least 2 patches/);
      disposeMetaLearner(learner);
      expect(() => createMetaLearner(TINY_META_CONFIG, 5, { mode: 'meta' as MetaMode })).toThrow(/unknown training mode/);
    }));

  it('learns to give patches with pure-noise labels less weight than clean ones (dr-only, cpu)', () =>
    withBackend('cpu', async () => {
      const reports = await runSteps('dr-only', 60, 'cpu', {
        segmentationOptimizer: { kind: 'sgd', learningRate: 0.05, momentum: 0.9, weightDecay: 0 },
        reweightingOptimizer: { kind: 'adam', learningRate: 0.01, momentum: 0, weightDecay: 0 },
      });
      // Patches 0 and 2 have clean labels, 1 and 3 a random class at every voxel.
      const [clean0, noisy1, clean2, noisy3] = reports.at(-1)!.sampleWeights!;
      const [first0, first1] = reports[0]!.sampleWeights!;
      expect(Math.abs(first0! - first1!)).toBeLessThan(0.02); // no preference before training
      expect((noisy1! + noisy3!) / 2).toBeLessThan(0.25 * ((clean0! + clean2!) / 2));
      expect(reports.at(-1)!.validationLoss!).toBeLessThan(reports[0]!.validationLoss!);
    }), 120_000);
});
