import { describe, expect, it } from 'vitest';
import type { Pick } from './pick.ts';
import { pickMapOf } from './pick-collection.ts';
import { countByClass, filterPicks, picksOfTomogram } from './pick-queries.ts';

function pick(id: string, overrides: Partial<Pick> = {}): Pick {
  return { id, tomogram: 't1', x: 0, y: 0, z: 0, classId: 1, source: 'manual', status: 'accepted', ...overrides };
}

const map = pickMapOf([
  pick('a'),
  pick('b', { classId: 2, status: 'candidate', source: 'model' }),
  pick('c', { classId: 2, status: 'rejected', source: 'model' }),
  pick('d', { tomogram: 't2', classId: 2 }),
]);

describe('pick collection helpers', () => {
  it('refuses duplicate ids', () => {
    expect(() => pickMapOf([pick('a'), pick('a')])).toThrow(/duplicate pick id "a"/);
  });

  it('filters by tomogram, class, source and status (arrays mean any of)', () => {
    expect(picksOfTomogram(map, 't2').map((p) => p.id)).toEqual(['d']);
    expect(filterPicks(map, { classId: 2, source: 'model', status: ['candidate', 'accepted'] }).map((p) => p.id)).toEqual(['b']);
    expect(filterPicks(map, { classId: [1, 2], tomogram: 't1' }).map((p) => p.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('counts per class and status', () => {
    expect(countByClass(map)).toEqual([
      { classId: 1, total: 1, candidate: 0, accepted: 1, rejected: 0 },
      { classId: 2, total: 3, candidate: 1, accepted: 1, rejected: 1 },
    ]);
    expect(countByClass(map, { tomogram: 't1' })[1]).toEqual({ classId: 2, total: 2, candidate: 1, accepted: 0, rejected: 1 });
  });
});
