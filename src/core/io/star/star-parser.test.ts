import { describe, expect, it } from 'vitest';
import { parseStar } from './star-parser.ts';
import { tokenizeStarLine } from './star-tokenizer.ts';
import { StarSyntaxError } from './star-types.ts';

describe('tokenizeStarLine', () => {
  it('splits bare words, quoted values and drops comments', () => {
    expect(tokenizeStarLine(`a 'b c' "" ' ' d # comment`, 1, 'f')).toEqual(['a', 'b c', '', ' ', 'd']);
  });
  it("keeps an inner quote that is not followed by whitespace ('it's')", () => {
    expect(tokenizeStarLine(`'it's' x`, 1, 'f')).toEqual(["it's", 'x']);
  });
  it('reports an unterminated quote with its line', () => {
    expect(() => tokenizeStarLine(`'open`, 7, 'f.star')).toThrow(/f\.star, line 7: unterminated/);
  });
});

describe('parseStar', () => {
  const text = [
    '# version 50001',
    '',
    'data_general',
    '_rlnTomoSubTomosAre2DStacks   1',
    '_rlnName   "two words"',
    '',
    'data_particles',
    'loop_',
    '_rlnTomoName #1',
    '_rlnCenteredCoordinateXAngst #2',
    'TS_01\t-1.5',
    "  'TS 02'   2.5  # trailing comment",
    '',
    'data_empty',
    'loop_',
    '_rlnCoordinateX #1',
  ].join('\r\n');

  it('reads several blocks, key/value pairs, loops, quotes and CRLF', () => {
    const doc = parseStar(text);
    expect(doc.blocks.map((b) => b.name)).toEqual(['general', 'particles', 'empty']);
    expect(doc.blocks[0]?.pairs.get('rlnTomoSubTomosAre2DStacks')).toBe('1');
    expect(doc.blocks[0]?.pairs.get('rlnName')).toBe('two words');
    const loop = doc.blocks[1]?.loops[0];
    expect(loop?.columns).toEqual(['rlnTomoName', 'rlnCenteredCoordinateXAngst']);
    expect(loop?.rows).toEqual([
      ['TS_01', '-1.5'],
      ['TS 02', '2.5'],
    ]);
    expect(loop?.rowLines).toEqual([11, 12]);
    expect(doc.blocks[2]?.loops[0]?.rows).toEqual([]);
  });

  it('reports rows with the wrong number of values instead of shifting columns', () => {
    const doc = parseStar('data_\nloop_\n_a\n_b\n1 2\n3\n4 5 6\n7 8\n');
    const loop = doc.blocks[0]?.loops[0];
    expect(loop?.rows).toEqual([
      ['1', '2'],
      ['7', '8'],
    ]);
    expect(loop?.badRows).toEqual([
      { line: 6, count: 1 },
      { line: 7, count: 3 },
    ]);
  });

  it('reads a label whose value is on the next line and ; text fields', () => {
    const doc = parseStar('data_x\n_a\nvalue\n_b\n;line one\nline two\n;\n');
    expect(doc.blocks[0]?.pairs.get('a')).toBe('value');
    expect(doc.blocks[0]?.pairs.get('b')).toBe('line one\nline two');
  });

  it('ends a loop at the next label and reads pairs after it', () => {
    const doc = parseStar('data_x\nloop_\n_a\n1\n2\n_b 3\n');
    expect(doc.blocks[0]?.loops[0]?.rows).toEqual([['1'], ['2']]);
    expect(doc.blocks[0]?.pairs.get('b')).toBe('3');
  });

  it('rejects values before any data_ block and labels without values', () => {
    expect(() => parseStar('_a 1\n', 'x.star')).toThrow(StarSyntaxError);
    expect(() => parseStar('_a 1\n', 'x.star')).toThrow(/x\.star, line 1/);
    expect(() => parseStar('data_\n_a\n', 'x.star')).toThrow(/_a has no value/);
    expect(() => parseStar('data_\n_a 1 2\n', 'x.star')).toThrow(/2 values, expected 1/);
  });
});
