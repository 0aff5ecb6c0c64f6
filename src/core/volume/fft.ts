/**
 * Complex FFT: 1D plans for any length and a 3D transform over Volume-shaped arrays
 * (x fastest, i = x + nx * (y + ny * z)).
 *
 * Powers of two use an iterative radix-2 transform with precomputed twiddles and bit-reversal
 * table; other lengths use Bluestein's chirp-z algorithm on top of a power-of-two plan, so every
 * size is exact but non-powers of two cost roughly 3–6× more. Callers that only need a filter
 * (not the exact spectrum of an n-point signal) may pad with `nextPowerOfTwo` instead.
 *
 * Sign convention: forward X[k] = Σ x[j]·exp(−2πi·jk/n); `transform(…, inverse=true)` uses +i
 * and does NOT divide by n (fft3d's inverse does divide by nx·ny·nz).
 */

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Signed frequency of FFT bin k of an n-point transform: 0, 1, …, ⌈n/2⌉−1, −⌊n/2⌋, …, −1. */
export function frequencyIndex(k: number, n: number): number {
  return k < (n + 1) >> 1 ? k : k - n;
}

/** A reusable plan for one length: in-place transform of split real/imaginary float64 arrays. */
export interface FftPlan {
  readonly n: number;
  transform(re: Float64Array, im: Float64Array, inverse: boolean): void;
}

class Radix2Plan implements FftPlan {
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reversed: Uint32Array;

  constructor(readonly n: number) {
    const half = n >> 1;
    this.cos = new Float64Array(half);
    this.sin = new Float64Array(half);
    for (let k = 0; k < half; k++) {
      const angle = (-2 * Math.PI * k) / n;
      this.cos[k] = Math.cos(angle);
      this.sin[k] = Math.sin(angle);
    }
    this.reversed = new Uint32Array(n);
    const bits = Math.round(Math.log2(n));
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
      this.reversed[i] = r;
    }
  }

  transform(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const { n, cos, sin, reversed } = this;
    for (let i = 0; i < n; i++) {
      const j = reversed[i]!;
      if (j > i) {
        const tr = re[i]!;
        re[i] = re[j]!;
        re[j] = tr;
        const ti = im[i]!;
        im[i] = im[j]!;
        im[j] = ti;
      }
    }
    const sign = inverse ? -1 : 1;
    let firstSize = 2;
    if (n >= 4) {
      // Stages of size 2 and 4 together: their twiddles are ±1 and ∓i, so no multiplications.
      for (let a = 0; a < n; a += 4) {
        const t0r = re[a]! + re[a + 1]!;
        const t0i = im[a]! + im[a + 1]!;
        const t1r = re[a]! - re[a + 1]!;
        const t1i = im[a]! - im[a + 1]!;
        const t2r = re[a + 2]! + re[a + 3]!;
        const t2i = im[a + 2]! + im[a + 3]!;
        // w·t3 with w = −i (forward) or +i (inverse).
        const wt3r = sign * (im[a + 2]! - im[a + 3]!);
        const wt3i = -sign * (re[a + 2]! - re[a + 3]!);
        re[a] = t0r + t2r;
        im[a] = t0i + t2i;
        re[a + 2] = t0r - t2r;
        im[a + 2] = t0i - t2i;
        re[a + 1] = t1r + wt3r;
        im[a + 1] = t1i + wt3i;
        re[a + 3] = t1r - wt3r;
        im[a + 3] = t1i - wt3i;
      }
      firstSize = 8;
    }
    for (let size = firstSize; size <= n; size <<= 1) {
      const half = size >> 1;
      const step = n / size;
      for (let start = 0; start < n; start += size) {
        for (let j = 0, k = 0; j < half; j++, k += step) {
          const wr = cos[k]!;
          const wi = sign * sin[k]!;
          const a = start + j;
          const b = a + half;
          const br = re[b]!;
          const bi = im[b]!;
          const tr = br * wr - bi * wi;
          const ti = br * wi + bi * wr;
          const ar = re[a]!;
          const ai = im[a]!;
          re[b] = ar - tr;
          im[b] = ai - ti;
          re[a] = ar + tr;
          im[a] = ai + ti;
        }
      }
    }
  }
}

