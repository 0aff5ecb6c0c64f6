import { describe, expect, it } from 'vitest';
import { nextDistinctColor } from './class-colors.ts';

describe('nextDistinctColor', () => {
  it('never returns a colour in use, for many classes', () => {
    const used: string[] = ['#E6550D'];
    for (let i = 0; i < 60; i++) {
      const color = nextDistinctColor(used);
      expect(color).toMatch(/^#[0-9a-f]{6}$/);
      expect(used.map((c) => c.toLowerCase())).not.toContain(color);
      used.push(color);
    }
  });
});
