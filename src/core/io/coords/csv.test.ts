import { describe, expect, it } from 'vitest';
import { readCsv, writeCsv } from './csv.ts';
import type { CoordinateRecord } from './types.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('CSV', () => {
  it('round-trips records with class, score, names, angles and extra columns', () => {
    const records: CoordinateRecord[] = [
      { tomogram: 'TS_1', x: 1.25, y: 2, z: 3, classId: 2, score: 0.75, className: 'ribo, 80S', angles: [10, 20, 30], extra: { note: 'a "b"' } },
      { tomogram: 'TS_1', x: 4, y: 5, z: 6 },
    ];
    const text = writeCsv(records);
    expect(text.split('\n')[0]).toBe('x,y,z,class,score,tomogram,class_name,rot,tilt,psi,note');
    expect(readCsv('p.csv', bytes(text), {}).records).toEqual(records);
  });

  it('reads headerless x y z [class] with comma, tab or whitespace separators', () => {
    for (const text of ['1,2,3,4\n5,6,7,8\n', '1\t2\t3\t4\n5\t6\t7\t8\n', '1 2  3 4\n5 6 7 8\n']) {
      const { records } = readCsv('t_1.csv', bytes(text), {});
      expect(records).toEqual([
        { tomogram: 't_1', x: 1, y: 2, z: 3, classId: 4 },
        { tomogram: 't_1', x: 5, y: 6, z: 7, classId: 8 },
      ]);
    }
  });

  it('fails naming the line on NaN, missing values or a wrong column count; skips when allowed', () => {
    expect(() => readCsv('p.csv', bytes('x,y,z\n1,2,3\n1,NaN,3\n'), {})).toThrow(/p\.csv, line 3: y "NaN" is not a finite number/);
    expect(() => readCsv('p.csv', bytes('x,y,z\n1,2\n'), {})).toThrow(/line 2: 2 columns, header has 3/);
    expect(() => readCsv('p.csv', bytes('x,y,z,class\n1,2,3,1.5\n'), {})).toThrow(/class "1.5" is not an integer/);
    const skipped = readCsv('p.csv', bytes('x,y,z\n1,2,3\n1,,3\n'), { skipMalformedRows: true });
    expect(skipped.records).toHaveLength(1);
    expect(skipped.warnings[0]).toMatch(/skipped p\.csv, line 3/);
  });

  it('refuses a header without x, y and z', () => {
    expect(() => readCsv('p.csv', bytes('a,b,c\n1,2,3\n'), {})).toThrow(/header has no "x" column/);
  });
});
