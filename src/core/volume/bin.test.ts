import { describe, expect, it } from 'vitest';
import { computeStats, type Volume } from './volume.ts';
import { binnedLength, binVolume, VolumeBinner } from './bin.ts';

function volumeOf(nx: number, ny: number, nz: number, f: (x: number, y: number, z: number) => number): Volume {
  const data = new Float32Array(nx * ny * nz);
  for (let z = 0; z < nz; z++) for (let y = 0; y < ny; y++) for (let x = 0; x < nx; x++) data[x + nx * (y + ny * z)] = f(x, y, z);
  return { nx, ny, nz, voxelSize: [10, 10, 10], origin: [0, 0, 0], dtype: 'float32', data, stats: computeStats({ dtype: 'float32', data }) };
}

/** Naive block mean for one binned voxel. */
function blockMean(v: Volume, f: number, bx: number, by: number, bz: number): number {
  let sum = 0;
  let n = 0;
  for (let z = bz * f; z < Math.min(v.nz, bz * f + f); z++)
    for (let y = by * f; y < Math.min(v.ny, by * f + f); y++)
      for (let x = bx * f; x < Math.min(v.nx, bx * f + f); x++) {
        const value = v.data[x + v.nx * (y + v.ny * z)]!;
        if (Number.isFinite(value)) {
          sum += value;
          n++;
        }
      }
  return n ? sum / n : NaN;
}

describe('binning', () => {
  for (const f of [2, 4] as const) {
    it(`averages ${f}³ blocks, partial edge blocks included`, () => {
      const v = volumeOf(9, 7, 6, (x, y, z) => Math.sin(x * 1.3) + y * y - 2 * z);
      const b = binVolume(v, f);
      expect([b.nx, b.ny, b.nz]).toEqual([binnedLength(9, f), binnedLength(7, f), binnedLength(6, f)]);
      for (let z = 0; z < b.nz; z++)
        for (let y = 0; y < b.ny; y++)
          for (let x = 0; x < b.nx; x++) expect(b.data[x + b.nx * (y + b.ny * z)]).toBeCloseTo(blockMean(v, f, x, y, z), 5);
      expect(b.voxelSize).toEqual([10 * f, 10 * f, 10 * f]);
      expect(b.origin).toEqual([5 * (f - 1), 5 * (f - 1), 5 * (f - 1)]);
      expect(b.stats).toEqual(computeStats(b));
    });
  }

  it('gives the same result fed one section at a time', () => {
    const v = volumeOf(5, 4, 7, (x, y, z) => x * 3 + y - z * z);
    const binner = new VolumeBinner(5, 4, 7, 2, 'float32');
    for (let z = 0; z < 7; z++) binner.addSections(v.data.subarray(z * 20, (z + 1) * 20));
    expect(Array.from(binner.out)).toEqual(Array.from(binVolume(v, 2).data));
  });

  it('leaves NaN/Inf out of block means and counts them', () => {
    const v = volumeOf(2, 2, 2, () => 4);
    v.data[0] = NaN;
    v.data[1] = Infinity;
    const binner = new VolumeBinner(2, 2, 2, 2, 'float32');
    binner.addSections(v.data);
    expect(Array.from(binner.out)).toEqual([4]);
    expect(binner.nonFiniteSource).toBe(2);
  });

  it('refuses partial sections and sections past the end', () => {
    const binner = new VolumeBinner(3, 3, 2, 2, 'int16');
    expect(() => binner.addSections(new Int16Array(4))).toThrow(/whole sections of 9 voxels/);
    binner.addSections(new Int16Array(18));
    expect(() => binner.addSections(new Int16Array(9))).toThrow(/more than the 2 sections/);
  });
});
