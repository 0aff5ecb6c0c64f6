import { describe, expect, it } from 'vitest';
import { composeProbabilityOverlay, hexToRgb, ProbabilityOverlaySource, type OverlayMaps } from './probability-overlay.ts';

const NX = 4;
const NY = 3;
const NZ = 5;

/** Maps of two classes (ids 1 and 3) with the given voxels set: [k, x, y, z, value]. */
function maps(voxels: [number, number, number, number, number][]): OverlayMaps {
  const m = [new Uint8Array(NX * NY * NZ), new Uint8Array(NX * NY * NZ)];
  for (const [k, x, y, z, v] of voxels) m[k]![x + NX * (y + NY * z)] = v;
  return { nx: NX, ny: NY, nz: NZ, classIds: [1, 3], maps: m };
}

const style = { colorOf: (id: number) => (id === 1 ? '#ff0000' : '#00ff80'), threshold: 0.5, opacity: 0.6 };
const pixel = (data: Uint8ClampedArray, width: number, c: number, r: number) => [...data.subarray(4 * (c + width * r), 4 * (c + width * r) + 4)];

describe('probability overlay', () => {
  it('colours voxels at or above the threshold with alpha opacity·p, and leaves the rest transparent', () => {
    const m = maps([
      [0, 1, 2, 3, 200],
      [0, 2, 2, 3, 127], // p ≈ 0.498 < 0.5
      [0, 3, 0, 3, 128],
    ]);
    const { width, height, data } = composeProbabilityOverlay(m, 'xy', 3, 1, style);
    expect([width, height]).toEqual([NX, NY]);
    expect(pixel(data, width, 1, 2)).toEqual([255, 0, 0, 120]);
    expect(pixel(data, width, 2, 2)).toEqual([0, 0, 0, 0]);
    expect(pixel(data, width, 3, 0)).toEqual([255, 0, 0, 77]);
    const coloured = [...data].filter((_, i) => i % 4 === 3 && data[i]! > 0).length;
    expect(coloured).toBe(2);
  });

  it('shows the most probable class where classes overlap', () => {
    const m = maps([
      [0, 0, 0, 0, 150],
      [1, 0, 0, 0, 220],
      [0, 1, 0, 0, 240],
      [1, 1, 0, 0, 180],
    ]);
    const { width, data } = composeProbabilityOverlay(m, 'xy', 0, 1, { ...style, threshold: 0.1, opacity: 1 });
    expect(pixel(data, width, 0, 0)).toEqual([0, 255, 128, 220]);
    expect(pixel(data, width, 1, 0)).toEqual([255, 0, 0, 240]);
  });

  it('takes the maximum over the slab of the grey image', () => {
    const m = maps([[0, 2, 1, 2, 255]]);
    expect(pixel(composeProbabilityOverlay(m, 'xy', 1, 1, style).data, NX, 2, 1)[3]).toBe(0);
    expect(pixel(composeProbabilityOverlay(m, 'xy', 1, 3, style).data, NX, 2, 1)[3]).toBe(153);
    // Even thickness: the extra section is on the high side (slabRange), so z = 2 is in the slab of 1 but not of 3.
    expect(pixel(composeProbabilityOverlay(m, 'xy', 1, 2, style).data, NX, 2, 1)[3]).toBe(153);
    expect(pixel(composeProbabilityOverlay(m, 'xy', 3, 2, style).data, NX, 2, 1)[3]).toBe(0);
  });

  it('lays xz and yz sections out like extractSlice (columns x or y, rows z)', () => {
    const m = maps([[1, 1, 2, 3, 255]]);
    const xz = composeProbabilityOverlay(m, 'xz', 2, 1, style);
    expect([xz.width, xz.height]).toEqual([NX, NZ]);
    expect(pixel(xz.data, xz.width, 1, 3)).toEqual([0, 255, 128, 153]);
    const yz = composeProbabilityOverlay(m, 'yz', 1, 1, style);
    expect([yz.width, yz.height]).toEqual([NY, NZ]);
    expect(pixel(yz.data, yz.width, 2, 3)).toEqual([0, 255, 128, 153]);
    expect([...composeProbabilityOverlay(m, 'yz', 0, 1, style).data].some((v) => v > 0)).toBe(false);
  });

  it('rejects sections outside the grid, bad styles and wrong buffers', () => {
    const m = maps([]);
    expect(() => composeProbabilityOverlay(m, 'xy', 5, 1, style)).toThrow('xy overlay index 5 is outside 0..4');
    expect(() => composeProbabilityOverlay(m, 'xy', 0, 0, style)).toThrow('slab thickness must be a positive integer');
    expect(() => composeProbabilityOverlay(m, 'xy', 0, 1, { ...style, threshold: 2 })).toThrow('must lie in [0, 1]');
    expect(() => composeProbabilityOverlay(m, 'xy', 0, 1, style, new Uint8ClampedArray(3))).toThrow('needs 48');
  });

  it('parses #rgb and #rrggbb colours, and draws unknown ones grey', () => {
    expect(hexToRgb('#4e79a7')).toEqual([78, 121, 167]);
    expect(hexToRgb('#F08')).toEqual([255, 0, 136]);
    expect(hexToRgb('hsl(0, 50%, 50%)')).toEqual([200, 200, 200]);
    expect(hexToRgb(undefined)).toEqual([200, 200, 200]);
  });

  it('recomposes only when the section or the style changes', () => {
    const source = new ProbabilityOverlaySource();
    const key = { maps: maps([[0, 0, 0, 0, 255]]), axis: 'xy' as const, index: 0, thickness: 1, colors: ['#ff0000', '#00ff00'], threshold: 0.5, opacity: 1 };
    const first = source.get(key);
    expect(first.changed).toBe(true);
    expect(source.get({ ...key, colors: ['#ff0000', '#00ff00'] }).changed).toBe(false);
    const version = source.version;
    const recoloured = source.get({ ...key, colors: ['#0000ff', '#00ff00'] });
    expect(recoloured.changed).toBe(true);
    expect(source.version).toBe(version + 1);
    expect(pixel(recoloured.image.data, NX, 0, 0)).toEqual([0, 0, 255, 255]);
    expect(source.get({ ...key, colors: ['#0000ff', '#00ff00'], threshold: 0.9 }).changed).toBe(true);
    expect(source.get({ ...key, colors: ['#0000ff', '#00ff00'], threshold: 0.9, index: 1 }).changed).toBe(true);
  });
});
