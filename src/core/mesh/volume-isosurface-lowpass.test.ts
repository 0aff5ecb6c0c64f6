import { describe, expect, it } from 'vitest';
import { computeStats } from '../volume/volume.ts';
import { edgeTopology, enclosedVolume } from './mesh-measures.ts';
import { isosurface } from './volume-isosurface.ts';
import type { Dims } from './sample-grid.ts';

const DIMS: Dims = [40, 40, 40];
const CENTRE = [19.6, 20.3, 19.1] as const;
const RADIUS = 10;

/** A dark ball (−1 inside, 0 outside) under uniform noise of amplitude ±0.9: surfaces at −0.5 shatter. */
function noisyDarkBall(): Float32Array {
  const out = new Float32Array(DIMS[0] * DIMS[1] * DIMS[2]);
  let seed = 12345;
  let i = 0;
  for (let z = 0; z < DIMS[2]; z++)
    for (let y = 0; y < DIMS[1]; y++)
      for (let x = 0; x < DIMS[0]; x++) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const inside = Math.hypot(x - CENTRE[0], y - CENTRE[1], z - CENTRE[2]) < RADIUS ? -1 : 0;
        out[i++] = inside + 1.8 * (seed / 2 ** 31 - 0.5);
      }
  return out;
}

describe('isosurface with low-pass and a σ level', () => {
  const data = noisyDarkBall();
  const source = { dims: DIMS, data };
  const ballVolume = (4 / 3) * Math.PI * RADIUS ** 3;

  it('low-pass turns the noise-shattered surface into one closed ball', async () => {
    const raw = await isosurface(source, -0.5, { invert: true });
    const smooth = await isosurface(source, -0.5, { invert: true, lowPassSigma: 1.5 });
    expect(smooth.indices.length).toBeLessThan(raw.indices.length / 5);
    expect(edgeTopology(smooth)).toMatchObject({ boundary: 0, nonManifold: 0 });
    const { edges } = edgeTopology(smooth);
    expect(smooth.positions.length / 3 - edges + smooth.indices.length / 3).toBe(2); // one sphere
    expect(Math.abs(enclosedVolume(smooth) / ballVolume - 1)).toBeLessThan(0.1);
  });

  it('scales σ to the binned grid: binned and unbinned low-passed balls agree', async () => {
    const full = enclosedVolume(await isosurface(source, -0.5, { invert: true, lowPassSigma: 2 }));
    const binned = enclosedVolume(await isosurface(source, -0.5, { invert: true, lowPassSigma: 2, bin: 2 }));
    // σ not scaled would blur twice as much on the binned grid and shrink the ball far more.
    const unscaled = enclosedVolume(await isosurface(source, -0.5, { invert: true, lowPassSigma: 4, bin: 2 }));
    expect(Math.abs(binned / full - 1)).toBeLessThan(0.04);
    expect(Math.abs(unscaled / full - 1)).toBeGreaterThan(0.1);
  });

  it('reads the level in standard deviations of the field when levelInSd is set', async () => {
    const { mean, rms } = computeStats({ data, dtype: 'float32' });
    const bySd = await isosurface(source, -1.2, { invert: true, levelInSd: true });
    const byValue = await isosurface(source, mean - 1.2 * rms, { invert: true });
    expect(bySd.indices.length).toBeGreaterThan(0);
    // Plain comparisons: the matcher's deep equality is slow on arrays of 10⁵ elements.
    for (const key of ['positions', 'normals', 'indices'] as const) {
      expect(bySd[key].length).toBe(byValue[key].length);
      expect(bySd[key].every((v, i) => v === byValue[key][i])).toBe(true);
    }
  });

  it('refuses a low-pass of a label map and a bad σ', async () => {
    const labels = { dims: DIMS, data: Uint8Array.from(data, (v) => (v < -0.5 ? 2 : 0)) };
    await expect(isosurface(labels, 0.5, { labelValue: 2, lowPassSigma: 1 })).rejects.toThrow(/label map is surfaced as it is/);
    await expect(isosurface(source, 0, { lowPassSigma: -1 })).rejects.toThrow(/lowPassSigma must be a number ≥ 0/);
  });
});
