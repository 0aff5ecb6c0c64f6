import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { withBackend } from '../testing/backends.ts';
import { createUNet, disposeUNet, patchesToTensor, predictProbabilities } from '../unet/model.ts';
import { inferenceTile, predictVolume } from './predict-volume.ts';

const config = { nClasses: 3, baseWidth: 2, depth: 1, patch: 8, upsampling: 'transpose' as const };

describe('inferenceTile', () => {
  it('is the training patch unless a valid larger tile is asked for', () => {
    expect(inferenceTile(config)).toBe(8);
    expect(inferenceTile(config, 16)).toBe(16);
    expect(() => inferenceTile(config, 6)).toThrow(/at least the training patch \(8\), got 6/);
    expect(() => inferenceTile(config, 9)).toThrow(/multiple of 2 voxels/);
  });
});

describe('predictVolume tiles [cpu]', () => {
  it('runs on tiles larger than the training patch: fewer passes, and one tile over the whole volume is one forward pass', async () => {
    await withBackend('cpu', async () => {
      const model = createUNet(config, 3);
      const shape = [16, 16, 16] as const;
      const data = Float32Array.from({ length: 16 ** 3 }, (_, i) => Math.sin(0.37 * i) + (i % 16 > 8 ? 1 : -1));
      const source = { dtype: 'float32' as const, data };
      const passes = async (tile?: number) => {
        let total = 0;
        const maps = await predictVolume(model, source, [...shape], { overlap: 2, ...(tile ? { tile } : {}), onProgress: (_, n) => (total = n) });
        return { maps, total };
      };
      const patches = await passes();
      const whole = await passes(16);
      expect(patches.total).toBeGreaterThan(1);
      expect(whole.total).toBe(1);
      const direct = tf.tidy(() => predictProbabilities(model, patchesToTensor(data, 1, 16)));
      const probabilities = (await direct.data()) as Float32Array;
      direct.dispose();
      for (let v = 0; v < 16 ** 3; v += 97) {
        for (let c = 1; c < 3; c++) expect(Math.abs(whole.maps.probabilities[c - 1]![v]! - Math.round(255 * probabilities[3 * v + c]!))).toBeLessThanOrEqual(1);
      }
      disposeUNet(model);
    });
  });
});
