/**
 * Complex FFT: 1D plans for any length and a 3D transform over Volume-shaped arrays
 * (x fastest, i = x + nx * (y + ny * z)).
 *
 * Powers of two use the radix-4 kernel of fft-lines.ts (precomputed twiddles, bit reversal folded
 * into the gather, several lines per pass); other lengths use Bluestein's chirp-z algorithm on top of a power-of-two plan, so every
 * size is exact but non-powers of two cost roughly 3–6× more. Callers that only need a filter
 * (not the exact spectrum of an n-point signal) may pad with `nextPowerOfTwo` instead.
 *
 * Sign convention: forward X[k] = Σ x[j]·exp(−2πi·jk/n); `transform(…, inverse=true)` uses +i
 * and does NOT divide by n (fft3d's inverse does divide by nx·ny·nz).
 */
import { PowerOfTwoLines } from './fft-lines.ts';

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

/** One line of a power-of-two length: bit-reversal in place, then the radix-4 kernel. */
class PowerOfTwoPlan implements FftPlan {
  readonly lines: PowerOfTwoLines;

  constructor(readonly n: number) {
    this.lines = new PowerOfTwoLines(n);
  }

  transform(re: Float64Array, im: Float64Array, inverse: boolean): void {
    const { n } = this;
    const reversed = this.lines.reversed;
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
    this.lines.transformReordered(re, im, 1, inverse);
  }
}

/** Bluestein: an n-point DFT as a circular convolution of length m = 2^k ≥ 2n − 1. */
class BluesteinPlan implements FftPlan {
  private readonly inner: PowerOfTwoPlan;
  private readonly chirpRe: Float64Array;
  private readonly chirpIm: Float64Array;
  /** FFT of the conjugate chirp, wrapped circularly. */
  private readonly kernelRe: Float64Array;
  private readonly kernelIm: Float64Array;
  private readonly workRe: Float64Array;
  private readonly workIm: Float64Array;

