import { describe, expect, it } from 'vitest';
import { readRelionTomogramsStar, writeCoordinates, WRITABLE_FORMATS } from '../../core/io/coords/registry.ts';
import {
  defaultFileName,
  exportContext,
  firstLines,
  formatInfo,
  metadataProblem,
  relionCompanions,
  suggestTomogramName,
  type ExportMetadata,
} from './export-coordinates.ts';

const meta: ExportMetadata = { tomoName: 'TS_01', voxelSize: 10, size: [256, 256, 64], binning: 2 };

describe('export metadata', () => {
  it('knows every writable format', () => {
    for (const f of WRITABLE_FORMATS) expect(formatInfo(f).label).not.toBe('');
  });

  it('suggests RELION-safe tomogram names and file names', () => {
    expect(suggestTomogramName('demo (simulated)')).toBe('demo_simulated');
    expect(suggestTomogramName('data/TS_01.mrc')).toBe('TS_01');
    expect(suggestTomogramName('()')).toBe('tomogram');
    expect(defaultFileName('relion5', 'TS_01')).toBe('TS_01_particles.star');
    expect(defaultFileName('copick', 'TS_01')).toBe('TS_01.json');
  });

  it('passes the writer only what the format needs, so unused fields cannot change the output', () => {
    expect(exportContext('relion5', meta)).toEqual({ tomoName: 'TS_01', voxelSize: 10, tomoSize: [256, 256, 64], binning: 2 });
    expect(exportContext('relion4', meta)).toEqual({ tomoName: 'TS_01', binning: 2 });
    expect(exportContext('coords', meta)).toEqual({});
    const records = [{ tomogram: 'TS_01', x: 3, y: 4, z: 5 }];
    expect(writeCoordinates('relion4', records, exportContext('relion4', meta))).toMatch(/TS_01\t6\.000000\t8\.000000\t10\.000000/);
  });

  it('names the first unusable field the format needs and ignores the others', () => {
    expect(metadataProblem('relion5', { ...meta, size: [256, 0, 64] })).toMatch(/size must be three positive whole numbers/);
    expect(metadataProblem('copick', { ...meta, voxelSize: Number.NaN })).toMatch(/voxel size must be a positive number/);
    expect(metadataProblem('relion3', { ...meta, tomoName: ' ' })).toBe('the tomogram name is empty');
    expect(metadataProblem('coords', { ...meta, tomoName: '', voxelSize: 0 })).toBeUndefined();
  });

  it('writes a tomograms.star in unbinned tilt-series pixels and an optimisation set naming both files', () => {
    const { tomogramsStar, optimisationSet } = relionCompanions(meta, 'TS_01_particles.star');
    expect(readRelionTomogramsStar(tomogramsStar)).toEqual([
      { name: 'TS_01', sizeUnbinned: [512, 512, 128], tiltSeriesPixelSize: 5, binning: 2 },
    ]);
    expect(optimisationSet).toMatch(/_rlnTomoParticlesFile\s+TS_01_particles\.star/);
    expect(optimisationSet).toMatch(/_rlnTomoTomogramsFile\s+tomograms\.star/);
  });

  it('previews the first lines', () => {
    expect(firstLines('a\nb\nc\n', 2)).toBe('a\nb\n');
    expect(firstLines('a\nb', 5)).toBe('a\nb');
  });
});
