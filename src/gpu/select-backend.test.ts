import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { selectBackend } from './select-backend.ts';

describe('selectBackend', () => {
  it('falls through backends that cannot start here to one that computes, recording why', async () => {
    // Nothing registered webgpu here (src/gpu/node does that) and Node has no WebGL: cpu must win.
    const choice = await selectBackend(['webgpu', 'webgl', 'cpu']);
    expect(choice.active).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(choice.attempts.map((a) => a.name)).toEqual(['webgpu', 'webgl', 'cpu']);
    expect(choice.attempts.slice(0, 2).every((a) => !a.ok && a.reason)).toBe(true);
  });

  it('records a failed preparation as the reason and moves on', async () => {
    const prepared: string[] = [];
    const choice = await selectBackend(['wasm', 'cpu'], {
      prepare: async (name) => {
        prepared.push(name);
        if (name === 'wasm') throw new Error('binary missing');
      },
    });
    expect(prepared).toEqual(['wasm', 'cpu']);
    expect(choice).toEqual({ active: 'cpu', attempts: [{ name: 'wasm', ok: false, reason: 'binary missing' }, { name: 'cpu', ok: true }] });
  });

  it('says which backends were tried when none works', async () => {
    await expect(selectBackend(['wasm'])).rejects.toThrow(/No tfjs backend works here: wasm \(not bundled\)/);
  });
});
