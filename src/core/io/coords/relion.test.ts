import { describe, expect, it } from 'vitest';
import { readCoordinates, writeCoordinates } from './registry.ts';
import { readRelionTomogramsStar, writeRelionOptimisationSet, writeRelionTomogramsStar } from './relion-tomograms.ts';
import { parseStar } from '../star/star-parser.ts';
import type { CoordinateRecord } from './types.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

const relion5 = (rows: string[], extraColumns: string[] = []) =>
  [
    'data_particles',
    'loop_',
    '_rlnTomoName',
    '_rlnCenteredCoordinateXAngst',
    '_rlnCenteredCoordinateYAngst',
    '_rlnCenteredCoordinateZAngst',
    ...extraColumns.map((c) => `_${c}`),
    ...rows,
  ].join('\n');

describe('RELION 5 centred Å coordinates', () => {
  it('maps X_Å = (x − nx/2)·v with nx/2 exact (odd sizes give .5)', () => {
    const { records, format } = readCoordinates('p.star', bytes(relion5(['TS 0 10 -20'])), {
      tomoSize: [101, 100, 50],
      voxelSize: 10,
    });
    expect(format).toBe('relion5');
    expect(records[0]).toMatchObject({ tomogram: 'TS', x: 50.5, y: 51, z: 23 });
  });

  it('subtracts origins (Å), rotated into the subtomogram frame when RELION gives one', () => {
    const plain = readCoordinates(
      'p.star',
      bytes(relion5(['TS 0 0 0 10 0 0'], ['rlnOriginXAngst', 'rlnOriginYAngst', 'rlnOriginZAngst'])),
      { tomoSize: [100, 100, 100], voxelSize: 10 },
    );
    expect(plain.records[0]?.x).toBeCloseTo(49);
    // Subtomogram rot = 90°: RELION's matrix row 1 column 0 is -sin(rot) → origin x becomes -y.
    const rotated = readCoordinates(
      'p.star',
      bytes(
        relion5(['TS 0 0 0 10 0 0 90 0 0'], [
          'rlnOriginXAngst', 'rlnOriginYAngst', 'rlnOriginZAngst',
          'rlnTomoSubtomogramRot', 'rlnTomoSubtomogramTilt', 'rlnTomoSubtomogramPsi',
        ]),
      ),
      { tomoSize: [100, 100, 100], voxelSize: 10 },
    );
    expect(rotated.records[0]?.x).toBeCloseTo(50);
    expect(rotated.records[0]?.y).toBeCloseTo(51);
  });

  it('takes size and voxel from tomograms.star (unbinned pixels / binning) when no tomogram is open', () => {
    const tomograms = readRelionTomogramsStar(
      'data_global\nloop_\n_rlnTomoName\n_rlnTomoTiltSeriesPixelSize\n_rlnTomoTomogramBinning\n_rlnTomoSizeX\n_rlnTomoSizeY\n_rlnTomoSizeZ\nTS 2.5 4 400 400 200\n',
    );
    const { records, warnings } = readCoordinates('p.star', bytes(relion5(['TS 100 0 -100'])), { relionTomograms: tomograms });
    expect(records[0]).toMatchObject({ x: 60, y: 50, z: 15 });
    expect(warnings).toEqual([]);
  });

  it('lets the opened tomogram win over tomograms.star, with a warning', () => {
    const tomograms = [{ name: 'TS', sizeUnbinned: [400, 400, 200] as [number, number, number], tiltSeriesPixelSize: 2.5, binning: 4 }];
    const { records, warnings } = readCoordinates('p.star', bytes(relion5(['TS 0 0 0'])), {
      relionTomograms: tomograms,
      tomoSize: [120, 100, 50],
      voxelSize: 10,
    });
    expect(records[0]?.x).toBe(60);
    expect(warnings.join('\n')).toMatch(/100×100×50 voxels, the opened tomogram is 120×100×50; using the opened tomogram/);
  });

  it('applies the "centre − 1 pixel" option in tilt-series pixels', () => {
    const { records } = readCoordinates('p.star', bytes(relion5(['TS 0 0 0'])), {
      tomoSize: [100, 100, 100],
      voxelSize: 10,
      binning: 2,
      centerMinusOne: true,
    });
    expect(records[0]?.x).toBeCloseTo(49.5);
  });

  it('names the flag to add when size or voxel size is missing', () => {
    expect(() => readCoordinates('p.star', bytes(relion5(['TS 0 0 0'])), { voxelSize: 10 })).toThrow(/--tomo-size/);
    expect(() => readCoordinates('p.star', bytes(relion5(['TS 0 0 0'])), { tomoSize: [1, 1, 1] })).toThrow(/--voxel/);
  });

  it('fails on malformed rows naming the line, or skips them when allowed', () => {
    const text = relion5(['TS 0 0 0', 'TS 0 0', 'TS nan 0 0', 'TS 1 1 1']);
    const ctx = { tomoSize: [10, 10, 10] as [number, number, number], voxelSize: 1 };
    expect(() => readCoordinates('p.star', bytes(text), ctx)).toThrow(/p\.star, line 8: 3 values for 4 columns/);
    const skipped = readCoordinates('p.star', bytes(text), { ...ctx, skipMalformedRows: true });
    expect(skipped.records).toHaveLength(2);
    expect(skipped.warnings).toHaveLength(2);
    expect(skipped.warnings[1]).toMatch(/line 9: _rlnCenteredCoordinateXAngst "nan" is not a finite number/);
  });

  it('writes the cylindra layout and reads back the same voxels', () => {
    const records: CoordinateRecord[] = [{ tomogram: 'TS_01', x: 25.5, y: 3, z: 7.25 }];
    const ctx = { tomoSize: [84, 136, 44] as [number, number, number], voxelSize: 10.52 };
    const text = writeCoordinates('relion5', records, ctx);
    const doc = parseStar(text);
    expect(doc.blocks[0]?.name).toBe('particles');
    expect(doc.blocks[0]?.loops[0]?.columns).toEqual(['rlnTomoName', 'rlnCenteredCoordinateXAngst', 'rlnCenteredCoordinateYAngst', 'rlnCenteredCoordinateZAngst']);
    expect(doc.blocks[0]?.loops[0]?.rows[0]).toEqual(['TS_01', '-173.580000', '-683.800000', '-155.170000']);
    const back = readCoordinates('p.star', bytes(text), ctx).records[0];
    expect(back?.x).toBeCloseTo(25.5, 5);
    expect(back?.z).toBeCloseTo(7.25, 5);
  });
});