/** Bluestein: an n-point DFT as a circular convolution of length m = 2^k ≥ 2n − 1. */
class BluesteinPlan implements FftPlan {
  private readonly inner: Radix2Plan;
  private readonly chirpRe: Float64Array;
  private readonly chirpIm: Float64Array;
  /** FFT of the conjugate chirp, wrapped circularly. */
  private readonly kernelRe: Float64Array;
  private readonly kernelIm: Float64Array;
  private readonly workRe: Float64Array;
  private readonly workIm: Float64Array;

  constructor(readonly n: number) {
    const m = nextPowerOfTwo(2 * n - 1);
    this.inner = new Radix2Plan(m);
    this.chirpRe = new Float64Array(n);
    this.chirpIm = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      // k² mod 2n keeps the angle small, so large n keeps full precision.
      const angle = (-Math.PI * ((k * k) % (2 * n))) / n;
      this.chirpRe[k] = Math.cos(angle);
      this.chirpIm[k] = Math.sin(angle);
    }
    this.kernelRe = new Float64Array(m);
    this.kernelIm = new Float64Array(m);
    for (let k = 0; k < n; k++) {
      this.kernelRe[k] = this.chirpRe[k]!;
      this.kernelIm[k] = -this.chirpIm[k]!;
      if (k > 0) {
        this.kernelRe[m - k] = this.chirpRe[k]!;
        this.kernelIm[m - k] = -this.chirpIm[k]!;
      }
    }
    this.inner.transform(this.kernelRe, this.kernelIm, false);
    this.workRe = new Float64Array(m);
    this.workIm = new Float64Array(m);
  }

  transform(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const { n, chirpRe, chirpIm, kernelRe, kernelIm, workRe, workIm } = this;
    const m = workRe.length;
    // The inverse is the forward transform of the conjugate, conjugated.
    const s = inverse ? -1 : 1;
    for (let k = 0; k < n; k++) {
      const xr = re[k]!;
      const xi = s * im[k]!;
      const cr = chirpRe[k]!;
      const ci = chirpIm[k]!;
      workRe[k] = xr * cr - xi * ci;
      workIm[k] = xr * ci + xi * cr;
    }
    workRe.fill(0, n);
    workIm.fill(0, n);
    this.inner.transform(workRe, workIm, false);
    for (let k = 0; k < m; k++) {
      const ar = workRe[k]!;
      const ai = workIm[k]!;
      const br = kernelRe[k]!;
      const bi = kernelIm[k]!;
      workRe[k] = ar * br - ai * bi;
      workIm[k] = ar * bi + ai * br;
    }
    this.inner.transform(workRe, workIm, true);
    const scale = 1 / m;
    for (let k = 0; k < n; k++) {
      const ar = workRe[k]! * scale;
      const ai = workIm[k]! * scale;
      const cr = chirpRe[k]!;
      const ci = chirpIm[k]!;
      re[k] = ar * cr - ai * ci;
      im[k] = s * (ar * ci + ai * cr);
    }
  }
}

const planCache = new Map<number, FftPlan>();

/** Plan for length n (cached: twiddles are computed once per length). */
export function fftPlan(n: number): FftPlan {
  if (!Number.isInteger(n) || n < 1) throw new Error(`FFT length must be a positive integer, got ${n}`);
  let plan = planCache.get(n);
  if (!plan) {
    plan = n === 1 ? { n, transform: () => {} } : isPowerOfTwo(n) ? new Radix2Plan(n) : new BluesteinPlan(n);
    planCache.set(n, plan);
  }
  return plan;
}

