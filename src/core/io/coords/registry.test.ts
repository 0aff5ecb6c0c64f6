import { describe, expect, it } from 'vitest';
import { WRITABLE_FORMATS, detectCoordinateFormat, readCoordinates, writeCoordinates } from './registry.ts';
import type { CoordinateFormat, CoordinateRecord } from './types.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('detectCoordinateFormat', () => {
  const cases: [string, string, CoordinateFormat][] = [
    ['p.star', 'data_particles\nloop_\n_rlnTomoName\n_rlnCenteredCoordinateXAngst\n_rlnCenteredCoordinateYAngst\n_rlnCenteredCoordinateZAngst\n', 'relion5'],
    ['p.star', 'data_\nloop_\n_rlnTomoName\n_rlnCoordinateX\n_rlnCoordinateY\n_rlnCoordinateZ\n', 'relion4'],
    ['p.txt', '# c\ndata_\nloop_\n_rlnMicrographName\n_rlnCoordinateX\n_rlnCoordinateY\n_rlnCoordinateZ\n', 'relion3'],
    ['p.csv', 'x,y,z\n1,2,3\n', 'csv'],
    ['p.coords', '1 2 3\n', 'coords'],
    ['p.txt', '1 1 1 2 3\n', 'coords'],
    ['p.txt', '1qvr 1 2 3 4 5 6\n', 'shrec-text'],
    ['p.json', '{"points":[]}', 'copick'],
    ['p.ndjson', '{"type":"point","location":{"x":1,"y":2,"z":3}}\n', 'ndjson'],
    ['p.tbl', '1 1 1\n', 'dynamo-tbl'],
    ['p.xml', '<objlist></objlist>', 'deepfinder-xml'],
  ];
  it.each(cases)('%s → %s', (name, text, format) => {
    expect(detectCoordinateFormat(name, bytes(text))).toBe(format);
  });

  it('recognises binary IMOD models by their id', () => {
    expect(detectCoordinateFormat('x.bin', bytes('IMODV1.2'))).toBe('imod-mod');
  });

  it('refuses files that are not coordinates, saying what they are', () => {
    expect(() => detectCoordinateFormat('a.mdoc', bytes('PixelSpacing = 5.4'))).toThrow(/not a coordinates file: it is a SerialEM \.mdoc/);
    expect(() => detectCoordinateFormat('a.txt', bytes('-51.0\n-48.0\n'))).toThrow(/1 number per line/);
    expect(() => detectCoordinateFormat('a.star', bytes('data_\n_rlnFinalResolution 3\n'))).toThrow(/has no particle coordinates/);
    expect(() => detectCoordinateFormat('a.star', bytes('data_\nloop_\n_rlnTomoParticlesFile\np.star\n'))).toThrow(/optimisation set/);
    expect(() => detectCoordinateFormat('a.mrc', bytes('xx'))).toThrow(/image volume/);
  });
});

describe('writeCoordinates ↔ readCoordinates', () => {
  const records: CoordinateRecord[] = [
    { tomogram: 'TS_1', x: 10.5, y: 20, z: 5.25, classId: 1 },
    { tomogram: 'TS_1', x: 0, y: 99, z: 49, classId: 1 },
  ];
  const ctx = { tomoSize: [100, 100, 50] as [number, number, number], voxelSize: 7.5, tomoName: 'TS_1' };
  it.each(WRITABLE_FORMATS)('%s keeps positions', (format) => {
    const text = writeCoordinates(format, records, ctx);
    const ext = { relion5: 'star', relion4: 'star', relion3: 'star', coords: 'coords', csv: 'csv', copick: 'json', ndjson: 'ndjson' }[format as string];
    const back = readCoordinates(`TS_1.${ext}`, bytes(text), ctx);
    expect(back.format).toBe(format);
    expect(back.records).toHaveLength(2);
    back.records.forEach((r, i) => {
      expect(r.tomogram).toBe('TS_1');
      expect(r.x).toBeCloseTo(records[i]?.x ?? NaN, 5);
      expect(r.y).toBeCloseTo(records[i]?.y ?? NaN, 5);
      expect(r.z).toBeCloseTo(records[i]?.z ?? NaN, 5);
    });
  });

  it('refuses to write read-only formats', () => {
    expect(() => writeCoordinates('dynamo-tbl', records)).toThrow(/read-only/);
  });
});
