import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withBackend } from '../testing/backends.ts';
import { countValues } from './named-tensors.ts';
import { initReweightingParams, reweightedLoss, sampleWeightCurve, uniformLoss, type ReweightingKind } from './reweighting-net.ts';

const perClass = () => tf.tensor2d([[0.1, 0.2, 0.3], [0.9, 0.8, 0.7], [0.5, 0.5, 0.5], [0.0, 0.1, 0.2]]);

describe('reweighting network', () => {
  it('MLP 1 → 500 → 1 has 1 501 weights and maps losses into (0, 1)', () =>
    withBackend('cpu', async () => {
      const params = initReweightingParams('mlp', 3, 1);
      expect(countValues(params)).toBe(1501);
      const curve = tf.tidy(() => sampleWeightCurve(params, tf.linspace(0, 1, 11) as tf.Tensor1D));
      for (const w of await curve.data()) expect(w > 0 && w < 1).toBe(true);
      tf.dispose([curve, ...Object.values(params)]);
    }));

  for (const kind of ['mlp', 'per-class'] as ReweightingKind[]) {
    it(`${kind}: weights are normalised and uniform weights give the mean loss`, () =>
      withBackend('cpu', async () => {
        const params = initReweightingParams(kind, 3, 2);
        const [loss, mean, weights] = tf.tidy(() => {
          const weighted = reweightedLoss(kind, params, perClass());
          return [weighted.loss, uniformLoss(perClass()).loss, (weighted.sampleWeights ?? weighted.classWeights)!];
        });
        expect(Array.from(await weights.data()).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        expect((await mean.data())[0]).toBeCloseTo(0.4, 6);
        // Per-class starts with equal weights (= the mean); the MLP's random init weights unevenly.
        if (kind === 'per-class') expect((await loss.data())[0]).toBeCloseTo(0.4, 6);
        tf.dispose([loss, mean, weights, ...Object.values(params)]);
      }));
  }

  it('keeps the loss finite when every weight underflows to 0', () =>
    withBackend('cpu', async () => {
      const params = initReweightingParams('mlp', 3, 1);
      tf.tidy(() => params['dr.out.b']!.assign(tf.tensor1d([-1e4])));
      const loss = tf.tidy(() => reweightedLoss('mlp', params, perClass()).loss);
      expect(Number.isFinite((await loss.data())[0])).toBe(true);
      tf.dispose([loss, ...Object.values(params)]);
    }));

  it('rejects unknown variants and mismatched class counts', () =>
    withBackend('cpu', () => {
      expect(() => initReweightingParams('vector' as ReweightingKind, 3, 1)).toThrow(/unknown reweighting network/);
      const params = initReweightingParams('per-class', 4, 1);
      expect(() => tf.tidy(() => {
        reweightedLoss('per-class', params, perClass());
      })).toThrow(/4 class weights, the loss has 3 classes/);
      tf.dispose(Object.values(params));
    }));
});
