import { describe, expect, it } from 'vitest';
import { readDeepFinderXml } from './deepfinder-xml.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('DeepFinder object lists', () => {
  it('reads objects with tomogram index, class and angles', () => {
    const xml = '<objlist>\n  <object tomo_idx="8" class_label="7" x="182" y="143" z="39" phi="149" psi="2" the="120"/>\n</objlist>\n';
    const { records } = readDeepFinderXml('o.xml', bytes(xml), {});
    expect(records).toEqual([{ tomogram: '8', classId: 7, x: 182, y: 143, z: 39, extra: { phi: '149', psi: '2', the: '120' } }]);
  });

  it('names the line of an object without coordinates and refuses other XML', () => {
    const xml = '<objlist>\n<object x="1" y="2" z="3"/>\n<object x="1" y="2"/>\n</objlist>';
    expect(() => readDeepFinderXml('o.xml', bytes(xml), {})).toThrow(/o\.xml, line 3/);
    expect(() => readDeepFinderXml('o.xml', bytes('<root/>'), {})).toThrow(/without <objlist>/);
  });
});
