import { describe, expect, it } from 'vitest';
import { addClassesDiff, applyClassDiff, classChangeLabel, invertClassDiff, newClass, squashClassInto, updateClassDiff, type ClassDiff } from './class-document.ts';
import { classesOnly, DOCUMENT_DIFF_OPS, isEmptyDocumentDiff } from './document-diff.ts';
import type { ClassDef } from './pick.ts';

const ribosome: ClassDef = { id: 1, name: 'ribosome', color: '#4e79a7', radiusAngstrom: 130 };
const proteasome: ClassDef = { id: 3, name: 'proteasome', color: '#f28e2b', radiusAngstrom: 90 };

describe('class document', () => {
  it('applies and inverts an update, comparing records by value', () => {
    const classes = [ribosome, proteasome];
    const diff = updateClassDiff(classes, 3, { name: '26S' });
    const renamed = applyClassDiff(classes, diff);
    expect(renamed.map((c) => c.name)).toEqual(['ribosome', '26S']);
    expect(classes[1]!.name).toBe('proteasome');
    // A restored project holds equal copies, not the same objects: undo still applies.
    const copies = renamed.map((c) => ({ ...c }));
    expect(applyClassDiff(copies, invertClassDiff(diff))).toEqual(classes);
  });

  it('puts a class that comes back before the first class of a larger id', () => {
    const second: ClassDef = { id: 2, name: 'membrane', color: '#e15759', radiusAngstrom: 50 };
    const removed = invertClassDiff(addClassesDiff([ribosome, proteasome], [second]));
    const withSecond = applyClassDiff([ribosome, proteasome], invertClassDiff(removed));
    expect(withSecond.map((c) => c.id)).toEqual([1, 2, 3]);
    expect(applyClassDiff(withSecond, removed).map((c) => c.id)).toEqual([1, 3]);
  });

  it('refuses a stale diff, a used id, an unknown class and invalid fields', () => {
    const diff = updateClassDiff([ribosome], 1, { color: '#000000' });
    expect(() => applyClassDiff([{ ...ribosome, name: 'other' }], diff)).toThrow('cannot change class 1: it changed since the edit was made');
    expect(() => addClassesDiff([ribosome], [{ ...proteasome, id: 1 }])).toThrow('class id 1 ("proteasome") is already used');
    expect(() => addClassesDiff([], [proteasome, proteasome])).toThrow('class id 3 ("proteasome") is already used');
    expect(() => updateClassDiff([ribosome], 7, { name: 'x' })).toThrow('no class with id 7');
    expect(() => updateClassDiff([ribosome], 1, { name: '  ' })).toThrow('class 1: a class needs a name');
    expect(() => updateClassDiff([ribosome], 1, { radiusAngstrom: 0 })).toThrow('the radius must be a positive number of Å, got 0');
    expect(() => updateClassDiff([ribosome], 1, { radiusAngstrom: Number.NaN })).toThrow('positive number');
  });

  it('gives an empty diff for a change to the same values, and drops hidden: false', () => {
    expect(updateClassDiff([ribosome], 1, { name: 'ribosome' }).size).toBe(0);
    expect(updateClassDiff([ribosome], 1, { hidden: false }).size).toBe(0);
    const hidden = applyClassDiff([ribosome], updateClassDiff([ribosome], 1, { hidden: true }));
    const shown = applyClassDiff(hidden, updateClassDiff(hidden, 1, { hidden: false }));
    expect(shown[0]).toEqual(ribosome);
    expect('hidden' in shown[0]!).toBe(false);
  });

  it('squashes a gesture and drops classes that end where they began', () => {
    const a = updateClassDiff([ribosome], 1, { color: '#111111' });
    const mid = applyClassDiff([ribosome], a);
    const target = new Map(a);
    squashClassInto(target, updateClassDiff(mid, 1, { color: '#222222' }));
    expect(target.get(1)).toEqual([ribosome, { ...ribosome, color: '#222222' }]);
    const back = applyClassDiff(mid, updateClassDiff(mid, 1, { color: '#222222' }));
    squashClassInto(target, updateClassDiff(back, 1, { color: ribosome.color }));
    expect(target.size).toBe(0);
  });

  it('is part of the document diff: copy, squash, invert and emptiness cover classes', () => {
    const added: ClassDiff = addClassesDiff([ribosome], [proteasome]);
    const doc = DOCUMENT_DIFF_OPS.copy(classesOnly(added));
    expect(DOCUMENT_DIFF_OPS.size(doc)).toBe(1);
    expect(DOCUMENT_DIFF_OPS.invert(doc).classes.get(3)).toEqual([proteasome, undefined]);
    DOCUMENT_DIFF_OPS.squashInto(doc, DOCUMENT_DIFF_OPS.invert(classesOnly(added)));
    expect(isEmptyDocumentDiff(doc)).toBe(true);
    expect(added.size).toBe(1);
  });

  it('makes new classes with the next id and a distinct colour, and labels changes', () => {
    expect(newClass([ribosome, proteasome])).toMatchObject({ id: 4, name: 'class 4', radiusAngstrom: 100 });
    expect(newClass([ribosome]).color).not.toBe(ribosome.color);
    expect(newClass([], { name: 'actin' })).toMatchObject({ id: 1, name: 'actin' });
    expect([{ name: 'a' }, { color: '#fff' }, { radiusAngstrom: 3 }, { hidden: true }, { hidden: false }, { name: 'a', color: '#fff' }].map(classChangeLabel)).toEqual([
      'rename class',
      'recolour class',
      'change class radius',
      'hide class',
      'show class',
      'edit class',
    ]);
  });
});