describe('RELION 4 and RELION 3 pixel coordinates', () => {
  const relion4 = (rows: string[]) =>
    ['data_optics', 'loop_', '_rlnOpticsGroup', '_rlnTomoTiltSeriesPixelSize', '1 2.0', '', 'data_particles', 'loop_',
      '_rlnTomoName', '_rlnCoordinateX', '_rlnCoordinateY', '_rlnCoordinateZ', '_rlnOriginXAngst', '_rlnOriginYAngst',
      '_rlnOriginZAngst', '_rlnOpticsGroup', '_rlnClassNumber', ...rows].join('\n');

  it('divides unbinned tilt-series pixels by the binning and applies Å origins via the tilt-series pixel', () => {
    const { records, format } = readCoordinates('p.star', bytes(relion4(['TS 400 80 40 20 0 0 1 3'])), { binning: 4 });
    expect(format).toBe('relion4');
    // (400 − 20 Å / 2 Å) / 4 = 97.5
    expect(records[0]).toMatchObject({ tomogram: 'TS', x: 97.5, y: 20, z: 10, classId: 3 });
  });

  it('writes voxel × binning and reads it back', () => {
    const text = writeCoordinates('relion4', [{ tomogram: 'TS', x: 1.5, y: 2, z: 3, classId: 2, score: 0.5 }], { binning: 2 });
    expect(text).toContain('_rlnTomoName #1');
    expect(text).toContain('TS\t3.000000\t4.000000\t6.000000\t2\t0.500000');
    expect(readCoordinates('p.star', bytes(text), { binning: 2 }).records[0]).toMatchObject({ x: 1.5, y: 2, z: 3, classId: 2, score: 0.5 });
  });

  it('reads RELION 3 rlnMicrographName + tomogram pixels, origins in pixels', () => {
    const text = 'data_\nloop_\n_rlnMicrographName\n_rlnCoordinateX\n_rlnCoordinateY\n_rlnCoordinateZ\n_rlnOriginX\n_rlnOriginY\n_rlnOriginZ\ntomo.mrc 10 20 30 1 -1 0\n';
    const { records, format } = readCoordinates('p.star', bytes(text));
    expect(format).toBe('relion3');
    expect(records[0]).toMatchObject({ tomogram: 'tomo.mrc', x: 9, y: 21, z: 30 });
  });

  it('needs the pixel size to apply Å origins in RELION 3', () => {
    const text = 'data_\nloop_\n_rlnMicrographName\n_rlnCoordinateX\n_rlnCoordinateY\n_rlnCoordinateZ\n_rlnOriginXAngst\n_rlnOriginYAngst\n_rlnOriginZAngst\nt 10 20 30 5 0 0\n';
    expect(() => readCoordinates('p.star', bytes(text))).toThrow(/--voxel/);
    expect(readCoordinates('p.star', bytes(text), { voxelSize: 5 }).records[0]?.x).toBe(9);
  });

  it('filters one tomogram by name, ignoring folders and extensions', () => {
    const text = writeCoordinates('relion3', [
      { tomogram: 'a/TS_1.mrc', x: 1, y: 1, z: 1 },
      { tomogram: 'TS_2.mrc', x: 2, y: 2, z: 2 },
    ]);
    const { records } = readCoordinates('p.star', bytes(text), { tomoName: 'TS_2' });
    expect(records.map((r) => r.x)).toEqual([2]);
  });
});

describe('RELION tomogram and optimisation sets', () => {
  it('writes a tomograms.star and an optimisation set that parse back', () => {
    const text = writeRelionTomogramsStar([{ name: 'TS', sizeUnbinned: [400, 300, 200], tiltSeriesPixelSize: 2.5, binning: 4 }]);
    expect(readRelionTomogramsStar(text)).toEqual([{ name: 'TS', sizeUnbinned: [400, 300, 200], tiltSeriesPixelSize: 2.5, binning: 4 }]);
    const set = parseStar(writeRelionOptimisationSet('particles.star', 'tomograms.star'));
    expect(set.blocks[0]?.pairs.get('rlnTomoParticlesFile')).toBe('particles.star');
  });

  it('refuses a STAR file that is not a tomogram set', () => {
    expect(() => readRelionTomogramsStar('data_\nloop_\n_a\n1\n', 'x.star')).toThrow(/not a RELION tomogram set/);
  });
});
