import { describe, expect, it } from 'vitest';
import { readDynamoTbl } from './dynamo-tbl.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
const row = (values: Record<number, string>) =>
  Array.from({ length: 35 }, (_, i) => values[i + 1] ?? '0').join(' ');

describe('Dynamo tables', () => {
  it('adds shifts to x y z and converts from 1-based', () => {
    const text = row({ 1: '7', 4: '0.5', 5: '-1', 6: '2', 7: '10', 8: '20', 9: '30', 10: '0.3', 20: '3', 22: '2', 24: '101', 25: '51', 26: '11' });
    const { records } = readDynamoTbl('t.tbl', bytes(`${text}\n`), {});
    expect(records[0]).toEqual({
      tomogram: '3',
      x: 100.5,
      y: 49,
      z: 12,
      classId: 2,
      score: 0.3,
      extra: { tag: '7', tdrot: '10', tilt: '20', narot: '30' },
    });
  });

  it('reads the real part of MATLAB complex values, with a warning', () => {
    const text = row({ 24: '11', 25: '1', 26: '1', 4: '0+1.2e-06i' });
    const { records, warnings } = readDynamoTbl('t.tbl', bytes(text), {});
    expect(records[0]?.x).toBe(10);
    expect(warnings[0]).toMatch(/complex values/);
  });

  it('fails on short or non-numeric rows naming the line', () => {
    expect(() => readDynamoTbl('t.tbl', bytes('1 2 3\n'), {})).toThrow(/t\.tbl, line 1: 3 columns/);
    expect(() => readDynamoTbl('t.tbl', bytes(row({ 24: 'x' })), {})).toThrow(/column 24 \(x\) "x"/);
  });
});
