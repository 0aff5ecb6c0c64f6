import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withBackend } from '../testing/backends.ts';
import { targetTensor } from '../train/train-step.ts';
import type { NamedTensors } from '../unet/batch-norm.ts';
import { patchesToTensor } from '../unet/model.ts';
import { finiteDifferenceHypergradient, lookAhead, type LowerLevelLoss } from './hypergradient.ts';
import { createMetaLearner, disposeMetaLearner } from './meta-learner.ts';
import { cubesBatch, TINY_META_CONFIG } from './meta-fixtures.ts';
import { lowerLevelLoss, upperLevelLoss, type FrozenInputs } from './meta-step.ts';
import { byName, inOrder, withPrefix } from './named-tensors.ts';
import type { ReweightingKind } from './reweighting-net.ts';

/** ∇_H L_val(I − η·∇_I L_tr(I, H)) by differentiating through the look-ahead (second order). */
function exactHypergradient(loss: LowerLevelLoss, validation: (inner: NamedTensors) => tf.Scalar, inner: NamedTensors, hyper: NamedTensors, eta: number): Record<string, tf.Tensor> {
  const hyperNames = Object.keys(hyper);
  const innerNames = Object.keys(inner);
  const grads = tf.grads((...hs: tf.Tensor[]) => {
    const h = byName(hyperNames, hs);
    const g = tf.grads((...is: tf.Tensor[]) => loss(byName(innerNames, is), h))(inOrder(inner, innerNames));
    return validation(lookAhead(inner, byName(innerNames, g), eta));
  })(inOrder(hyper, hyperNames));
  return byName(hyperNames, grads);
}

const flatten = (map: NamedTensors, names: string[]) => tf.concat(names.map((n) => tf.reshape(map[n]!, [-1])));

/**
 * tfjs has no second-order gradient for Conv3DBackpropFilterV2 or MaxPool3DGrad, so the exact
 * reference differentiates w.r.t. the U-Net weights after the last pooling that are not conv
 * filters (batch-norm scales/shifts of the bottleneck and decoder, biases); the rest stay fixed.
 * The finite differences get the same inner weights, so both sides solve the same problem.
 */
const isInner = (name: string) => !name.startsWith('enc') && (name.includes('.bn') || name.endsWith('.b'));

interface Agreement {
  relativeError: number;
  cosine: number;
  exactNorm: number;
}

function agreement(exact: NamedTensors, approx: NamedTensors): Agreement {
  return tf.tidy(() => {
    const names = Object.keys(exact);
    const a = flatten(exact, names);
    const b = flatten(approx, names);
    const read = (t: tf.Tensor) => t.dataSync()[0]!;
    return {
      relativeError: read(tf.div(tf.norm(tf.sub(a, b)), tf.norm(a))),
      cosine: read(tf.div(tf.sum(tf.mul(a, b)), tf.mul(tf.norm(a), tf.norm(b)))),
      exactNorm: read(tf.norm(a)),
    };
  });
}

/** Finite-difference hypergradient of the full tiny problem (every U-Net weight inner), flattened. */
async function fullFiniteDifference(): Promise<Float32Array> {
  const learner = createMetaLearner(TINY_META_CONFIG, 11, { mode: 'robpicker' });
  const { config } = learner.model;
  const train = cubesBatch(4, config.patch, config.nClasses, 1, ['clean', 'random', 'clean', 'random']);
  const val = cubesBatch(2, config.patch, config.nClasses, 2);
  const hypergradient = tf.tidy(() => {
    const x = patchesToTensor(train.input, train.size, config.patch);
    const noisy = targetTensor(train.labels, train.size, config.patch, config.nClasses);
    const xVal = patchesToTensor(val.input, val.size, config.patch);
    const clean = targetTensor(val.labels, val.size, config.patch, config.nClasses);
    const inner = learner.model.weights.trainable;
    const names = Object.keys(inner);
    const hyper = { ...learner.correction!, ...learner.reweighting! };
    const reweighting = { kind: 'mlp' as const, params: learner.reweighting! };
    const atI = lowerLevelLoss(config, x, noisy, inner, learner.correction, reweighting).inputs;
    const loss: LowerLevelLoss = (i, h) => lowerLevelLoss(config, x, noisy, i, withPrefix(h, 'lc.'), { kind: 'mlp', params: withPrefix(h, 'dr.') }, { frozen: atI }).loss;
    const g = tf.grads((...is: tf.Tensor[]) => lowerLevelLoss(config, x, noisy, byName(names, is), learner.correction, reweighting).loss)(inOrder(inner, names));
    const ahead = lookAhead(inner, byName(names, g), 0.05);
    const v = byName(names, tf.grads((...is: tf.Tensor[]) => upperLevelLoss(config, xVal, clean, byName(names, is)))(inOrder(ahead, names)));
    return flatten(finiteDifferenceHypergradient(loss, inner, hyper, v, 0.05), Object.keys(hyper));
  });
  const values = (await hypergradient.data()) as Float32Array;
  hypergradient.dispose();
  disposeMetaLearner(learner);
  return values;
}

