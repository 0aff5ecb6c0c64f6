import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../labels/correction-suggestions.ts';
import { acceptFixes, addedPickId, fixStatus, isFixApplied, nextPendingFix, pendingAtOrAbove, toLabelFixes } from './correction-decisions.ts';
import { applyDiff } from './pick-diff.ts';
import { pickMapOf } from './pick-collection.ts';
import type { Pick } from './pick.ts';

const picks: Pick[] = [
  { id: 'a', tomogram: 't', x: 1, y: 2, z: 3, classId: 1, source: 'manual', status: 'accepted' },
  { id: 'b', tomogram: 't', x: 9, y: 9, z: 9, classId: 2, source: 'imported', status: 'accepted' },
  { id: 'c', tomogram: 't', x: 5, y: 5, z: 5, classId: 1, source: 'model', status: 'candidate' },
];
const suggestions: Suggestion[] = [
  { kind: 'add', x: 20, y: 21, z: 22, classId: 2, confidence: 0.9, voxels: 30 },
  { kind: 'remove', x: 9, y: 9, z: 9, classId: 2, pickIndex: 1, confidence: 0.6, voxels: 14 },
  { kind: 'relabel', x: 5, y: 5, z: 5, classId: 2, fromClassId: 1, pickIndex: 2, confidence: 0.3, voxels: 14 },
  { kind: 'remove', x: 5, y: 5, z: 5, classId: 1, pickIndex: 2, confidence: 0.1, voxels: 14 },
];
const fixes = toLabelFixes(suggestions, 't', ['a', 'b', 'c'], 'L1');

describe('label fixes as pick edits', () => {
  it('ties suggestions to the picks they question, with ids unique per list', () => {
    expect(fixes.map((f) => [f.id, f.pickId])).toEqual([
      ['L1-0', undefined],
      ['L1-1', 'b'],
      ['L1-2', 'c'],
      ['L1-3', 'c'],
    ]);
    expect(() => toLabelFixes([suggestions[1]!], 't', ['a'], 'L2')).toThrow(/questions pick 1, but only 1 picks/);
  });

  it('accepts add → corrected accepted pick, remove → rejected, relabel → class change (candidate reviewed)', () => {
    const map = pickMapOf(picks);
    const after = applyDiff(map, acceptFixes(map, fixes.slice(0, 3)));
    expect(after.get(addedPickId(fixes[0]!))).toEqual({ id: 'fix-L1-0', tomogram: 't', x: 20, y: 21, z: 22, classId: 2, score: 0.9, source: 'corrected', status: 'accepted' });
    expect(after.get('b')).toMatchObject({ status: 'rejected', classId: 2 });
    expect(after.get('c')).toMatchObject({ classId: 2, status: 'accepted', source: 'model' });
    expect(after.get('a')).toBe(map.get('a'));
    expect(fixes.slice(0, 3).every((f) => isFixApplied(after, f))).toBe(true);
    expect(isFixApplied(map, fixes[0]!)).toBe(false);
  });

  it('skips fixes already applied, fixes of deleted picks, and a second fix of the same pick', () => {
    const map = pickMapOf(picks);
    const once = applyDiff(map, acceptFixes(map, [fixes[0]!]));
    const again = acceptFixes(once, [fixes[0]!]);
    expect(again.added.size + again.updated.size).toBe(0);
    const both = acceptFixes(map, [fixes[2]!, fixes[3]!]);
    expect([...both.updated.values()].map(([, after]) => after.classId)).toEqual([2]);
    const gone = pickMapOf(picks.filter((p) => p.id !== 'b'));
    expect(acceptFixes(gone, [fixes[1]!]).updated.size).toBe(0);
  });

  it('reads each fix status from the picks and the rejected set; bulk and next skip decided ones', () => {
    const map = pickMapOf(picks);
    const accepted = applyDiff(map, acceptFixes(map, [fixes[1]!]));
    const rejected = new Set(['L1-2']);
    expect(fixes.map((f) => fixStatus(accepted, rejected, f))).toEqual(['pending', 'accepted', 'rejected', 'pending']);
    expect(pendingAtOrAbove(accepted, rejected, fixes, 0.5).map((f) => f.id)).toEqual(['L1-0']);
    expect(pendingAtOrAbove(accepted, rejected, fixes, 0.05).map((f) => f.id)).toEqual(['L1-0', 'L1-3']);
    expect(nextPendingFix(accepted, rejected, fixes, 'L1-0')?.id).toBe('L1-3');
    expect(nextPendingFix(accepted, rejected, fixes, 'L1-3')?.id).toBe('L1-0');
    expect(nextPendingFix(accepted, rejected, fixes, undefined)?.id).toBe('L1-0');
    const all = applyDiff(accepted, acceptFixes(accepted, [fixes[0]!, fixes[3]!]));
    expect(nextPendingFix(all, rejected, fixes, 'L1-0')).toBeUndefined();
  });
});
