import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withBackend } from '../testing/backends.ts';
import { unetConfig } from '../unet/config.ts';
import { correctLabels, initLabelCorrectionParams, mixLabels } from './label-correction-net.ts';
import { TINY_META_CONFIG } from './meta-fixtures.ts';
import { countValues } from './named-tensors.ts';

const c = TINY_META_CONFIG.nClasses;
const shape: [number, number, number, number, number] = [1, 2, 2, 2, c];

/** Random features and one-hot labels for a 2×2×2 patch, and the LC output with α's bias forced to `bias`. */
async function correctedWithAlphaBias(bias: number): Promise<{ corrected: number[]; softmax: number[]; noisy: number[]; alpha: number[] }> {
  const params = initLabelCorrectionParams(TINY_META_CONFIG, 3);
  tf.tidy(() => params['lc.alpha.b']!.assign(tf.tensor1d([bias])));
  const out = tf.tidy(() => {
    const features = tf.randomNormal([1, 2, 2, 2, TINY_META_CONFIG.baseWidth], 0, 1, 'float32', 1) as tf.Tensor5D;
    const noisy = tf.oneHot(tf.tensor4d([0, 1, 2, 0, 1, 2, 0, 0], [1, 2, 2, 2], 'int32'), c).toFloat() as tf.Tensor5D;
    const { corrected, softmax, alpha } = correctLabels(params, features, noisy);
    return [corrected, softmax, noisy, alpha];
  });
  const [corrected, softmax, noisy, alpha] = await Promise.all(out.map(async (t) => Array.from(await t.data())));
  tf.dispose([...out, ...Object.values(params)]);
  return { corrected: corrected!, softmax: softmax!, noisy: noisy!, alpha: alpha! };
}

describe('label-correction network', () => {
  it('has the paper architecture size: w₀·c + c + 2c·c + c + c + 1 weights', () =>
    withBackend('cpu', () => {
      const params = initLabelCorrectionParams(unetConfig('cpu', 5), 1);
      expect(countValues(params)).toBe(8 * 5 + 5 + 2 * 5 * 5 + 5 + 5 + 1);
      tf.dispose(Object.values(params));
    }));

  it('returns the noisy labels when α → 0 and the softmax S when α → 1', () =>
    withBackend('cpu', async () => {
      const low = await correctedWithAlphaBias(-40);
      low.alpha.forEach((a) => expect(a).toBeLessThan(1e-6));
      low.corrected.forEach((v, i) => expect(v).toBeCloseTo(low.noisy[i]!, 5));
      const high = await correctedWithAlphaBias(40);
      high.alpha.forEach((a) => expect(a).toBeGreaterThan(1 - 1e-6));
      high.corrected.forEach((v, i) => expect(v).toBeCloseTo(high.softmax[i]!, 5));
      expect(high.softmax.some((v, i) => Math.abs(v - high.noisy[i]!) > 0.1)).toBe(true); // S really differs from L
    }));

  it('mixes to a distribution over classes at every voxel', () =>
    withBackend('cpu', async () => {
      const { corrected } = await correctedWithAlphaBias(0);
      for (let v = 0; v < corrected.length / c; v++) expect(corrected.slice(v * c, v * c + c).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      const mixed = tf.tidy(() => mixLabels(tf.tensor2d([[0.25]]), tf.tensor2d([[1, 0, 0]]), tf.tensor2d([[0, 1, 0]])).arraySync());
      expect(mixed[0]).toEqual([0.25, 0.75, 0]);
    }));

  it('rejects features that do not fit', () =>
    withBackend('cpu', () => {
      const params = initLabelCorrectionParams(TINY_META_CONFIG, 3);
      tf.tidy(() => {
        const noisy = tf.zeros(shape) as tf.Tensor5D;
        expect(() => correctLabels(params, tf.zeros([1, 2, 2, 2, 5]) as tf.Tensor5D, noisy)).toThrow(/expects 2 feature channels/);
        expect(() => correctLabels(params, tf.zeros([1, 4, 2, 2, 2]) as tf.Tensor5D, noisy)).toThrow(/do not match labels/);
      });
      tf.dispose(Object.values(params));
      expect(() => initLabelCorrectionParams(TINY_META_CONFIG, 3, { initialAlpha: 1 })).toThrow(/initial α/);
    }));
});
