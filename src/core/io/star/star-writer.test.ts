import { describe, expect, it } from 'vitest';
import { parseStar } from './star-parser.ts';
import { quoteStarValue, writeStar } from './star-writer.ts';

describe('quoteStarValue', () => {
  it('leaves plain values and RELION vectors bare, quotes the rest', () => {
    expect(quoteStarValue('TS_01')).toBe('TS_01');
    expect(quoteStarValue('[0,1,1]')).toBe('[0,1,1]');
    expect(quoteStarValue('')).toBe('""');
    expect(quoteStarValue('a b')).toBe('"a b"');
    expect(quoteStarValue('_x')).toBe('"_x"');
    expect(quoteStarValue('data_x')).toBe('"data_x"');
    expect(quoteStarValue('say "hi" now')).toBe(`'say "hi" now'`);
  });
});

describe('writeStar', () => {
  it('writes blocks that parse back to the same values', () => {
    const text = writeStar([
      { name: 'general', comment: 'version 50001', pairs: [['rlnA', 'one two']] },
      { name: 'particles', loop: { columns: ['rlnTomoName', 'rlnX'], rows: [['TS 1', '1.0'], ['TS_2', '']] } },
    ]);
    expect(text.startsWith('# version 50001\n\ndata_general\n')).toBe(true);
    const doc = parseStar(text);
    expect(doc.blocks[0]?.pairs.get('rlnA')).toBe('one two');
    expect(doc.blocks[1]?.loops[0]?.rows).toEqual([
      ['TS 1', '1.0'],
      ['TS_2', ''],
    ]);
  });

  it('refuses a row whose length differs from the columns', () => {
    expect(() => writeStar([{ name: 'p', loop: { columns: ['a', 'b'], rows: [['1']] } }])).toThrow(/1 values for 2 columns/);
  });
});
