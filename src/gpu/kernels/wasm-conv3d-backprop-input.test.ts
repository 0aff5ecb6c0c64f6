import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { initNodeBackend } from '../node/init-node-backend.ts';

/** conv3dTranspose (= Conv3DBackpropInputV2) on `backend`, deterministic inputs. */
async function transpose(backend: 'cpu' | 'wasm', ci: number, co: number, edge: number, k: number, stride: number, pad: 'same' | 'valid') {
  await initNodeBackend(backend);
  const inEdge = pad === 'same' ? edge / stride : (edge - k) / stride + 1;
  const dy = tf.tensor5d(Float32Array.from({ length: inEdge ** 3 * co }, (_, i) => Math.sin(i * 0.37)), [1, inEdge, inEdge, inEdge, co]);
  const w = tf.tensor5d(Float32Array.from({ length: k ** 3 * ci * co }, (_, i) => Math.cos(i * 0.61)), [k, k, k, ci, co]);
  const out = tf.conv3dTranspose(dy, w, [1, edge, edge, edge, ci], stride, pad);
  const values = await out.data();
  tf.dispose([dy, w, out]);
  return Array.from(values);
}

describe('wasm Conv3DBackpropInputV2 replacement', () => {
  it.each([
    [2, 3, 4, 3, 1, 'same'],
    [4, 2, 8, 2, 2, 'same'], // the U-Net's 2×2×2 stride-2 upsampling
    [3, 2, 7, 3, 2, 'valid'],
  ] as const)('matches the cpu backend: ci=%i co=%i edge=%i k=%i stride=%i %s', async (ci, co, edge, k, stride, pad) => {
    const reference = await transpose('cpu', ci, co, edge, k, stride, pad);
    const numTensors = tf.memory().numTensors;
    const wasm = await transpose('wasm', ci, co, edge, k, stride, pad);
    expect(tf.memory().numTensors).toBe(numTensors);
    expect(wasm.length).toBe(reference.length);
    const worst = reference.reduce((m, r, i) => Math.max(m, Math.abs(r - wasm[i]!)), 0);
    expect(worst).toBeLessThan(1e-4);
  });
});
