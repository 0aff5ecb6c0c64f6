import { describe, expect, it } from 'vitest';
import { crossSections, hitTest, projectToSlice, sliceToVolume } from './cross-section.ts';
import type { Pick } from './pick.ts';

const pick = (id: string, x: number, y: number, z: number): Pick => ({ id, tomogram: 't', x, y, z, classId: 1, source: 'manual', status: 'accepted' });

describe('cross sections', () => {
  it('round-trips slice and volume coordinates for every axis', () => {
    for (const axis of ['xy', 'xz', 'yz'] as const) {
      const { u, v, depth } = projectToSlice(axis, { x: 1, y: 2, z: 3 });
      expect(sliceToVolume(axis, u, v, depth)).toEqual({ x: 1, y: 2, z: 3 });
    }
  });

  it('gives the sphere’s circle at each depth and nothing beyond its radius', () => {
    const p = pick('a', 10, 20, 30);
    const at = (depth: number) => crossSections([p], 'xy', depth, () => 5);
    expect(at(30)[0]!.r).toBe(5);
    expect(at(33)[0]!.r).toBeCloseTo(4, 10);
    expect(at(35)).toEqual([]);
    const xz = crossSections([p], 'xz', 20, () => 5)[0]!;
    expect([xz.u, xz.v]).toEqual([10, 30]);
  });

  it('hit-tests the nearest containing circle', () => {
    const sections = crossSections([pick('a', 10, 10, 0), pick('b', 14, 10, 0)], 'xy', 0, () => 5);
    expect(hitTest(sections, 13, 10)?.id).toBe('b');
    expect(hitTest(sections, 9, 10)?.id).toBe('a');
    expect(hitTest(sections, 30, 30)).toBeUndefined();
  });
});
