import { describe, expect, it } from 'vitest';
import { acceptFixes, toLabelFixes } from './correction-decisions.ts';
import { fixMarks } from './fix-marks.ts';
import { applyDiff } from './pick-diff.ts';
import { pickMapOf } from './pick-collection.ts';
import type { Pick } from './pick.ts';
import type { FixList } from './review-document.ts';

const base: Pick[] = [
  { id: 'a', tomogram: 't', x: 10, y: 10, z: 5, classId: 1, source: 'manual', status: 'accepted' },
  { id: 'b', tomogram: 't', x: 30, y: 30, z: 5, classId: 1, source: 'manual', status: 'accepted' },
];
const picks = pickMapOf(base);
const fixes = toLabelFixes(
  [
    { kind: 'add', x: 20, y: 20, z: 6, classId: 2, confidence: 0.9, voxels: 30 },
    { kind: 'remove', x: 10, y: 10, z: 5, classId: 1, pickIndex: 0, confidence: 0.6, voxels: 14 },
    { kind: 'relabel', x: 30, y: 30, z: 5, classId: 2, fromClassId: 1, pickIndex: 1, confidence: 0.3, voxels: 14 },
    { kind: 'add', x: 40, y: 40, z: 20, classId: 2, confidence: 0.8, voxels: 30 },
  ],
  't',
  ['a', 'b'],
  'L',
);
const list: FixList = { tomogramId: 't', modelName: 'm', fixes, rejected: new Set() };
const radius = (classId: number) => (classId === 1 ? 3 : 2);

describe('fix marks in a slice', () => {
  it('marks the pending fixes that reach the slice, on the picks as they are now', () => {
    const marks = fixMarks(list, picks, 'xy', 5, radius);
    expect(marks.map((m) => [m.pick.kind, m.u, m.v])).toEqual([
      ['add', 20, 20],
      ['remove', 10, 10],
      ['relabel', 30, 30],
    ]);
    expect(marks[0]!.r).toBeCloseTo(Math.sqrt(4 - 1)); // class 2's sphere, one slice off its centre
    const moved = applyDiff(picks, { added: new Map(), removed: new Map(), updated: new Map([['a', [picks.get('a')!, { ...picks.get('a')!, x: 12 }]]]) });
    expect(fixMarks(list, moved, 'xy', 5, radius)[1]!.u).toBe(12);
  });

  it('leaves out accepted and rejected fixes and those whose pick is gone', () => {
    const accepted = applyDiff(picks, acceptFixes(picks, [fixes[0]!]));
    const rejected: FixList = { ...list, rejected: new Set([fixes[1]!.id]) };
    const withoutB = applyDiff(accepted, { added: new Map(), removed: new Map([['b', picks.get('b')!]]), updated: new Map() });
    expect(fixMarks(rejected, withoutB, 'xy', 5, radius)).toEqual([]);
  });
});
