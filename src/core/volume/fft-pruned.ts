/**
 * Inverse 3D FFT of a spectrum that (1) is produced row by row on the fly — e.g. a stored spectrum
 * times a filter's transfer function, so the product never needs a pass of its own — and (2) is
 * zero outside a box of frequency bins (a low-pass filter's support). Only rows inside the box
 * are transformed along x, only planes inside it along y, and the z pass reads only its bins:
 * for a support of a fraction f of each axis the cost is (f² + f + 1)/3 of a full transform.
 * The result is the full inverse transform (÷ nx·ny·nz) of the spectrum `source` describes, or
 * only a box of it (3): a padded volume's unpadded part, written straight into its own arrays by
 * the last pass, with the lines and samples outside the box never computed or stored.
 */
import { lineLayout, TILE, transformAxis, type AxisLines, type ComplexArray } from './fft.ts';

/** Fills re/im (length nx, natural order) with the spectrum's row at bins (y, z). */
export type SpectrumRowSource = (y: number, z: number, re: Float64Array, im: Float64Array) => void;

/** Per axis (x, y, z): 1 for the bins where the spectrum may be nonzero. */
export type FrequencySupport = readonly [Uint8Array, Uint8Array, Uint8Array];

/**
 * Only the box [0, ox) × [0, oy) × [0, oz) of the result is wanted (e.g. the unpadded volume): it
 * is written here, x fastest, and the passes skip the lines and samples that cannot reach it.
 * When ox = nx and oy = ny the box's layout is the work arrays' own, and re/im here may be views
 * of their start (the z pass reads each line whole before writing it back in place).
 */
export interface CroppedOutput {
  shape: readonly [number, number, number];
  re: ComplexArray;
  im: ComplexArray;
}

/**
 * Without `cropped`, re/im receive the whole result. With it, re/im are work space only (left
 * holding intermediate values) and the result's box goes to `cropped`.
 */
export function inverseFft3dFromRows(
  source: SpectrumRowSource,
  support: FrequencySupport,
  re: ComplexArray,
  im: ComplexArray,
  shape: readonly [number, number, number],
  cropped?: CroppedOutput,
): void {
  const plan = planInverseFromRows(support, re, im, shape, cropped);
  transformRowsFromSource(source, plan.rows, plan);
  for (const { lines, scale } of plan.axes) transformAxis(re, im, lines, true, scale);
  finishInverseFromRows(plan);
}

/**
 * The passes of `inverseFft3dFromRows`, for callers that run each pass in shares on parallel
 * workers: the x pass over `rows` (any subset of them, `transformRowsFromSource`), then each of
 * `axes` in order (`transformAxis`, or its shares from `splitAxisLines`), then
 * `finishInverseFromRows`. A pass must be complete before the next one starts.
 */
export interface InverseFromRowsPlan {
  re: ComplexArray;
  im: ComplexArray;
  /** Rows y + ny·z of the spectrum inside the support. */
  rows: Int32Array;
  nx: number;
  ny: number;
  /** Samples x < width of each transformed row are written. */
  width: number;
  /** Factor applied by the x pass (1/N when it is the last pass). */
  rowScale: number;
  axes: { lines: AxisLines; scale: number }[];
  /** A single-plane result still to be copied into `cropped` (no z pass to write it). */
  boxCopy: { shape: readonly [number, number, number]; cropped: CroppedOutput } | null;
}

export function planInverseFromRows(
  support: FrequencySupport,
  re: ComplexArray,
  im: ComplexArray,
  shape: readonly [number, number, number],
  cropped?: CroppedOutput,
): InverseFromRowsPlan {
  const [nx, ny, nz] = shape;
  const total = nx * ny * nz;
  if (re.length !== total || im.length !== total) {
    throw new Error(`inverseFft3dFromRows: arrays of ${re.length}/${im.length} values do not match shape ${nx}×${ny}×${nz}`);
  }
  support.forEach((s, a) => {
    if (s.length !== shape[a]) throw new Error(`support of axis ${'xyz'[a]} has ${s.length} bins, expected ${shape[a]}`);
  });
  const [ox, oy, oz] = cropped ? checkCropped(cropped, shape) : shape;
  const [, supportY, supportZ] = support;
  const rows: number[] = [];
  for (let z = 0; z < nz; z++) if (supportZ[z]) for (let y = 0; y < ny; y++) if (supportY[y]) rows.push(y + ny * z);

  // Which pass is the last decides where 1/N is applied.
  const scale = 1 / total;
  const lastAxis = nz > 1 ? 2 : ny > 1 ? 1 : 0;
  const axes: InverseFromRowsPlan['axes'] = [];
  const plane = nx * ny;
  if (ny > 1) {
    // Only the lines x < ox reach the output, and only their samples y < oy.
    const lines = { n: ny, stride: nx, lineStep: 1, groups: nz, groupStep: plane, linesPerGroup: ox, selectedGroups: supportZ, inputSupport: supportY, outputLength: oy };
    axes.push({ lines, scale: lastAxis === 1 ? scale : 1 });
  }
  if (nz > 1) {
    const destination = cropped && { re: cropped.re, im: cropped.im, stride: ox * oy, lineStep: 1, groupStep: ox };
    // The lines (x < ox, y < oy): one run of whole rows when ox = nx (source and destination rows coincide).
    const zLines =
      ox === nx
        ? { n: nz, stride: plane, lineStep: 1, groups: 1, groupStep: 0, linesPerGroup: nx * oy, inputSupport: supportZ, outputLength: oz }
        : { n: nz, stride: plane, lineStep: 1, groups: oy, groupStep: nx, linesPerGroup: ox, inputSupport: supportZ, outputLength: oz };
    axes.push({ lines: { ...zLines, destination }, scale });
  }
  return {
    re,
    im,
    rows: Int32Array.from(rows),
    nx,
    ny,
    width: ox,
    rowScale: lastAxis === 0 ? scale : 1,
    axes,
    boxCopy: nz === 1 && cropped ? { shape, cropped } : null,
  };
}

