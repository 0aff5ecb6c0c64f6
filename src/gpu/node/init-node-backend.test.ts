import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { chooseNodeBackend, initNodeBackend, type NodeBackendRequest } from './init-node-backend.ts';

describe('initNodeBackend', () => {
  it('starts each Node backend on request and leaves it active', async () => {
    for (const name of ['cpu', 'wasm', 'webgpu'] as const) {
      expect(await initNodeBackend(name)).toBe(name);
      expect(tf.getBackend()).toBe(name);
    }
  });

  it("'auto' takes webgpu first: Dawn on the GPU's Vulkan driver, or SwiftShader from Debian's Chromium", async () => {
    const choice = await chooseNodeBackend('auto');
    expect(choice.active).toBe('webgpu');
    expect(choice.attempts).toEqual([{ name: 'webgpu', ok: true }]);
  });

  it('rejects an unknown backend name, listing the valid ones', async () => {
    await expect(initNodeBackend('webgl' as NodeBackendRequest)).rejects.toThrow('Unknown backend "webgl" (expected webgpu, wasm, cpu or auto)');
  });
});
