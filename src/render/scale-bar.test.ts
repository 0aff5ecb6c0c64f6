import { describe, expect, it } from 'vitest';
import { niceLength } from './scale-bar.ts';

describe('niceLength', () => {
  it('rounds down to 1, 2 or 5 times a power of ten', () => {
    expect(niceLength(73)).toBe(50);
    expect(niceLength(19.9)).toBe(10);
    expect(niceLength(2.4)).toBe(2);
    expect(niceLength(0.7)).toBe(0.5);
  });
});
