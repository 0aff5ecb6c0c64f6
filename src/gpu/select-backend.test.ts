import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from './select-backend.ts';

describe('selectBackend', () => {
  it('falls through backends that cannot start here to one that computes, recording why', async () => {
    // Node has no navigator.gpu and no WebGL: webgpu and webgl must fail, cpu must win.
    const choice = await selectBackend(['webgpu', 'webgl', 'cpu']);
    expect(choice.active).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(choice.attempts.map((a) => a.name)).toEqual(['webgpu', 'webgl', 'cpu']);
    expect(choice.attempts.slice(0, 2).every((a) => !a.ok && a.reason)).toBe(true);
  });

  it('says which backends were tried when none works', async () => {
    await expect(selectBackend(['wasm'])).rejects.toThrow(/No tfjs backend works here: wasm \(not bundled\)/);
  });
});
