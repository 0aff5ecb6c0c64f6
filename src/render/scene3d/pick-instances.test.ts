import { Color } from 'three';
import { describe, expect, it } from 'vitest';
import type { ClassDef, Pick } from '../../core/picks/pick.ts';
import { pickInstances, UNKNOWN_CLASS } from './pick-instances.ts';

const classes: ClassDef[] = [
  { id: 1, name: 'ribosome', color: '#e6550d', radiusAngstrom: 130 },
  { id: 2, name: 'proteasome', color: '#3182bd', radiusAngstrom: 80 },
];

function pick(id: string, x: number, y: number, z: number, classId: number, status: Pick['status'] = 'accepted'): Pick {
  return { id, tomogram: 't1', x, y, z, classId, source: 'manual', status };
}

describe('pickInstances', () => {
  const picks = [pick('a', 1, 2, 3, 1), pick('b', 4.5, 5, 6, 2, 'candidate'), pick('c', 7, 8, 9, 1, 'rejected'), pick('d', 0, 0, 0, 9)];
  const { shown, rejected } = pickInstances(picks, classes, [10, 10, 20]);

  it('puts rejected picks in their own batch, in order', () => {
    expect(shown.ids).toEqual(['a', 'b', 'd']);
    expect(rejected.ids).toEqual(['c']);
    expect(shown.matrices.length).toBe(3 * 16);
    expect(rejected.colors.length).toBe(3);
  });

  it('scales each sphere to its class radius in voxels per axis and centres it on the pick', () => {
    const m = Array.from(shown.matrices.subarray(16, 32));
    expect(m).toEqual([8, 0, 0, 0, 0, 8, 0, 0, 0, 0, 4, 0, 4.5, 5, 6, 1]);
    expect(shown.matrices[0]).toBeCloseTo(13);
    expect(shown.matrices[10]).toBeCloseTo(6.5);
  });

  it('colours by class, falling back for an unknown class', () => {
    const orange = new Color('#e6550d');
    expect(Array.from(shown.colors.subarray(0, 3))).toEqual([orange.r, orange.g, orange.b].map(Math.fround));
    const grey = new Color(UNKNOWN_CLASS.color);
    expect(shown.colors[6]).toBeCloseTo(grey.r, 6);
    expect(shown.matrices[32]).toBeCloseTo(UNKNOWN_CLASS.radiusAngstrom / 10);
  });

  it('handles no picks', () => {
    const empty = pickInstances([], classes, [10, 10, 10]);
    expect(empty.shown.ids).toEqual([]);
    expect(empty.shown.matrices.length).toBe(0);
  });
});
