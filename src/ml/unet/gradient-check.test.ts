/**
 * End-to-end gradient check of the training loss (forward with batch statistics, Dice + CE) against
 * central finite differences, on the kernels the trainer really runs (ours on cpu and wasm): a wrong
 * kernel, batch-norm or loss gradient anywhere in the network fails here.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withBackend } from '../testing/backends.ts';
import { oneHot, segmentationLossPerSample } from '../losses/segmentation-loss.ts';
import type { UNetConfig } from './config.ts';
import { unetForward } from './forward.ts';
import { createUNet, disposeUNet } from './model.ts';

const config: UNetConfig = { nClasses: 3, baseWidth: 2, depth: 1, patch: 8, upsampling: 'transpose' };
const CHECKED = ['enc0.conv0.w', 'enc0.bn1.gamma', 'mid.conv1.w', 'dec0.up.w', 'dec0.conv0.w', 'head.w'];

// cpu and wasm run our conv kernels; webgpu's (tfjs's own) are covered by the backend tests.
describe('U-Net loss gradient', () => {
  for (const backend of ['cpu', 'wasm'] as const) it(`matches finite differences [${backend}]`, () => withBackend(backend, async () => {
    const model = createUNet(config, 11);
    const n = 2 * 8 ** 3;
    const x = tf.tensor5d(Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + (i % 64 < 20 ? 1 : 0)), [2, 8, 8, 8, 1]);
    const labels = Uint8Array.from({ length: n }, (_, i) => (i % 64 < 20 ? 1 : i % 97 < 10 ? 2 : 0));
    const y = tf.tensor5d(oneHot(labels, 3), [2, 8, 8, 8, 3]);
    const names = Object.keys(model.weights.trainable);
    const loss = (params: Record<string, tf.Tensor>) =>
      tf.tidy(() => tf.mean(segmentationLossPerSample(unetForward(params, x, config, { kind: 'batch' }), y)) as tf.Scalar);
    const { value, grads } = tf.valueAndGrads((...ts: tf.Tensor[]) => loss(Object.fromEntries(names.map((nm, i) => [nm, ts[i]!]))))(
      names.map((nm) => model.weights.trainable[nm]!),
    );
    const eps = 1e-2;
    for (const name of CHECKED) {
      const k = names.indexOf(name);
      const analytic = (await grads[k]!.data()) as Float32Array;
      const base = (await model.weights.trainable[name]!.data()) as Float32Array;
      for (const i of [0, Math.floor(base.length / 2), base.length - 1]) {
        const at = async (delta: number) => {
          const values = base.slice();
          values[i]! += delta;
          const shifted = tf.tensor(values, model.weights.trainable[name]!.shape);
          const l = loss({ ...model.weights.trainable, [name]: shifted });
          const v = (await l.data())[0]!;
          tf.dispose([shifted, l]);
          return v;
        };
        const numeric = ((await at(eps)) - (await at(-eps))) / (2 * eps);
        expect(Math.abs(analytic[i]! - numeric), `${name}[${i}] analytic ${analytic[i]} numeric ${numeric}`).toBeLessThan(2e-3 + 0.05 * Math.abs(numeric));
      }
    }
    tf.dispose([x, y, value, ...grads]);
    disposeUNet(model);
  }));
});
