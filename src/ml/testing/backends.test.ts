import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { describeOnEachBackend, ML_TEST_BACKENDS, withBackend } from './backends.ts';

/** Deterministic, pairwise-distinct values in (-1, 1) (distinct so max-pool arg-maxima are unique). */
function values(n: number, seed: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => Math.sin(seed + i * 1.618) * (1 - i / (4 * n)));
}

const S = 4; // cubic edge of the test volume
const CI = 2;
const CO = 3;
const K = 3;
const at = (z: number, y: number, x: number, c: number, channels: number) => ((z * S + y) * S + x) * channels + c;

/**
 * Plain-loop reference of f = Σ r·conv3d(x, w, 'same') and its gradients (NDHWC, batch 1, stride 1):
 * y[o,co] = Σ x[o+k−1,ci]·w[k,ci,co], so ∂f/∂x[o+k−1,ci] += r[o,co]·w[k,ci,co], ∂f/∂w[k,ci,co] += x[o+k−1,ci]·r[o,co].
 */
function conv3dReference(x: Float32Array, w: Float32Array, r: Float32Array) {
  const y = new Float32Array(S ** 3 * CO);
  const dx = new Float32Array(x.length);
  const dw = new Float32Array(w.length);
  for (let z = 0; z < S; z++) for (let yy = 0; yy < S; yy++) for (let xx = 0; xx < S; xx++) {
    for (let kz = 0; kz < K; kz++) for (let ky = 0; ky < K; ky++) for (let kx = 0; kx < K; kx++) {
      const [iz, iy, ix] = [z + kz - 1, yy + ky - 1, xx + kx - 1];
      if (iz < 0 || iy < 0 || ix < 0 || iz >= S || iy >= S || ix >= S) continue;
      for (let ci = 0; ci < CI; ci++) for (let co = 0; co < CO; co++) {
        const wi = (((kz * K + ky) * K + kx) * CI + ci) * CO + co;
        const xi = at(iz, iy, ix, ci, CI);
        const oi = at(z, yy, xx, co, CO);
        y[oi]! += x[xi]! * w[wi]!;
        dx[xi]! += r[oi]! * w[wi]!;
        dw[wi]! += x[xi]! * r[oi]!;
      }
    }
  }
  return { y, dx, dw };
}

/** ∂/∂x of Σ r·maxPool3d(x, 2, 2): each window's weight goes to its maximum. */
function maxPoolGradReference(x: Float32Array, r: Float32Array): Float32Array {
  const dx = new Float32Array(x.length);
  const half = S / 2;
  for (let z = 0; z < half; z++) for (let y = 0; y < half; y++) for (let xx = 0; xx < half; xx++) {
    for (let c = 0; c < CI; c++) {
      let best = -1;
      for (let dz = 0; dz < 2; dz++) for (let dy = 0; dy < 2; dy++) for (let dxx = 0; dxx < 2; dxx++) {
        const i = at(2 * z + dz, 2 * y + dy, 2 * xx + dxx, c, CI);
        if (best < 0 || x[i]! > x[best]!) best = i;
      }
      dx[best] = r[((z * half + y) * half + xx) * CI + c]!;
    }
  }
  return dx;
}

function expectClose(actual: Float32Array | Int32Array | Uint8Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length);
  const worst = expected.reduce((m, e, i) => Math.max(m, Math.abs(actual[i]! - e)), 0);
  expect(worst).toBeLessThan(1e-4 * Math.max(1, ...expected.map(Math.abs)));
}

const x = values(S ** 3 * CI, 1);
const w = values(K ** 3 * CI * CO, 2);
const r = values(S ** 3 * CO, 3);
const rPool = values((S / 2) ** 3 * CI, 4);

describeOnEachBackend('conv3d and max-pool gradients', (backend) => {
  it('runs on the backend it names', () => {
    expect(tf.getBackend()).toBe(backend);
  });

  it('conv3d forward and tf.grads match a plain-loop reference', async () => {
    const reference = conv3dReference(x, w, r);
    const xt = tf.tensor5d(x, [1, S, S, S, CI]);
    const wt = tf.tensor5d(w, [K, K, K, CI, CO]);
    const rt = tf.tensor5d(r, [1, S, S, S, CO]);
    const forward = tf.conv3d(xt, wt, 1, 'same');
    const grads = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(rt, tf.conv3d(a as tf.Tensor5D, b as tf.Tensor5D, 1, 'same'))));
    const [dx, dw] = grads([xt, wt]);
    expectClose(await forward.data(), reference.y);
    expectClose(await dx!.data(), reference.dx);
    expectClose(await dw!.data(), reference.dw);
    tf.dispose([xt, wt, rt, forward, dx!, dw!]);
  });

  it('maxPool3d gradient routes each window to its maximum', async () => {
    const xt = tf.tensor5d(x, [1, S, S, S, CI]);
    const rt = tf.tensor5d(rPool, [1, S / 2, S / 2, S / 2, CI]);
    const dx = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(rt, tf.maxPool3d(a as tf.Tensor5D, 2, 2, 'valid'))))(xt);
    expectClose(await dx.data(), maxPoolGradReference(x, rPool));
    tf.dispose([xt, rt, dx]);
  });
});

it('withBackend switches backend for one call, restores the previous one and catches leaks', async () => {
  const start = tf.getBackend();
  for (const backend of ML_TEST_BACKENDS) {
    expect(await withBackend(backend, () => tf.getBackend())).toBe(backend);
    expect(tf.getBackend()).toBe(start);
  }
  let leaked: tf.Tensor | undefined;
  await expect(withBackend('cpu', () => void (leaked = tf.scalar(1)))).rejects.toThrow(/tensors leaked on cpu/);
  leaked!.dispose();
});
