import { Color } from 'three';
import { describe, expect, it } from 'vitest';
import type { LabelFix } from '../../core/picks/correction-decisions.ts';
import type { ClassDef } from '../../core/picks/pick.ts';
import { REMOVE_COLOR } from '../fix-marks.ts';
import { fixInstances, SHELL_SCALE } from './fix-instances.ts';

const classes: ClassDef[] = [
  { id: 1, name: 'ribosome', color: '#e6550d', radiusAngstrom: 130 },
  { id: 2, name: 'proteasome', color: '#3182bd', radiusAngstrom: 80 },
];

function fix(id: string, kind: LabelFix['kind'], classId: number, confidence: number): LabelFix {
  return { id, tomogram: 't1', kind, x: 10, y: 20, z: 30, classId, confidence, voxels: 100, ...(kind === 'add' ? {} : { pickId: `p-${id}` }) };
}

const rgb = (hex: string) => {
  const c = new Color(hex);
  return [c.r, c.g, c.b].map(Math.fround);
};

describe('fixInstances', () => {
  const fixes = [fix('a', 'add', 2, 0.9), fix('r', 'remove', 1, 0.7), fix('l', 'relabel', 2, 0.2)];
  const { confident, doubtful } = fixInstances(fixes, classes, [10, 10, 20], 0.5);

  it('splits the fixes at the bulk-accept threshold', () => {
    expect(confident.ids).toEqual(['a', 'r']);
    expect(doubtful.ids).toEqual(['l']);
  });

  it('draws an add as its class sphere at the suggested position', () => {
    expect(Array.from(confident.matrices.subarray(0, 16))).toEqual([8, 0, 0, 0, 0, 8, 0, 0, 0, 0, 4, 0, 10, 20, 30, 1]);
    expect(Array.from(confident.colors.subarray(0, 3))).toEqual(rgb('#3182bd'));
  });

  it('draws a remove in red and a relabel in the new class colour, both round the pick sphere', () => {
    expect(Array.from(confident.colors.subarray(3, 6))).toEqual(rgb(REMOVE_COLOR));
    expect(confident.matrices[16]).toBeCloseTo((130 * SHELL_SCALE) / 10, 5);
    expect(Array.from(doubtful.colors.subarray(0, 3))).toEqual(rgb('#3182bd'));
    expect(doubtful.matrices[10]).toBeCloseTo((80 * SHELL_SCALE) / 20, 5);
  });
});
