import { describe, expect, it } from 'vitest';
import { readImodText, writeImodText } from './imod-text.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('IMOD point lists (model2point)', () => {
  it('shifts X/Y by the IMOD half-voxel and keeps Z', () => {
    const { records } = readImodText('m.coords', bytes('10.5 20.5 3\n'), {});
    expect(records).toEqual([{ tomogram: 'm', x: 10, y: 20, z: 3 }]);
  });

  it('reads object/contour columns and writes them back', () => {
    const { records } = readImodText('m.txt', bytes('2 1 10.5 20.5 3\n2 1 11.5 21.5 4\n'), {});
    expect(records[0]).toMatchObject({ classId: 2, x: 10, y: 20, z: 3 });
    expect(writeImodText(records)).toBe('2 1 10.5 20.5 3\n2 1 11.5 21.5 4\n');
    expect(writeImodText([{ tomogram: 't', x: 0, y: 1, z: 2 }])).toBe('0.5 1.5 2\n');
  });

  it('rejects bad lines and unsupported column counts', () => {
    expect(() => readImodText('m.txt', bytes('1 2 3\n1 2\n'), {})).toThrow(/m\.txt, line 2: 2 columns/);
    expect(() => readImodText('m.txt', bytes('1 2 3\n1 x 3\n'), {})).toThrow(/line 2: "x" is not a finite number/);
    expect(() => readImodText('m.txt', bytes('1 2\n'), {})).toThrow(/2 columns; an IMOD point list has 3/);
  });
});
