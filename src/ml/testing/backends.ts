/**
 * Runs ML tests on every tfjs backend Node has (DESIGN.md §6), with the engine-test memory contract:
 * no tensor may outlive a test. Vitest only (Node): it imports the Node backend initialiser.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, beforeEach, describe, expect } from 'vitest';
import { initNodeBackend, type NodeBackendName } from '../../gpu/node/init-node-backend.ts';

/** Every backend the ML code must run on in Node; webgpu is Dawn (SwiftShader here, the GPU elsewhere). */
export const ML_TEST_BACKENDS = ['cpu', 'wasm', 'webgpu'] as const satisfies readonly NodeBackendName[];
export type MlTestBackend = (typeof ML_TEST_BACKENDS)[number];

/** Makes `backend` active (registered once per process); a backend that cannot start fails the test. */
async function activate(backend: MlTestBackend): Promise<void> {
  if (tf.getBackend() !== backend) await initNodeBackend(backend);
}

/**
 * Runs `fn` with `backend` active and asserts it left no tensor behind; the previous backend is
 * restored afterwards.
 */
export async function withBackend<T>(backend: MlTestBackend, fn: () => T | Promise<T>): Promise<T> {
  const previous = tf.getBackend();
  await activate(backend);
  const before = tf.memory().numTensors;
  try {
    const result = await fn();
    expect(tf.memory().numTensors, `tensors leaked on ${backend}`).toBe(before);
    return result;
  } finally {
    if (previous && previous !== backend) await tf.setBackend(previous);
  }
}

/**
 * `describe(name [backend], …)` once per backend of ML_TEST_BACKENDS: the backend is active during
 * each test, and each test must leave `tf.memory().numTensors` as it found it.
 */
export function describeOnEachBackend(name: string, fn: (backend: MlTestBackend) => void): void {
  for (const backend of ML_TEST_BACKENDS) {
    describe(`${name} [${backend}]`, () => {
      let before = 0;
      beforeAll(() => activate(backend));
      beforeEach(async () => {
        await activate(backend);
        before = tf.memory().numTensors;
      });
      afterEach(() => {
        expect(tf.memory().numTensors, `tensors leaked on ${backend}`).toBe(before);
      });
      fn(backend);
    });
  }
}
