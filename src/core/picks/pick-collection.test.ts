import { describe, expect, it } from 'vitest';
import type { Pick } from './pick.ts';
import { PickCollection } from './pick-collection.ts';

function pick(id: string, x = 0): Pick {
  return { id, tomogram: 't1', x, y: 0, z: 0, classId: 1, source: 'manual', status: 'accepted' };
}

describe('PickCollection', () => {
  const base = PickCollection.from(Array.from({ length: 2000 }, (_, i) => pick(`p${i}`, i)));

  it('reads like a map', () => {
    expect(base.size).toBe(2000);
    expect(base.get('p17')?.x).toBe(17);
    expect(base.has('p1999')).toBe(true);
    expect(base.has('nope')).toBe(false);
    expect(new Set(base.keys()).size).toBe(2000);
    expect([...base.values()].reduce((sum, p) => sum + p.x, 0)).toBe((1999 * 2000) / 2);
    expect(new Map(base).get('p5')).toBe(base.get('p5'));
  });

  it('commits a draft as a new collection and leaves the old one unchanged', () => {
    const draft = base.draft();
    draft.set('p1', pick('p1', -1));
    draft.set('new', pick('new'));
    expect(draft.delete('p2')).toBe(true);
    expect(draft.delete('missing')).toBe(false);
    const next = draft.commit();
    expect(next.size).toBe(2000);
    expect(next.get('p1')?.x).toBe(-1);
    expect(next.has('p2')).toBe(false);
    expect(next.has('new')).toBe(true);
    expect(base.get('p1')?.x).toBe(1);
    expect(base.has('p2')).toBe(true);
    expect(base.has('new')).toBe(false);
    // Untouched picks are shared, not copied.
    expect(next.get('p3')).toBe(base.get('p3'));
    expect(() => draft.set('late', pick('late'))).toThrow(/already committed/);
  });

  it('refuses duplicate ids and wraps plain maps', () => {
    expect(() => PickCollection.from([pick('a'), pick('a')])).toThrow(/duplicate pick id "a"/);
    expect(PickCollection.of(base)).toBe(base);
    expect(PickCollection.of(new Map([['a', pick('a')]])).get('a')?.id).toBe('a');
  });
});