/** The plan's last step, after every pass. */
export function finishInverseFromRows(plan: InverseFromRowsPlan): void {
  if (plan.boxCopy) copyBox(plan.re, plan.im, plan.boxCopy.shape, plan.boxCopy.cropped);
}

function checkCropped(cropped: CroppedOutput, shape: readonly [number, number, number]): readonly [number, number, number] {
  const [ox, oy, oz] = cropped.shape;
  if (!cropped.shape.every((n, a) => Number.isInteger(n) && n >= 1 && n <= shape[a]!)) {
    throw new Error(`cropped output ${ox}×${oy}×${oz} does not fit in the transform's ${shape.join('×')}`);
  }
  if (cropped.re.length !== ox * oy * oz || cropped.im.length !== ox * oy * oz) {
    throw new Error(`cropped output arrays of ${cropped.re.length}/${cropped.im.length} values do not match ${ox}×${oy}×${oz}`);
  }
  return cropped.shape;
}

/** The box of a single-plane result (no z pass to write it). */
function copyBox(re: ComplexArray, im: ComplexArray, shape: readonly [number, number, number], cropped: CroppedOutput): void {
  const [nx, ny] = shape;
  const [ox, oy, oz] = cropped.shape;
  for (let z = 0; z < oz; z++)
    for (let y = 0; y < oy; y++) {
      const src = nx * (y + ny * z);
      const dst = ox * (y + oy * z);
      cropped.re.set(re.subarray(src, src + ox), dst);
      cropped.im.set(im.subarray(src, src + ox), dst);
    }
}

/** The x pass for the given rows (all of the plan's, or a worker's share): rows from `source`, transformed a batch at a time, samples x < width written to re/im. */
export function transformRowsFromSource(
  source: SpectrumRowSource,
  rows: Int32Array,
  target: Pick<InverseFromRowsPlan, 're' | 'im' | 'nx' | 'ny' | 'width' | 'rowScale'>,
): void {
  const { re, im, nx, ny, width, rowScale: scale } = target;
  const { plan, lines, batch, order } = lineLayout(nx, rows.length);
  // TILE rows are fetched at once and moved in tiles (see transformAxis).
  const tileRe = new Float64Array(nx * TILE);
  const tileIm = new Float64Array(nx * TILE);
  const tileRowsRe = Array.from({ length: TILE }, (_, t) => tileRe.subarray(t * nx, (t + 1) * nx));
  const tileRowsIm = Array.from({ length: TILE }, (_, t) => tileIm.subarray(t * nx, (t + 1) * nx));
  const starts = new Int32Array(TILE);
  const lineRe = new Float64Array(nx * batch);
  const lineIm = new Float64Array(nx * batch);
  for (let first = 0; first < rows.length; first += batch) {
    const count = Math.min(batch, rows.length - first);
    for (let l0 = 0; l0 < count; l0 += TILE) {
      const l1 = Math.min(count, l0 + TILE);
      for (let l = l0; l < l1; l++) {
        const row = rows[first + l]!;
        source(row % ny, Math.floor(row / ny), tileRowsRe[l - l0]!, tileRowsIm[l - l0]!);
      }
      for (let x = 0; x < nx; x++) {
        const dst = order[x]! * count;
        for (let l = l0; l < l1; l++) {
          lineRe[dst + l] = tileRe[(l - l0) * nx + x]!;
          lineIm[dst + l] = tileIm[(l - l0) * nx + x]!;
        }
      }
    }
    if (lines) lines.transformReordered(lineRe, lineIm, count, true);
    else plan.transform(lineRe, lineIm, true);
    for (let l0 = 0; l0 < count; l0 += TILE) {
      const l1 = Math.min(count, l0 + TILE);
      for (let l = l0; l < l1; l++) starts[l - l0] = rows[first + l]! * nx;
      for (let x = 0; x < width; x++) {
        const src = x * count;
        for (let l = l0; l < l1; l++) {
          re[starts[l - l0]! + x] = lineRe[src + l]! * scale;
          im[starts[l - l0]! + x] = lineIm[src + l]! * scale;
        }
      }
    }
  }
}
