import { describe, expect, it } from 'vitest';
import { readClass } from './validate.ts';

describe('readClass: visibility', () => {
  const saved = { id: 2, name: 'ribosome', color: '#4e79a7', radiusAngstrom: 130 };

  it('keeps hidden: true, drops hidden: false, and reads files saved before classes could be hidden', () => {
    expect(readClass({ ...saved, hidden: true }, 'classes[0]')).toEqual({ ...saved, hidden: true });
    expect(readClass({ ...saved, hidden: false }, 'classes[0]')).toEqual(saved);
    expect(readClass(saved, 'classes[0]')).toEqual(saved);
  });

  it('names the field of a bad value', () => {
    expect(() => readClass({ ...saved, hidden: 'yes' }, 'classes[0]')).toThrow(/classes\[0\]\.hidden.*must be true or false/);
  });
});
