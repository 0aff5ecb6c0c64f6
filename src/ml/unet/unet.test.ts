import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { describeOnEachBackend } from '../testing/backends.ts';
import { createOptimizer } from '../optim/create-optimizer.ts';
import { trainStep, type TrainingBatch } from '../train/train-step.ts';
import { countParameters, unetParamSpecs } from './param-specs.ts';
import { unetConfig, validateUNetConfig, type UNetConfig } from './config.ts';
import { unetForward } from './forward.ts';
import { createUNet, disposeUNet, patchesToTensor, predictProbabilities } from './model.ts';

const tiny = (overrides: Partial<UNetConfig> = {}): UNetConfig => ({ nClasses: 3, baseWidth: 2, depth: 1, patch: 8, upsampling: 'transpose', ...overrides });

/** A learnable toy: a bright cube is class 1, a dark cube class 2, the rest noise-free background. */
function toyBatch(size: number, patch: number): TrainingBatch {
  const n = patch ** 3;
  const input = new Float32Array(size * n);
  const labels = new Uint8Array(size * n);
  for (let b = 0; b < size; b++) {
    const shift = b % 3;
    for (let z = 0; z < patch; z++)
      for (let y = 0; y < patch; y++)
        for (let x = 0; x < patch; x++) {
          const i = b * n + x + patch * (y + patch * z);
          const inBright = x >= 1 + shift && x < 4 + shift && y >= 1 && y < 4 && z >= 1 && z < 4;
          const inDark = x >= 4 && x < 7 && y >= 4 + (shift % 2) && y < 7 && z >= 4 && z < 7;
          input[i] = inBright ? 2 : inDark ? -2 : 0.1 * Math.sin(i);
          labels[i] = inBright ? 1 : inDark ? 2 : 0;
        }
  }
  return { input, labels, size };
}

describe('U-Net configuration', () => {
  it('has the two named presets and validates shapes', () => {
    expect(unetConfig('cpu', 5)).toMatchObject({ patch: 32, baseWidth: 8, depth: 2 });
    expect(unetConfig('gpu', 5)).toMatchObject({ patch: 64, baseWidth: 16, depth: 3 });
    expect(() => validateUNetConfig(tiny({ patch: 10, depth: 2 }))).toThrow(/multiple of 2\^depth = 4/);
    expect(() => validateUNetConfig(tiny({ nClasses: 1 }))).toThrow(/at least 2 classes/);
  });

  it('counts parameters like the architecture says', () => {
    // depth 1, width 2: enc0 (1→2, 2→2), mid (2→4, 4→4), up 4→2 (+bias), dec0 (4→2, 2→2), head 2→3.
    const conv = (cin: number, cout: number) => 27 * cin * cout + 2 * cout; // + BN γ, β
    const expected = conv(1, 2) + conv(2, 2) + conv(2, 4) + conv(4, 4) + (8 * 4 * 2 + 2) + conv(4, 2) + conv(2, 2) + (2 * 3 + 3);
    expect(countParameters(tiny())).toBe(expected);
    expect(unetParamSpecs(tiny({ upsampling: 'nearest' })).some((s) => s.name.includes('.up.'))).toBe(false);
  });
});

describeOnEachBackend('U-Net', (backend) => {
  it('maps [b, p, p, p, 1] to class probabilities that sum to 1', async () => {
    for (const upsampling of ['transpose', 'nearest'] as const) {
      const model = createUNet(tiny({ upsampling }), 7);
      const probs = tf.tidy(() => predictProbabilities(model, patchesToTensor(toyBatch(2, 8).input, 2, 8)));
      expect(probs.shape).toEqual([2, 8, 8, 8, 3]);
      const sumTensor = tf.sum(probs, 4);
      const sums = await sumTensor.data();
      for (const s of sums) expect(s).toBeCloseTo(1, 4);
      tf.dispose([probs, sumTensor]);
      disposeUNet(model);
    }
  });

  it('trains: a step on the same seed gives the same loss on every backend, and memory stays flat', async () => {
    const model = createUNet(tiny(), 3);
    const optimizer = createOptimizer({ kind: 'adam', learningRate: 0.01, momentum: 0, weightDecay: 0 });
    const batch = toyBatch(2, 8);
    const losses: number[] = [];
    let tensorsAfterFirst = 0;
    for (let s = 0; s < 3; s++) {
      const loss = trainStep(model, optimizer, batch);
      losses.push((await loss.data())[0]!);
      loss.dispose();
      if (s === 0) tensorsAfterFirst = tf.memory().numTensors;
      else expect(tf.memory().numTensors, `step ${s} on ${backend}`).toBe(tensorsAfterFirst);
    }
    // Reference value from the cpu backend (same init, same batch): backends agree to float32 noise.
    expect(losses[0]).toBeCloseTo(FIRST_STEP_LOSS, 3);
    expect(losses[2]).toBeLessThan(losses[0]!);
    optimizer.dispose();
    disposeUNet(model);
  });

  it('evaluates at other weights without touching the model (for meta-learning look-ahead)', async () => {
    const model = createUNet(tiny(), 5);
    const x = patchesToTensor(toyBatch(1, 8).input, 1, 8);
    const before = await model.weights.trainable['head.b']!.data();
    const shifted = tf.tidy(() => {
      const params: Record<string, tf.Tensor> = { ...model.weights.trainable };
      params['head.b'] = tf.add(model.weights.trainable['head.b']!, tf.tensor1d([5, 0, 0]));
      return unetForward(params, x, model.config, { kind: 'batch' });
    });
    const base = tf.tidy(() => unetForward(model.weights.trainable, x, model.config, { kind: 'batch' }));
    const mean = tf.tidy(() => tf.mean(tf.sub(shifted, base)));
    expect((await mean.data())[0]).toBeCloseTo(5 / 3, 4);
    mean.dispose();
    expect(Array.from(await model.weights.trainable['head.b']!.data())).toEqual(Array.from(before));
    tf.dispose([x, shifted, base]);
    disposeUNet(model);
  });
});

/** Measured on the cpu backend; every other backend must reproduce it. */
const FIRST_STEP_LOSS = 2.3293;
