import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { registerConv3dTransposeGradient } from './conv3d-transpose-grad.ts';

registerConv3dTransposeGradient();

/** Deterministic values in [−1, 1). */
const values = (n: number, phase: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.731 + phase));

describe('conv3dTranspose gradient', () => {
  it('matches central finite differences w.r.t. input and filter (stride 2, kernel 2)', async () => {
    await tf.setBackend('cpu');
    const x = tf.tensor5d(values(2 * 2 * 2 * 2 * 3, 0), [2, 2, 2, 2, 3]);
    const w = tf.tensor5d(values(8 * 4 * 3, 1), [2, 2, 2, 4, 3]);
    const r = tf.tensor5d(values(2 * 4 * 4 * 4 * 4, 2), [2, 4, 4, 4, 4]);
    const f = (a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv3dTranspose(a as tf.Tensor5D, b as tf.Tensor5D, [2, 4, 4, 4, 4], 2, 'same'), r));
    const [gx, gw] = tf.grads(f)([x, w]);
    const eps = 1e-2;
    for (const [which, tensor, grad] of [[0, x, gx], [1, w, gw]] as const) {
      const base = (await tensor.data()) as Float32Array;
      const analytic = await grad!.data();
      for (const i of [0, 5, 17, base.length - 1]) {
        const plus = base.slice(); plus[i]! += eps;
        const minus = base.slice(); minus[i]! -= eps;
        const args = (v: Float32Array) => (which === 0 ? [tf.tensor(v, x.shape), w] : [x, tf.tensor(v, w.shape)]);
        const [fp, fm] = [f(...(args(plus) as [tf.Tensor, tf.Tensor])), f(...(args(minus) as [tf.Tensor, tf.Tensor]))];
        const numeric = ((await fp.data())[0]! - (await fm.data())[0]!) / (2 * eps);
        expect(analytic[i]).toBeCloseTo(numeric, 2);
      }
    }
  });
});
