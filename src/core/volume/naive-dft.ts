/**
 * Discrete Fourier transforms by their definition, O(N²): the reference the fast transforms are
 * tested against (fft.test.ts, fft-pruned.test.ts, fft-real.test.ts). Forward uses e^(−2πi·jk/n),
 * inverse e^(+2πi·jk/n), both unnormalised.
 */

/** Largest |a_i − b_i|: how the fast transforms are compared with these. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

/** 1D DFT of one complex line. */
export function naiveDft(re: Float64Array, im: Float64Array, inverse: boolean): [Float64Array, Float64Array] {
  const n = re.length;
  const outRe = new Float64Array(n);
  const outIm = new Float64Array(n);
  const sign = inverse ? 1 : -1;
  for (let k = 0; k < n; k++) {
    for (let j = 0; j < n; j++) {
      const angle = (sign * 2 * Math.PI * ((j * k) % n)) / n;
      outRe[k]! += re[j]! * Math.cos(angle) - im[j]! * Math.sin(angle);
      outIm[k]! += re[j]! * Math.sin(angle) + im[j]! * Math.cos(angle);
    }
  }
  return [outRe, outIm];
}

/** Forward 3D DFT of a complex volume (x fastest). */
export function naiveDft3d(re: Float64Array, im: Float64Array, [nx, ny, nz]: readonly [number, number, number]): [Float64Array, Float64Array] {
  const outRe = new Float64Array(re.length);
  const outIm = new Float64Array(re.length);
  for (let kz = 0; kz < nz; kz++)
    for (let ky = 0; ky < ny; ky++)
      for (let kx = 0; kx < nx; kx++) {
        let sumRe = 0;
        let sumIm = 0;
        for (let z = 0; z < nz; z++)
          for (let y = 0; y < ny; y++)
            for (let x = 0; x < nx; x++) {
              const i = x + nx * (y + ny * z);
              const angle = -2 * Math.PI * (((kx * x) % nx) / nx + ((ky * y) % ny) / ny + ((kz * z) % nz) / nz);
              sumRe += re[i]! * Math.cos(angle) - im[i]! * Math.sin(angle);
              sumIm += re[i]! * Math.sin(angle) + im[i]! * Math.cos(angle);
            }
        outRe[kx + nx * (ky + ny * kz)] = sumRe;
        outIm[kx + nx * (ky + ny * kz)] = sumIm;
      }
  return [outRe, outIm];
}