/** In-place 1D FFT of one complex sequence (convenience over `fftPlan`). */
export function fft1d(re: Float64Array, im: Float64Array, inverse = false): void {
  if (re.length !== im.length) throw new Error(`FFT needs equal real/imaginary lengths (${re.length} vs ${im.length})`);
  fftPlan(re.length).transform(re, im, inverse);
}

export type ComplexArray = Float32Array | Float64Array;

/** Lines gathered together per strided pass: consecutive x share cache lines. */
const BATCH = 16;

/**
 * Transforms every line of length `n` along one axis. Line `l` of the batch starts at
 * `base + l` (lines are contiguous in the fastest axis) and steps by `stride`.
 */
function transformAxis(
  re: ComplexArray,
  im: ComplexArray,
  n: number,
  stride: number,
  lineStarts: (emit: (base: number, count: number) => void) => void,
  inverse: boolean,
  scale: number,
): void {
  const plan = fftPlan(n);
  const lineRe = new Float64Array(n * BATCH);
  const lineIm = new Float64Array(n * BATCH);
  const views = Array.from({ length: BATCH }, (_, l) => ({
    re: lineRe.subarray(l * n, (l + 1) * n),
    im: lineIm.subarray(l * n, (l + 1) * n),
  }));
  lineStarts((base, count) => {
    for (let j = 0; j < n; j++) {
      const src = base + j * stride;
      for (let l = 0; l < count; l++) {
        lineRe[l * n + j] = re[src + l]!;
        lineIm[l * n + j] = im[src + l]!;
      }
    }
    for (let l = 0; l < count; l++) plan.transform(views[l]!.re, views[l]!.im, inverse);
    for (let j = 0; j < n; j++) {
      const dst = base + j * stride;
      for (let l = 0; l < count; l++) {
        re[dst + l] = lineRe[l * n + j]! * scale;
        im[dst + l] = lineIm[l * n + j]! * scale;
      }
    }
  });
}

/**
 * In-place 3D FFT of split complex data laid out like a Volume (x fastest). The inverse divides
 * by nx·ny·nz, so inverse(forward(v)) = v. Any sizes; powers of two are fastest.
 */
export function fft3d(
  re: ComplexArray,
  im: ComplexArray,
  shape: readonly [number, number, number],
  inverse = false,
): void {
  const [nx, ny, nz] = shape;
  const total = nx * ny * nz;
  if (re.length !== total || im.length !== total) {
    throw new Error(`fft3d: arrays of ${re.length}/${im.length} values do not match shape ${nx}×${ny}×${nz}`);
  }
  const plane = nx * ny;
  // x: contiguous lines, one at a time (stride 1, batch of 1 line per call).
  if (nx > 1) {
    const plan = fftPlan(nx);
    const lineRe = new Float64Array(nx);
    const lineIm = new Float64Array(nx);
    for (let start = 0; start < total; start += nx) {
      for (let x = 0; x < nx; x++) {
        lineRe[x] = re[start + x]!;
        lineIm[x] = im[start + x]!;
      }
      plan.transform(lineRe, lineIm, inverse);
      for (let x = 0; x < nx; x++) {
        re[start + x] = lineRe[x]!;
        im[start + x] = lineIm[x]!;
      }
    }
  }
  const batches = (emit: (base: number, count: number) => void, outer: number, outerStride: number) => {
    for (let o = 0; o < outer; o++) {
      for (let x = 0; x < nx; x += BATCH) emit(o * outerStride + x, Math.min(BATCH, nx - x));
    }
  };
  if (ny > 1) transformAxis(re, im, ny, nx, (emit) => batches(emit, nz, plane), inverse, 1);
  const scale = inverse ? 1 / total : 1;
  if (nz > 1) {
    transformAxis(re, im, nz, plane, (emit) => batches(emit, ny, nx), inverse, scale);
  } else if (scale !== 1) {
    for (let i = 0; i < total; i++) {
      re[i] = re[i]! * scale;
      im[i] = im[i]! * scale;
    }
  }
}
