/**
 * Inverse 3D FFT of a spectrum that (1) is produced row by row on the fly — e.g. a stored spectrum
 * times a filter's transfer function, so the product never needs a pass of its own — and (2) is
 * zero outside a box of frequency bins (a low-pass filter's support). Only rows inside the box
 * are transformed along x, only planes inside it along y, and the z pass reads only its bins:
 * for a support of a fraction f of each axis the cost is (f² + f + 1)/3 of a full transform.
 * The result is the full inverse transform (÷ nx·ny·nz) of the spectrum `source` describes.
 */
import { lineLayout, transformAxis, type ComplexArray } from './fft.ts';

/** Fills re/im (length nx, natural order) with the spectrum's row at bins (y, z). */
export type SpectrumRowSource = (y: number, z: number, re: Float64Array, im: Float64Array) => void;

/** Per axis (x, y, z): 1 for the bins where the spectrum may be nonzero. */
export type FrequencySupport = readonly [Uint8Array, Uint8Array, Uint8Array];

export function inverseFft3dFromRows(
  source: SpectrumRowSource,
  support: FrequencySupport,
  re: ComplexArray,
  im: ComplexArray,
  shape: readonly [number, number, number],
): void {
  const [nx, ny, nz] = shape;
  const total = nx * ny * nz;
  if (re.length !== total || im.length !== total) {
    throw new Error(`inverseFft3dFromRows: arrays of ${re.length}/${im.length} values do not match shape ${nx}×${ny}×${nz}`);
  }
  support.forEach((s, a) => {
    if (s.length !== shape[a]) throw new Error(`support of axis ${'xyz'[a]} has ${s.length} bins, expected ${shape[a]}`);
  });
  const [, supportY, supportZ] = support;
  const rows: number[] = [];
  for (let z = 0; z < nz; z++) if (supportZ[z]) for (let y = 0; y < ny; y++) if (supportY[y]) rows.push(y + ny * z);

  // Which pass is the last decides where 1/N is applied.
  const scale = 1 / total;
  const lastAxis = nz > 1 ? 2 : ny > 1 ? 1 : 0;
  transformRowsFromSource(source, rows, re, im, nx, ny, lastAxis === 0 ? scale : 1);
  const plane = nx * ny;
  if (ny > 1) {
    transformAxis(re, im, { n: ny, stride: nx, lineStep: 1, groups: nz, groupStep: plane, linesPerGroup: nx, selectedGroups: supportZ, inputSupport: supportY }, true, lastAxis === 1 ? scale : 1);
  }
  if (nz > 1) {
    transformAxis(re, im, { n: nz, stride: plane, lineStep: 1, groups: 1, groupStep: 0, linesPerGroup: plane, inputSupport: supportZ }, true, scale);
  }
}

/** The x pass: rows from `source`, transformed a batch at a time, written to re/im. */
function transformRowsFromSource(
  source: SpectrumRowSource,
  rows: readonly number[],
  re: ComplexArray,
  im: ComplexArray,
  nx: number,
  ny: number,
  scale: number,
): void {
  const { plan, lines, batch, order } = lineLayout(nx, rows.length);
  const rowRe = new Float64Array(nx);
  const rowIm = new Float64Array(nx);
  const lineRe = new Float64Array(nx * batch);
  const lineIm = new Float64Array(nx * batch);
  for (let first = 0; first < rows.length; first += batch) {
    const count = Math.min(batch, rows.length - first);
    for (let l = 0; l < count; l++) {
      const row = rows[first + l]!;
      source(row % ny, Math.floor(row / ny), rowRe, rowIm);
      for (let x = 0; x < nx; x++) {
        const dst = order[x]! * count + l;
        lineRe[dst] = rowRe[x]!;
        lineIm[dst] = rowIm[x]!;
      }
    }
    if (lines) lines.transformReordered(lineRe, lineIm, count, true);
    else plan.transform(lineRe, lineIm, true);
    for (let l = 0; l < count; l++) {
      const start = rows[first + l]! * nx;
      for (let x = 0; x < nx; x++) {
        re[start + x] = lineRe[x * count + l]! * scale;
        im[start + x] = lineIm[x * count + l]! * scale;
      }
    }
  }
}
