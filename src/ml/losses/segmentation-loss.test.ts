import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { diceLossPerSample } from './dice.ts';
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
});

describe('cross-entropy', () => {
  it('equals −mean log p of the true class', async () => {
    const logits = tf.tensor5d([2, 0, 0, 0, 2, 0, 0, 0, 2, 1, 1, 1], [1, 1, 2, 2, 3]);
    const y = target([0, 1, 2, 0], 3);
    const lse = Math.log(Math.exp(2) + 2);
    const expected = (3 * (lse - 2) + Math.log(3)) / 4;
    expect((await crossEntropyPerSample(logits, y).data())[0]).toBeCloseTo(expected, 5);
    const total = (await segmentationLossPerSample(logits, y, { crossEntropyWeight: 0 }).data())[0]!;
    expect(total).toBeGreaterThan(0);
  });
});

describe('oneHot', () => {
  it('rejects labels outside the model classes', () => {
    expect(() => oneHot(Uint8Array.from([0, 3]), 3)).toThrow(/outside the 3 classes/);
  });
});
