import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withBackend } from '../testing/backends.ts';
import type { BatchSource } from '../train/trainer.ts';
import { createMetaLearner, disposeMetaLearner } from './meta-learner.ts';
import { cubesBatch, TINY_META_CONFIG } from './meta-fixtures.ts';
import { metaStepFunction, summariseMetaStep } from './meta-step-function.ts';
import { lowerLevelStep, readMetaStep } from './meta-step.ts';

const { patch, nClasses } = TINY_META_CONFIG;
const batch = (seed: number) => ({ ...cubesBatch(4, patch, nClasses, seed, ['clean', 'random', 'clean', 'random']), centreClasses: [1, 2, 1, 0] });

describe('meta step function', () => {
  it('groups the batch-normalised sample weights by the class each patch was drawn around', () => {
    const summary = summariseMetaStep({ trainLoss: 1, validationLoss: 0.5, sampleWeights: [0.4, 0.1, 0.2, 0.3], classWeights: null, meanAlpha: 0.2 }, batch(1));
    // ×4 so that uniform weights (0.25 each) read 1.
    expect(summary.weightByClass![1]).toBeCloseTo((1.6 + 0.8) / 2, 6);
    expect(summary.weightByClass![2]).toBeCloseTo(0.4, 6);
    expect(summary.weightByClass![0]).toBeCloseTo(1.2, 6);
    expect(summary).toMatchObject({ validationLoss: 0.5, meanAlpha: 0.2 });
    const perClass = summariseMetaStep({ trainLoss: 1, validationLoss: null, sampleWeights: null, classWeights: [0.5, 0.25, 0.25], meanAlpha: null }, batch(1));
    expect(perClass.weightByClass).toEqual({ 0: 1.5, 1: 0.75, 2: 0.75 });
  });

  it('updates C and R every metaEvery steps and only the U-Net in between, with flat memory', () =>
    withBackend('cpu', async () => {
      const learner = createMetaLearner(TINY_META_CONFIG, 5, { mode: 'robpicker' });
      let drawn = 0;
      const clean: BatchSource = { next: (n) => (drawn++, cubesBatch(n, patch, nClasses, 500 + drawn)) };
      const step = metaStepFunction(learner, clean, { metaEvery: 2, validationBatchSize: 2 });
      const lcBefore = Array.from(await learner.correction!['lc.alpha.b']!.data());
      const outcomes = [];
      let tensors = 0;
      for (let s = 0; s < 4; s++) {
        outcomes.push(await step(batch(s), s));
        if (s === 0) tensors = tf.memory().numTensors;
        else expect(tf.memory().numTensors).toBe(tensors);
      }
      expect(outcomes.map((o) => o.meta!.validationLoss !== null)).toEqual([true, false, true, false]);
      expect(drawn).toBe(2);
      expect(Array.from(await learner.correction!['lc.alpha.b']!.data())).not.toEqual(lcBefore);
      disposeMetaLearner(learner);
    }));

  it('a lower-level step moves the U-Net and leaves C and R alone', () =>
    withBackend('cpu', async () => {
      const learner = createMetaLearner(TINY_META_CONFIG, 5, { mode: 'robpicker' });
      const read = async (vars: Record<string, tf.Variable>) => Promise.all(Object.values(vars).map(async (v) => Array.from(await v.data())));
      const [unet, lc, dr] = [await read(learner.model.weights.trainable), await read(learner.correction!), await read(learner.reweighting!)];
      const report = await readMetaStep(lowerLevelStep(learner, batch(3)));
      expect(report.validationLoss).toBeNull();
      expect(report.sampleWeights).toHaveLength(4);
      expect(await read(learner.model.weights.trainable)).not.toEqual(unet);
      expect(await read(learner.correction!)).toEqual(lc);
      expect(await read(learner.reweighting!)).toEqual(dr);
      disposeMetaLearner(learner);
    }));
});
