import { describe, expect, it } from 'vitest';
import { NEW_CLASS_RADIUS_ANGSTROM, assignClasses } from './class-assignment.ts';
import type { ClassDef } from './pick.ts';

const project: ClassDef[] = [
  { id: 1, name: 'ribosome', color: '#e6550d', radiusAngstrom: 130 },
  { id: 2, name: 'Proteasome', color: '#3182bd', radiusAngstrom: 80 },
];

describe('assignClasses', () => {
  it('matches names case-insensitively before numbers', () => {
    const { classIds, added } = assignClasses([{ className: 'PROTEASOME', classId: 1 }, { className: 'ribosome' }], project, 1);
    expect(classIds).toEqual([2, 1]);
    expect(added).toEqual([]);
  });

  it('maps known numbers to their class and unknown numbers to new classes keeping the id', () => {
    const { classIds, added } = assignClasses([{ classId: 2 }, { classId: 7 }, { classId: 7 }], project, 1);
    expect(classIds).toEqual([2, 7, 7]);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ id: 7, name: 'class 7', radiusAngstrom: NEW_CLASS_RADIUS_ANGSTROM });
  });

  it('creates one class per unknown name with a free id, the file radius and a colour not in use', () => {
    const { classIds, added } = assignClasses(
      [{ className: 'fas', classId: 1, radiusAngstrom: 140 }, { className: 'fas' }, { className: 'tric' }],
      project,
      1,
    );
    expect(classIds).toEqual([3, 3, 4]);
    expect(added.map((c) => [c.id, c.name, c.radiusAngstrom])).toEqual([
      [3, 'fas', 140],
      [4, 'tric', NEW_CLASS_RADIUS_ANGSTROM],
    ]);
    const colors = [...project, ...added].map((c) => c.color.toLowerCase());
    expect(new Set(colors).size).toBe(colors.length);
  });

  it('gives records without a class (or RELION class 0) the default class', () => {
    expect(assignClasses([{}, { classId: 0 }], project, 2).classIds).toEqual([2, 2]);
  });

  it('creates a "particle" class when there is no default class', () => {
    const { classIds, added } = assignClasses([{}, {}], [], undefined);
    expect(added.map((c) => [c.id, c.name])).toEqual([[1, 'particle']]);
    expect(classIds).toEqual([1, 1]);
  });
});