/** Exact and finite-difference hypergradients of C and R on a tiny U-Net, with and without holding g's and h's inputs at I. */
function compare(kind: ReweightingKind): { frozen: Agreement; moving: Agreement } {
  const learner = createMetaLearner(TINY_META_CONFIG, 11, { mode: 'robpicker', reweighting: kind });
  const { config } = learner.model;
  const eta = 0.05;
  const train = cubesBatch(4, config.patch, config.nClasses, 1, ['clean', 'random', 'clean', 'random']);
  const val = cubesBatch(2, config.patch, config.nClasses, 2);
  let result: { frozen: Agreement; moving: Agreement } | null = null;
  tf.tidy(() => {
    const x = patchesToTensor(train.input, train.size, config.patch);
    const noisy = targetTensor(train.labels, train.size, config.patch, config.nClasses);
    const xVal = patchesToTensor(val.input, val.size, config.patch);
    const clean = targetTensor(val.labels, val.size, config.patch, config.nClasses);
    const all = learner.model.weights.trainable;
    const innerNames = Object.keys(all).filter(isInner);
    const inner = byName(innerNames, inOrder(all, innerNames));
    const withFixed = (i: NamedTensors) => ({ ...all, ...i });
    const hyper = { ...learner.correction!, ...learner.reweighting! };
    const lossWith =
      (frozen?: FrozenInputs): LowerLevelLoss =>
      (i, h) =>
        lowerLevelLoss(config, x, noisy, withFixed(i), withPrefix(h, 'lc.'), { kind, params: withPrefix(h, 'dr.') }, frozen ? { frozen } : {}).loss;
    const validation = (i: NamedTensors) => upperLevelLoss(config, xVal, clean, withFixed(i));

    const exact = exactHypergradient(lossWith(), validation, inner, hyper, eta);
    const g = tf.grads((...is: tf.Tensor[]) => lossWith()(byName(innerNames, is), hyper))(inOrder(inner, innerNames));
    const ahead = lookAhead(inner, byName(innerNames, g), eta);
    const v = byName(innerNames, tf.grads((...is: tf.Tensor[]) => validation(byName(innerNames, is)))(inOrder(ahead, innerNames)));
    const atI = lowerLevelLoss(config, x, noisy, all, learner.correction, { kind, params: learner.reweighting! }).inputs;
    result = {
      frozen: agreement(exact, finiteDifferenceHypergradient(lossWith(atI), inner, hyper, v, eta)),
      moving: agreement(exact, finiteDifferenceHypergradient(lossWith(), inner, hyper, v, eta)),
    };
  });
  disposeMetaLearner(learner);
  if (!result) throw new Error('comparison did not run');
  return result;
}

describe('finite-difference hypergradient', () => {
  for (const kind of ['mlp', 'per-class'] as ReweightingKind[]) {
    it(`matches the exact second-order hypergradient of C and R (${kind} reweighting, cpu)`, () =>
      withBackend('cpu', () => {
        const { frozen, moving } = compare(kind);
        expect(frozen.exactNorm).toBeGreaterThan(1e-6);
        expect(frozen.cosine).toBeGreaterThan(0.9999);
        expect(frozen.relativeError).toBeLessThan(0.01);
        // Letting g's and h's stop-gradient inputs move with I ± ε·v differentiates through them:
        // a different (wrong) hypergradient — why metaStep freezes them.
        expect(moving.relativeError).toBeGreaterThan(0.05);
      }));
  }

  it('gives the same hypergradient on webgpu as on cpu (all U-Net weights inner)', async () => {
    const onCpu = await withBackend('cpu', fullFiniteDifference);
    const onGpu = await withBackend('webgpu', fullFiniteDifference);
    let diff = 0;
    let norm = 0;
    onCpu.forEach((a, i) => {
      diff += (a - onGpu[i]!) ** 2;
      norm += a * a;
    });
    expect(norm).toBeGreaterThan(0);
    expect(Math.sqrt(diff / norm)).toBeLessThan(0.05);
  });
});
