import { describe, expect, it } from 'vitest';
import { clustersToPicks } from './clusters-to-picks.ts';
import { connectedComponents } from './connected-components.ts';

describe('clustersToPicks', () => {
  it('gives each cluster its centroid, size and the mean probability of its class', () => {
    const shape = [4, 2, 1] as const;
    const labels = Uint8Array.from([1, 1, 0, 2, 0, 0, 0, 2]);
    const class1 = Uint8Array.from([255, 51, 0, 0, 0, 0, 0, 0]);
    const class2 = Uint8Array.from([0, 0, 0, 102, 0, 0, 0, 204]);
    const picks = clustersToPicks(connectedComponents(labels, shape), [class1, class2]);
    expect(picks).toHaveLength(2);
    expect(picks[0]).toEqual({ x: 0.5, y: 0, z: 0, classId: 1, size: 2, score: (255 + 51) / 2 / 255 });
    expect(picks[1]!.classId).toBe(2);
    expect([picks[1]!.x, picks[1]!.y, picks[1]!.size]).toEqual([3, 0.5, 2]);
    expect(picks[1]!.score).toBeCloseTo(0.6, 10);
  });

  it('weighs the score when given weights, and falls back to the plain mean where all are 0', () => {
    const labels = Uint8Array.from([1, 1, 1, 0]);
    const class1 = Uint8Array.from([255, 51, 0, 0]);
    const clusters = connectedComponents(labels, [4, 1, 1]);
    expect(clustersToPicks(clusters, [class1], Uint8Array.from([3, 1, 0, 9]))[0]!.score).toBeCloseTo((3 * 255 + 51) / 4 / 255, 10);
    expect(clustersToPicks(clusters, [class1], new Uint8Array(4))[0]!.score).toBeCloseTo((255 + 51) / 3 / 255, 10);
  });

  it('needs a map for every class and the voxel lists', () => {
    const labels = Uint8Array.from([3, 3]);
    expect(() => clustersToPicks(connectedComponents(labels, [2, 1, 1]), [new Uint8Array(2)])).toThrow(/class 3/);
    expect(() => clustersToPicks(connectedComponents(labels, [2, 1, 1], { keepVoxels: false }), [1, 2, 3].map(() => new Uint8Array(2)))).toThrow(
      /keepVoxels/,
    );
  });
});
