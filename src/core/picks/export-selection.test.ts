import { describe, expect, it } from 'vitest';
import { pickMapOf } from './pick-collection.ts';
import { picksForExport, picksToRecords } from './export-selection.ts';
import type { ClassDef, Pick } from './pick.ts';

function pick(id: string, overrides: Partial<Pick> = {}): Pick {
  return { id, tomogram: 't1', x: 1, y: 2, z: 3, classId: 1, source: 'manual', status: 'accepted', ...overrides };
}

const map = pickMapOf([
  pick('a'),
  pick('b', { status: 'candidate', classId: 2, score: 0.7 }),
  pick('c', { status: 'rejected' }),
  pick('d', { tomogram: 't2' }),
]);

describe('export selection', () => {
  it('exports accepted picks by default semantics, or all non-rejected, or all, of one tomogram', () => {
    const ids = (status: 'accepted' | 'not-rejected' | 'all', classId?: number) =>
      picksForExport(map, { tomogram: 't1', status, ...(classId === undefined ? {} : { classId }) }).map((p) => p.id).sort();
    expect(ids('accepted')).toEqual(['a']);
    expect(ids('not-rejected')).toEqual(['a', 'b']);
    expect(ids('all')).toEqual(['a', 'b', 'c']);
    expect(ids('all', 2)).toEqual(['b']);
  });

  it('orders picks by class, then z, y, x', () => {
    const unordered = pickMapOf([
      pick('q', { classId: 2, z: 0 }),
      pick('r', { z: 9 }),
      pick('s', { z: 1, y: 5 }),
      pick('t', { z: 1, y: 4 }),
    ]);
    expect(picksForExport(unordered, { tomogram: 't1', status: 'all' }).map((p) => p.id)).toEqual(['t', 's', 'r', 'q']);
  });

  it('names records after the exported tomogram and carries class name, radius and score', () => {
    const classes: ClassDef[] = [{ id: 2, name: 'proteasome', color: '#000', radiusAngstrom: 80 }];
    const records = picksToRecords([map.get('b')!, map.get('a')!], classes, 'TS_01');
    expect(records).toEqual([
      { tomogram: 'TS_01', x: 1, y: 2, z: 3, classId: 2, className: 'proteasome', radiusAngstrom: 80, score: 0.7 },
      { tomogram: 'TS_01', x: 1, y: 2, z: 3, classId: 1 },
    ]);
  });
});
