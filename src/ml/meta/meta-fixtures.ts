/**
 * Tiny deterministic batches for the meta-learning tests and bench: a bright cube (class 1) and a
 * dark cube (class 2) on a faint background, shifted per patch, with clean or corrupted labels.
 * Test/bench support only (imported by *.test.ts and bench/), not by the trainer.
 */
import { createRandom } from '../../core/sim/random.ts';
import type { UNetConfig } from '../unet/config.ts';
import type { TrainingBatch } from '../train/train-step.ts';

export const TINY_META_CONFIG: UNetConfig = Object.freeze({ nClasses: 3, baseWidth: 2, depth: 1, patch: 8, upsampling: 'transpose' });

export type LabelCorruption = 'clean' | 'random';

/**
 * `size` patches; patch i's labels are clean or, for `corruption[i] === 'random'`, a uniformly
 * random class at every voxel (labels that carry no information about the image).
 */
export function cubesBatch(size: number, patch: number, nClasses: number, seed: number, corruption: readonly LabelCorruption[] = []): TrainingBatch {
  if (nClasses < 3) throw new Error(`the cube fixture needs 3 classes, got ${nClasses}`);
  const random = createRandom(seed);
  const n = patch ** 3;
  const input = new Float32Array(size * n);
  const labels = new Uint8Array(size * n);
  const edge = Math.max(2, Math.floor(patch * 0.375));
  for (let b = 0; b < size; b++) {
    const shift = (b + seed) % 3;
    const bright = [1 + shift, 1, 1];
    const dark = [patch - edge - 1, patch - edge - 1 - (shift % 2), patch - edge - 1];
    const noisy = corruption[b] === 'random';
    for (let z = 0; z < patch; z++)
      for (let y = 0; y < patch; y++)
        for (let x = 0; x < patch; x++) {
          const i = b * n + x + patch * (y + patch * z);
          const inside = (o: number[]) => x >= o[0]! && x < o[0]! + edge && y >= o[1]! && y < o[1]! + edge && z >= o[2]! && z < o[2]! + edge;
          const label = inside(bright) ? 1 : inside(dark) ? 2 : 0;
          input[i] = (label === 1 ? 2 : label === 2 ? -2 : 0) + 0.2 * random.gaussian();
          labels[i] = noisy ? random.int(nClasses) : label;
        }
  }
  return { input, labels, size };
}
