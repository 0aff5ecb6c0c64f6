import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { diceLossPerClass, diceLossPerSample } from './dice.ts';
import { crossEntropyPerSample } from './cross-entropy.ts';
import { oneHot, segmentationLossPerSample } from './segmentation-loss.ts';

beforeAll(() => tf.setBackend('cpu'));

const target = (labels: number[], c: number) => tf.tensor5d(oneHot(Uint8Array.from(labels), c), [1, 1, 2, 2, c]);

describe('Dice loss', () => {
  it('is 0 for a perfect prediction and 1 − mean Dice otherwise', async () => {
    const y = target([0, 1, 1, 2], 3);
    expect((await diceLossPerSample(y, y).data())[0]).toBeCloseTo(0, 6);
    // Predict everything as class 1: Dice per class = (1/5, (4+1)/(6+1), 1/2) with smoothing 1.
    const p = tf.tensor5d(oneHot(Uint8Array.from([1, 1, 1, 1]), 3), [1, 1, 2, 2, 3]);
    const expected = 1 - (1 / 2 + 5 / 7 + 1 / 2) / 3;
    expect((await diceLossPerSample(p, y).data())[0]).toBeCloseTo(expected, 6);
  });

  it('gives one value per sample', async () => {
    const y = tf.concat([target([0, 1, 1, 2], 3), target([0, 0, 0, 0], 3)]) as tf.Tensor5D;
    const loss = await diceLossPerSample(y, y).data();
    expect(loss).toHaveLength(2);
  });

  describe('over the classes present', () => {
    // Labels hold classes 0 and 1; class 2 is absent but predicted with some mass.
    const y = target([0, 1, 1, 0], 3);
    const p = tf.tensor5d([0.6, 0.2, 0.2, 0.1, 0.8, 0.1, 0.2, 0.7, 0.1, 0.7, 0.1, 0.2], [1, 1, 2, 2, 3]);

    it('averages the terms of the present classes only', async () => {
      const all = await diceLossPerClass(p, y, 'all').data();
      const present = (await diceLossPerSample(p, y, 'present').data())[0]!;
      expect(present).toBeCloseTo((all[0]! + all[1]!) / 2, 6);
      // With 'all' the absent class's term is 1 − 1/(|B| + 1) = 1 − 1/1.6: it dominates the mean.
      expect(all[2]).toBeCloseTo(1 - 1 / 1.6, 6);
    });

    it('puts no gradient on the predicted mass of an absent class', async () => {
      const grad = (classes: 'all' | 'present') => tf.grad((q: tf.Tensor) => tf.sum(diceLossPerSample(q as tf.Tensor5D, y, classes)))(p);
      const absent = async (g: tf.Tensor) => Array.from(await g.data()).filter((_, i) => i % 3 === 2);
      for (const v of await absent(grad('present'))) expect(v).toBe(0);
      // 'all' pushes that mass down hard: d/d|B| of 1 − 1/(|B| + 1), over 3 classes.
      for (const v of await absent(grad('all'))) expect(v).toBeCloseTo(1 / 1.6 ** 2 / 3, 5);
    });

    it('counts a soft class as present where some voxel gives it at least 1/2', async () => {
      // Class 1 spread thin (0.3 at every voxel: 1.2 voxels of mass) is absent; class 2 at 0.5 on one voxel is present.
      const soft = tf.tensor5d([0.7, 0.3, 0, 0.2, 0.3, 0.5, 0.7, 0.3, 0, 0.7, 0.3, 0], [1, 1, 2, 2, 3]);
      const terms = Array.from(await diceLossPerClass(p, soft, 'present').data());
      expect(terms[0]).toBeGreaterThan(0);
      expect(terms[1]).toBe(0);
      expect(terms[2]).toBeGreaterThan(0);
    });

    it('keeps a fully absent patch finite (background only)', async () => {
      const bg = target([0, 0, 0, 0], 3);
      const loss = (await diceLossPerSample(p, bg, 'present').data())[0]!;
      const all = await diceLossPerClass(p, bg, 'all').data();
      expect(loss).toBeCloseTo(all[0]!, 6);
    });
  });
});

describe('cross-entropy', () => {
  it('equals −mean log p of the true class', async () => {
    const logits = tf.tensor5d([2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 1, 1], [1, 1, 2, 2, 3]);
    const y = target([0, 1, 2, 0], 3);
    const lse = Math.log(Math.exp(2) + 2);
    const expected = (3 * (lse - 2) + Math.log(3)) / 4;
    expect((await crossEntropyPerSample(logits, y).data())[0]).toBeCloseTo(expected, 5);
    const total = (await segmentationLossPerSample(logits, y, { crossEntropyWeight: 0, diceClasses: 'all' }).data())[0]!;
    expect(total).toBeGreaterThan(0);
  });

  it('class-balanced: the mean over each present class of −mean log p over its voxels', async () => {
    // Voxels: background, background, background, class 2 (class 1 absent).
    const logits = tf.tensor5d([2, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 3], [1, 1, 2, 2, 3]);
    const y = target([0, 0, 0, 2], 3);
    const nll = (z: number[], k: number) => Math.log(z.reduce((a, v) => a + Math.exp(v), 0)) - z[k]!;
    const background = (nll([2, 0, 0], 0) + nll([1, 0, 0], 0) + nll([0, 1, 0], 0)) / 3;
    const balanced = (await crossEntropyPerSample(logits, y, 'classes').data())[0]!;
    expect(balanced).toBeCloseTo((background + nll([0, 0, 3], 2)) / 2, 5);
    // Over voxels the one class-2 voxel weighs a quarter; here it weighs half.
    const perVoxel = (await crossEntropyPerSample(logits, y, 'voxels').data())[0]!;
    expect(perVoxel).toBeCloseTo((3 * background + nll([0, 0, 3], 2)) / 4, 5);
    const total = (await segmentationLossPerSample(logits, y, { crossEntropyWeight: 2, crossEntropyAveraging: 'classes', diceClasses: 'all' }).data())[0]!;
    const dice = (await diceLossPerSample(tf.softmax(logits), y).data())[0]!;
    expect(total).toBeCloseTo(dice + 2 * balanced, 5);
  });

  it('class-balanced: a small class keeps its pull when its probability is near 0', async () => {
    // 1 class-1 voxel among 7 background ones, predicted background with p ≈ 1: the gradient on
    // its class-1 logit is −1/(classes present) balanced, −1/8 over voxels.
    const logits = tf.tensor5d([10, 0, 10, 0, 10, 0, 10, 0, 10, 0, 10, 0, 10, 0, 10, 0], [1, 2, 2, 2, 2]);
    const y = tf.tensor5d(oneHot(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1]), 2), [1, 2, 2, 2, 2]);
    const pull = async (averaging: 'voxels' | 'classes') =>
      (await tf.grad((z: tf.Tensor) => tf.sum(crossEntropyPerSample(z as tf.Tensor5D, y, averaging)))(logits).data())[15]!;
    expect(await pull('classes')).toBeCloseTo(-0.5, 3);
    expect(await pull('voxels')).toBeCloseTo(-1 / 8, 3);
  });
});

describe('oneHot', () => {
  it('rejects labels outside the model classes', () => {
    expect(() => oneHot(Uint8Array.from([0, 3]), 3)).toThrow(/outside the 3 classes/);
  });
});
