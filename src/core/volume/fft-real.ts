/**
 * Forward 3D FFT of a real volume at about half the cost of the complex transform: the even z
 * planes go in the real part and the odd planes in the imaginary part of a volume half as deep,
 * one complex fft3d of that, then the two real spectra are separated by Hermitian symmetry
 *   A[k] = (C[k] + conj C[−k]) / 2,   B[k] = (C[k] − conj C[−k]) / 2i
 * and combined by the last radix-2 step along z:
 *   F[kz] = A[kz] + w^kz·B[kz],   F[kz + m] = A[kz] − w^kz·B[kz],   w = exp(−2πi/nz), m = nz/2.
 * The result is the full spectrum, exactly what fft3d returns for the same input with a zero
 * imaginary part (up to float rounding). nz must be even; other depths use the complex fft3d.
 */
import { fft3dAxes, transformAxis, type AxisLines, type ComplexArray } from './fft.ts';

/**
 * In place: `re` holds the real volume (x fastest), `im`'s contents are ignored; on return re/im
 * hold its forward spectrum (no scaling, fft3d's sign convention).
 */
export function fft3dOfReal(re: ComplexArray, im: ComplexArray, shape: readonly [number, number, number]): void {
  const steps = realForwardSteps(re, im, shape);
  steps.before();
  for (const lines of steps.axes) transformAxis(steps.re, steps.im, lines, false, 1);
  steps.after();
}

/**
 * `fft3dOfReal` as steps, for callers that run the axis passes in shares on parallel workers:
 * `before()`, then each of `axes` in order on `re`/`im` here (complete before the next), then
 * `after()`.
 */
export interface RealForwardSteps {
  before: () => void;
  re: ComplexArray;
  im: ComplexArray;
  axes: AxisLines[];
  after: () => void;
}

export function realForwardSteps(re: ComplexArray, im: ComplexArray, shape: readonly [number, number, number]): RealForwardSteps {
  const [nx, ny, nz] = shape;
  const total = nx * ny * nz;
  if (re.length !== total || im.length !== total) {
    throw new Error(`fft3dOfReal: arrays of ${re.length}/${im.length} values do not match shape ${nx}×${ny}×${nz}`);
  }
  if (nz % 2 !== 0) return { before: () => im.fill(0), re, im, axes: fft3dAxes(shape), after: () => {} };
  const plane = nx * ny;
  const m = nz / 2;
  return {
    before: () => splitEvenOddPlanes(re, im, plane, m),
    re: re.subarray(0, plane * m),
    im: im.subarray(0, plane * m),
    axes: fft3dAxes([nx, ny, m]),
    after: () => combineHalves(re, im, nx, ny, m),
  };
}

/** Plane 2z → re plane z, plane 2z + 1 → im plane z (ascending z never overwrites an unread plane). */
function splitEvenOddPlanes(re: ComplexArray, im: ComplexArray, plane: number, m: number): void {
  for (let z = 0; z < m; z++) {
    im.set(re.subarray((2 * z + 1) * plane, (2 * z + 2) * plane), z * plane);
    if (z > 0) re.copyWithin(z * plane, 2 * z * plane, (2 * z + 1) * plane);
  }
}

/**
 * Planes 0…m−1 of re/im hold C, the spectrum of the packed half volume; writes all nz = 2m planes
 * of F. Plane kz of F and plane kz + m need C at kz and at −kz (mod m), so the planes are taken in
 * pairs {a, m − a} whose C planes are copied first.
 */
function combineHalves(re: ComplexArray, im: ComplexArray, nx: number, ny: number, m: number): void {
  const plane = nx * ny;
  const nz = 2 * m;
  // −kx, −ky (mod n) per bin.
  const negX = Int32Array.from({ length: nx }, (_, k) => (k === 0 ? 0 : nx - k));
  const negY = Int32Array.from({ length: ny }, (_, k) => (k === 0 ? 0 : ny - k));
  const cRe = [new Float64Array(plane), new Float64Array(plane)];
  const cIm = [new Float64Array(plane), new Float64Array(plane)];
  for (let a = 0; a <= m - a; a++) {
    const b = (m - a) % m;
    const zs = a === b ? [a] : [a, b];
    zs.forEach((z, i) => {
      cRe[i]!.set(re.subarray(z * plane, (z + 1) * plane));
      cIm[i]!.set(im.subarray(z * plane, (z + 1) * plane));
    });
    zs.forEach((kz, i) => {
      // C at kz, and at −kz: the other copy of the pair (the same one when a = b).
      const hereRe = cRe[i]!;
      const hereIm = cIm[i]!;
      const mirrorRe = cRe[zs.length - 1 - i]!;
      const mirrorIm = cIm[zs.length - 1 - i]!;
      const angle = (-2 * Math.PI * kz) / nz;
      const wr = Math.cos(angle);
      const wi = Math.sin(angle);
      const low = kz * plane;
      const high = (kz + m) * plane;
      for (let y = 0; y < ny; y++) {
        const row = y * nx;
        const mirrorRow = negY[y]! * nx;
        for (let x = 0; x < nx; x++) {
          const cr = hereRe[row + x]!;
          const ci = hereIm[row + x]!;
          // conj C[−k]
          const dr = mirrorRe[mirrorRow + negX[x]!]!;
          const di = -mirrorIm[mirrorRow + negX[x]!]!;
          const ar = 0.5 * (cr + dr);
          const ai = 0.5 * (ci + di);
          // B = (C − conj C[−k]) / 2i
          const br = 0.5 * (ci - di);
          const bi = -0.5 * (cr - dr);
          const tr = wr * br - wi * bi;
          const ti = wr * bi + wi * br;
          re[low + row + x] = ar + tr;
          im[low + row + x] = ai + ti;
          re[high + row + x] = ar - tr;
          im[high + row + x] = ai - ti;
        }
      }
    });
  }
}
