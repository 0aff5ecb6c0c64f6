/**
 * RELION tomogram sets (tomograms.star, `data_global`) and optimisation sets. Sizes in a
 * tomograms.star are in unbinned tilt-series pixels; the tomogram's voxel is
 * rlnTomoTiltSeriesPixelSize × rlnTomoTomogramBinning Å.
 */
import { parseStar } from '../star/star-parser.ts';
import { writeStar } from '../star/star-writer.ts';
import { CoordinateFormatError, type RelionTomogramInfo } from './types.ts';
import { parseFiniteNumber } from './text-lines.ts';

export function readRelionTomogramsStar(text: string, fileName = 'tomograms.star'): RelionTomogramInfo[] {
  const doc = parseStar(text, fileName);
  for (const block of doc.blocks) {
    for (const loop of block.loops) {
      const col = (label: string) => loop.columns.indexOf(label);
      const name = col('rlnTomoName');
      const hasTomoInfo = col('rlnTomoSizeX') >= 0 || col('rlnTomoTiltSeriesPixelSize') >= 0;
      if (name < 0 || !hasTomoInfo) continue;
      const num = (row: string[], label: string, line: number): number | undefined => {
        const i = col(label);
        if (i < 0) return undefined;
        const value = parseFiniteNumber(row[i]);
        if (value === undefined) {
          throw new CoordinateFormatError(`${fileName}, line ${line}: _${label} "${row[i]}" is not a number`);
        }
        return value;
      };
      return loop.rows.map((row, r) => {
        const line = loop.rowLines[r] ?? 0;
        const sx = num(row, 'rlnTomoSizeX', line);
        const sy = num(row, 'rlnTomoSizeY', line);
        const sz = num(row, 'rlnTomoSizeZ', line);
        const info: RelionTomogramInfo = { name: row[name] ?? '' };
        if (sx !== undefined && sy !== undefined && sz !== undefined) info.sizeUnbinned = [sx, sy, sz];
        const ps = num(row, 'rlnTomoTiltSeriesPixelSize', line);
        if (ps !== undefined) info.tiltSeriesPixelSize = ps;
        const binning = num(row, 'rlnTomoTomogramBinning', line);
        if (binning !== undefined) info.binning = binning;
        const reconstructed = col('rlnTomoReconstructedTomogram');
        if (reconstructed >= 0 && row[reconstructed]) info.reconstructedTomogram = row[reconstructed];
        return info;
      });
    }
  }
  throw new CoordinateFormatError(
    `${fileName}: not a RELION tomogram set (no loop with rlnTomoName and rlnTomoSizeX/rlnTomoTiltSeriesPixelSize)`,
  );
}

/** A minimal tomograms.star (`data_global`) that RELION 5 reads for sizes and pixel sizes. */
export function writeRelionTomogramsStar(tomograms: readonly RelionTomogramInfo[]): string {
  const rows = tomograms.map((t) => {
    if (!t.sizeUnbinned || t.tiltSeriesPixelSize === undefined) {
      throw new CoordinateFormatError(`tomograms.star needs the size and pixel size of tomogram "${t.name}"`);
    }
    return [
      t.name,
      t.tiltSeriesPixelSize.toFixed(6),
      (t.binning ?? 1).toFixed(6),
      ...t.sizeUnbinned.map((s) => String(Math.round(s))),
    ];
  });
  return writeStar([
    {
      name: 'global',
      comment: 'version 50001',
      loop: {
        columns: ['rlnTomoName', 'rlnTomoTiltSeriesPixelSize', 'rlnTomoTomogramBinning', 'rlnTomoSizeX', 'rlnTomoSizeY', 'rlnTomoSizeZ'],
        rows,
      },
    },
  ]);
}

/** RELION 5 optimisation set pointing at a particles file and a tomogram set (paths as RELION should see them). */
export function writeRelionOptimisationSet(particlesPath: string, tomogramsPath: string): string {
  return writeStar([
    {
      name: 'optimisation_set',
      comment: 'version 50001',
      pairs: [
        ['rlnTomoParticlesFile', particlesPath],
        ['rlnTomoTomogramsFile', tomogramsPath],
      ],
    },
  ]);
}
