import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer } from './create-optimizer.ts';

beforeAll(() => tf.setBackend('cpu'));

async function run(kind: 'sgd' | 'adam', steps: number): Promise<number> {
  const w = tf.variable(tf.scalar(1));
  const g = tf.scalar(0.5);
  const optimizer = createOptimizer({ kind, learningRate: 0.1, momentum: 0.9, weightDecay: 0.01 });
  for (let i = 0; i < steps; i++) optimizer.apply({ w }, { w: g });
  const value = (await w.data())[0]!;
  optimizer.dispose();
  tf.dispose([w, g]);
  return value;
}

describe('optimizers', () => {
  it('SGD with momentum and weight decay follows torch.optim.SGD', async () => {
    // v1 = g + wd·w0 = 0.51, w1 = 0.949; v2 = 0.9·0.51 + 0.5 + 0.01·0.949, w2 = w1 − 0.1·v2.
    const v1 = 0.5 + 0.01;
    const w1 = 1 - 0.1 * v1;
    const v2 = 0.9 * v1 + 0.5 + 0.01 * w1;
    expect(await run('sgd', 2)).toBeCloseTo(w1 - 0.1 * v2, 6);
  });

  it('Adam takes a first step of about the learning rate', async () => {
    expect(await run('adam', 1)).toBeCloseTo(0.9, 5);
  });

  it('saves and restores its state', async () => {
    const w = tf.variable(tf.tensor1d([1, 2]));
    const g = tf.tensor1d([0.1, -0.2]);
    const a = createOptimizer({ kind: 'sgd', learningRate: 0.1, momentum: 0.9, weightDecay: 0 });
    a.apply({ w }, { w: g });
    const state = await a.readState();
    const b = createOptimizer(a.settings);
    b.loadState(state, { w: [2] });
    const [wa, wb] = [tf.variable(tf.tensor1d([0, 0])), tf.variable(tf.tensor1d([0, 0]))];
    a.apply({ w: wa }, { w: g });
    b.apply({ w: wb }, { w: g });
    expect(Array.from(await wa.data())).toEqual(Array.from(await wb.data()));
    [a, b].forEach((o) => o.dispose());
    tf.dispose([w, g, wa, wb]);
  });

  it('refuses a non-positive learning rate', () => {
    expect(() => createOptimizer({ kind: 'sgd', learningRate: 0, momentum: 0, weightDecay: 0 })).toThrow(/learning rate/);
  });
});
