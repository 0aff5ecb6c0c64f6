import { describe, expect, it } from 'vitest';
import { computeStats, type Volume } from '../volume/volume.ts';
import { compactness, HessianProbe, symmetricEigenvalues } from './blob-shape.ts';
import { ballVolume } from './test-volumes.ts';

/** A 40³ volume whose voxel value is `density(x, y, z)` (10 Å voxels). */
function shapeVolume(density: (x: number, y: number, z: number) => number): Volume {
  const n = 40;
  const data = new Float32Array(n * n * n);
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) data[x + n * (y + n * z)] = density(x, y, z);
  return { nx: n, ny: n, nz: n, voxelSize: [10, 10, 10], origin: [0, 0, 0], dtype: 'float32', data, stats: computeStats({ dtype: 'float32', data }) };
}

const soft = (distance: number, halfWidth: number) => -Math.min(1, Math.max(0, halfWidth + 0.5 - distance));
const sigma = [1.8, 1.8, 1.8] as const;

describe('symmetricEigenvalues', () => {
  it('returns the eigenvalues of a rotated diagonal matrix, descending', () => {
    // R·diag(5, 2, −1)·Rᵀ with R a rotation by 30° about z.
    const [c, s] = [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)];
    const xx = 5 * c * c + 2 * s * s;
    const yy = 5 * s * s + 2 * c * c;
    const xy = (5 - 2) * c * s;
    const eig = symmetricEigenvalues([xx, yy, -1, xy, 0, 0]);
    expect(eig[0]).toBeCloseTo(5, 10);
    expect(eig[1]).toBeCloseTo(2, 10);
    expect(eig[2]).toBeCloseTo(-1, 10);
  });

  it('handles a multiple of the identity', () => {
    expect(symmetricEigenvalues([3, 3, 3, 0, 0, 0])).toEqual([3, 3, 3]);
  });
});

describe('compactness', () => {
  it('is 1 for a ball, 0.75 for a tube, 0 for a sheet and for a non-positive trace', () => {
    expect(compactness([2, 2, 2])).toBeCloseTo(1, 12);
    expect(compactness([2, 2, 0])).toBeCloseTo(0.75, 12);
    expect(compactness([2, 0, 0])).toBe(0);
    expect(compactness([1, -1, -1])).toBe(0);
  });
});

describe('HessianProbe', () => {
  const at = (volume: Volume, p = [20, 20, 20] as const) => new HessianProbe(volume).at(p[0], p[1], p[2], sigma);

  it('sees a dark ball as compact and a dark sheet or tube through the same point as not', () => {
    const ball = compactness(symmetricEigenvalues(at(shapeVolume((x, y, z) => soft(Math.hypot(x - 20, y - 20, z - 20), 3)))));
    const tube = compactness(symmetricEigenvalues(at(shapeVolume((x, y) => soft(Math.hypot(x - 20, y - 20), 3)))));
    const sheet = compactness(symmetricEigenvalues(at(shapeVolume((_x, _y, z) => soft(Math.abs(z - 20), 3)))));
    expect(ball).toBeGreaterThan(0.97);
    expect(tube).toBeGreaterThan(0.7);
    expect(tube).toBeLessThan(0.8);
    expect(sheet).toBeLessThan(0.02);
  });

  it('gives a dark ball positive curvatures (bright polarity: negative) and ignores a constant offset', () => {
    const ball = ballVolume([40, 40, 40], [{ x: 20, y: 20, z: 20, diameter: 6, contrast: -1 }]);
    const dark = new HessianProbe(ball, 1).at(20, 20, 20, sigma);
    const bright = new HessianProbe(ball, -1).at(20, 20, 20, sigma);
    expect(Math.min(...symmetricEigenvalues(dark))).toBeGreaterThan(0);
    expect(Math.max(...symmetricEigenvalues(bright))).toBeLessThan(0);
    const shifted = { ...ball, data: (ball.data as Float32Array).map((v) => v + 100) };
    const h = new HessianProbe(shifted, 1).at(20, 20, 20, sigma);
    h.forEach((v, i) => expect(v).toBeCloseTo(dark[i]!, 4));
  });

  it('reflects at the volume edge (a sheet at the border stays a sheet)', () => {
    const sheet = shapeVolume((_x, _y, z) => soft(z, 3));
    expect(compactness(symmetricEigenvalues(new HessianProbe(sheet).at(0, 0, 0, sigma)))).toBeLessThan(0.02);
  });

  it('takes large σ on a binned copy without changing the answer (ball, oblique tube, off the block grid)', () => {
    const n = 72;
    const volumeOf = (density: (x: number, y: number, z: number) => number): Volume => {
      const data = new Float32Array(n * n * n);
      for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) data[x + n * (y + n * z)] = density(x, y, z);
      return { nx: n, ny: n, nz: n, voxelSize: [10, 10, 10], origin: [0, 0, 0], dtype: 'float32', data, stats: computeStats({ dtype: 'float32', data }) };
    };
    const ball = volumeOf((x, y, z) => soft(Math.hypot(x - 35, y - 36, z - 37), 10));
    // A tube along (1, 2, 2)/3 through (35, 36, 37): distance from its axis.
    const tube = volumeOf((x, y, z) => {
      const [dx, dy, dz] = [x - 35, y - 36, z - 37];
      const along = (dx + 2 * dy + 2 * dz) / 3;
      return soft(Math.sqrt(Math.max(0, dx * dx + dy * dy + dz * dz - along * along)), 7);
    });
    for (const volume of [ball, tube]) {
      for (const s of [4.5, 7.5]) {
        const sig = [s, s, s] as const;
        const full = new HessianProbe(volume, 1, 0).at(35, 36, 37, sig);
        const binned = new HessianProbe(volume, 1).at(35, 36, 37, sig);
        const trace = full[0] + full[1] + full[2];
        binned.forEach((v, i) => expect(Math.abs(v - full[i]!)).toBeLessThan(0.004 * trace));
        expect(compactness(symmetricEigenvalues(binned))).toBeCloseTo(compactness(symmetricEigenvalues(full)), 2);
      }
    }
  });

  it('rejects a non-positive σ', () => {
    expect(() => new HessianProbe(ballVolume([8, 8, 8], [])).at(4, 4, 4, [0, 1, 1])).toThrow(/σ must be a positive/);
  });
});