  constructor(readonly n: number) {
    const m = nextPowerOfTwo(2 * n - 1);
    this.inner = new PowerOfTwoPlan(m);
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
    plan = n === 1 ? { n, transform: () => {} } : isPowerOfTwo(n) ? new PowerOfTwoPlan(n) : new BluesteinPlan(n);
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

/**
 * Complex values gathered per batch of lines (float64 scratch of 2 × 16 384 × 8 bytes stays in
 * L2): long contiguous runs for the strided axes, and one twiddle per butterfly for many lines.
 */
const BATCH_VALUES = 16384;

/**
 * The lines along one axis: `groups` groups (`groupStep` apart) of `linesPerGroup` lines;
 * element j of line l of a group starting at g lies at g + l·lineStep + j·stride.
 */
export interface AxisLines {
  n: number;
  stride: number;
  lineStep: number;
  groups: number;
  groupStep: number;
  linesPerGroup: number;
  /** Only the groups marked 1 are transformed (default all). */
  selectedGroups?: Uint8Array;
  /** Input samples j marked 0 are known to be zero: read as 0, whatever the arrays hold (default all read). */
  inputSupport?: Uint8Array;
  /** Only output samples j < outputLength are written (default n): the rest is not needed. */
  outputLength?: number;
  /** Where the output goes, with its own strides (default: in place, where the input was). */
  destination?: AxisDestination;
  /** Only groups [start, end) (default all): one worker's share of a pass (`splitAxisLines`). */
  groupRange?: readonly [number, number];
  /** Only lines [start, end) of each group (default all). */
  lineRange?: readonly [number, number];
}

/** Output arrays of an axis pass: element j of line l of group g at g·groupStep + l·lineStep + j·stride. */
export interface AxisDestination {
  re: ComplexArray;
  im: ComplexArray;
  stride: number;
  lineStep: number;
  groupStep: number;
}

/** Lines copied together when the lines are not neighbours in memory (8 float64 = one cache line). */
export const TILE = 8;

/** How a batch of lines is laid out for one plan: the kernel, the batch size, the gather order. */
export function lineLayout(n: number, linesAvailable: number): { plan: FftPlan; lines: PowerOfTwoLines | null; batch: number; order: Uint32Array } {
  const plan = fftPlan(n);
  // Powers of two: many lines at once, gathered in bit-reversed order; others one at a time.
  const lines = plan instanceof PowerOfTwoPlan ? plan.lines : null;
  const batch = lines ? Math.max(1, Math.min(linesAvailable, Math.floor(BATCH_VALUES / n))) : 1;
  const order = lines ? lines.reversed : Uint32Array.from({ length: n }, (_, j) => j);
  return { plan, lines, batch, order };
}

/**
 * Transforms every line of an axis (of the selected groups), multiplying the result by `scale`.
 * Exported for fft-pruned.ts.
 */
export function transformAxis(re: ComplexArray, im: ComplexArray, axis: AxisLines, inverse: boolean, scale: number): void {
  const { n, stride, lineStep, groups, groupStep, linesPerGroup, selectedGroups, inputSupport } = axis;
  const outputLength = Math.min(n, axis.outputLength ?? n);
  const out = axis.destination ?? { re, im, stride, lineStep, groupStep };
  const [g0, g1] = axis.groupRange ?? [0, groups];
  const [l0, l1] = axis.lineRange ?? [0, linesPerGroup];
  const { plan, lines, batch, order } = lineLayout(n, l1 - l0);
  const lineRe = new Float64Array(n * batch);
  const lineIm = new Float64Array(n * batch);
  for (let g = g0; g < g1; g++) {
    if (selectedGroups && !selectedGroups[g]) continue;
    for (let first = l0; first < l1; first += batch) {
      const count = Math.min(batch, l1 - first);
      const base = g * groupStep + first * lineStep;
      if (lineStep === 1) {
        for (let j = 0; j < n; j++) {
          const dst = order[j]! * count;
          if (inputSupport && !inputSupport[j]) {
            lineRe.fill(0, dst, dst + count);
            lineIm.fill(0, dst, dst + count);
            continue;
          }
          const src = base + j * stride;
          for (let l = 0; l < count; l++) {
            lineRe[dst + l] = re[src + l]!;
            lineIm[dst + l] = im[src + l]!;
          }
        }
      } else {
        // A tile of TILE lines at a time: each scratch cache line is filled in one go, from
        // TILE sequential input streams.
        for (let t0 = 0; t0 < count; t0 += TILE) {
          const t1 = Math.min(count, t0 + TILE);
          for (let j = 0; j < n; j++) {
            const dst = order[j]! * count;
            if (inputSupport && !inputSupport[j]) {
              lineRe.fill(0, dst + t0, dst + t1);
              lineIm.fill(0, dst + t0, dst + t1);
              continue;
            }
            const src = base + j * stride;
            for (let l = t0; l < t1; l++) {
              lineRe[dst + l] = re[src + l * lineStep]!;
              lineIm[dst + l] = im[src + l * lineStep]!;
            }
          }
        }
      }
      if (lines) lines.transformReordered(lineRe, lineIm, count, inverse);
      else plan.transform(lineRe, lineIm, inverse);
      const outBase = g * out.groupStep + first * out.lineStep;
      const { re: outRe, im: outIm, stride: outStride } = out;
      if (out.lineStep === 1) {
        for (let j = 0; j < outputLength; j++) {
          const dst = outBase + j * outStride;
          const src = j * count;
          for (let l = 0; l < count; l++) {
            outRe[dst + l] = lineRe[src + l]! * scale;
            outIm[dst + l] = lineIm[src + l]! * scale;
          }
        }
      } else {
        const outLineStep = out.lineStep;
        for (let t0 = 0; t0 < count; t0 += TILE) {
          const t1 = Math.min(count, t0 + TILE);
          for (let j = 0; j < outputLength; j++) {
            const dst = outBase + j * outStride;
            const src = j * count;
            for (let l = t0; l < t1; l++) {
              outRe[dst + l * outLineStep] = lineRe[src + l]! * scale;
              outIm[dst + l * outLineStep] = lineIm[src + l]! * scale;
            }
          }
        }
      }
    }
  }
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
  const axes = fft3dAxes(shape);
  const scale = inverse ? 1 / total : 1;
  axes.forEach((axis, a) => transformAxis(re, im, axis, inverse, a === axes.length - 1 ? scale : 1));
}

/** The axis passes of fft3d, in order (axes of length 1 left out). */
export function fft3dAxes(shape: readonly [number, number, number]): AxisLines[] {
  const [nx, ny, nz] = shape;
  const plane = nx * ny;
  return [
    // x: rows, gathered a few at a time and transposed into the interleaved layout.
    { n: nx, stride: 1, lineStep: nx, groups: 1, groupStep: 0, linesPerGroup: ny * nz },
    // y: within each z plane, the lines of neighbouring x are neighbours in memory.
    { n: ny, stride: nx, lineStep: 1, groups: nz, groupStep: plane, linesPerGroup: nx },
    // z: every (x, y) line of a plane is a neighbour of the next.
    { n: nz, stride: plane, lineStep: 1, groups: 1, groupStep: 0, linesPerGroup: plane },
  ].filter((axis) => axis.n > 1);
}

/**
 * A pass cut into at most `parts` shares of about equal work for parallel workers: by groups when
 * enough (selected) groups exist, else by lines within each group. Every line lands in one share.
 */
export function splitAxisLines(axis: AxisLines, parts: number): AxisLines[] {
  const [g0, g1] = axis.groupRange ?? [0, axis.groups];
  const [l0, l1] = axis.lineRange ?? [0, axis.linesPerGroup];
  const groups: number[] = [];
  for (let g = g0; g < g1; g++) if (!axis.selectedGroups || axis.selectedGroups[g]) groups.push(g);
  if (groups.length === 0 || l1 <= l0) return [];
  if (groups.length >= parts) {
    return evenCuts(groups.length, parts).map(([a, b]) => ({ ...axis, groupRange: [groups[a]!, groups[b - 1]! + 1] as const }));
  }
  // Lines cut on multiples of TILE keep each share's tiles whole.
  const tiles = Math.ceil((l1 - l0) / TILE);
  return evenCuts(tiles, parts).map(([a, b]) => ({ ...axis, groupRange: [g0, g1] as const, lineRange: [l0 + a * TILE, Math.min(l1, l0 + b * TILE)] as const }));
}

/** [start, end) index ranges cutting 0…n into min(n, parts) non-empty runs of nearly equal length. */
export function evenCuts(n: number, parts: number): [number, number][] {
  const k = Math.max(1, Math.min(n, Math.floor(parts)));
  return Array.from({ length: k }, (_, i) => [Math.floor((i * n) / k), Math.floor(((i + 1) * n) / k)]);
}
