/**
 * Power-of-two FFT over a batch of interleaved lines: element j of line l sits at j·count + l, so
 * every butterfly runs its innermost loop over the lines with one twiddle in registers. The 3D
 * transform gathers `count` neighbouring lines (contiguous in memory along x) into this layout,
 * which turns strided axis passes into contiguous copies; a single line is the case count = 1.
 *
 * Decimation in time: the input is written in bit-reversed order (see `reversed`, callers fold
 * the permutation into their gather), then radix-4 stages (one radix-2 stage first when log2 n is
 * odd) with three twiddle multiplications per four points and precomputed per-stage tables.
 * Sign convention as in fft.ts: forward exp(−2πi·jk/n), inverse exp(+2πi·jk/n), no 1/n.
 */
export class PowerOfTwoLines {
  /** reversed[j]: the position where input sample j must be written. */
  readonly reversed: Uint32Array;
  /** Per radix-4 stage (quarter size h = 1, 4, 16, … or 2, 8, 32, …): w^j, w^2j, w^3j for j < h, w = exp(−2πi/4h). */
  private readonly stages: { h: number; cos1: Float64Array; sin1: Float64Array; cos2: Float64Array; sin2: Float64Array; cos3: Float64Array; sin3: Float64Array }[] = [];
  private readonly leadingRadix2: boolean;

  constructor(readonly n: number) {
    if (!Number.isInteger(n) || n < 1 || (n & (n - 1)) !== 0) throw new Error(`PowerOfTwoLines needs a power-of-two length, got ${n}`);
    const bits = Math.round(Math.log2(n));
    this.reversed = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      let r = 0;
      for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
      this.reversed[i] = r;
    }
    this.leadingRadix2 = bits % 2 === 1;
    for (let h = this.leadingRadix2 ? 2 : 1; 4 * h <= n; h *= 4) {
      const table = (k: number, f: (a: number) => number) => Float64Array.from({ length: h }, (_, j) => f((-2 * Math.PI * k * j) / (4 * h)));
      this.stages.push({ h, cos1: table(1, Math.cos), sin1: table(1, Math.sin), cos2: table(2, Math.cos), sin2: table(2, Math.sin), cos3: table(3, Math.cos), sin3: table(3, Math.sin) });
    }
  }

  /** Transforms `count` interleaved lines in place; input already in bit-reversed order. */
  transformReordered(re: Float64Array, im: Float64Array, count: number, inverse: boolean): void {
    const { n } = this;
    if (this.leadingRadix2) {
      for (let a = 0; a < n * count; a += 2 * count) {
        for (let l = a; l < a + count; l++) {
          const b = l + count;
          const br = re[b]!;
          const bi = im[b]!;
          const ar = re[l]!;
          const ai = im[l]!;
          re[l] = ar + br;
          im[l] = ai + bi;
          re[b] = ar - br;
          im[b] = ai - bi;
        }
      }
    }
    // Forward: w^h = −i; inverse: conjugate twiddles and +i.
    const s = inverse ? -1 : 1;
    for (const { h, cos1, sin1, cos2, sin2, cos3, sin3 } of this.stages) {
      const quarter = h * count;
      for (let start = 0; start < n; start += 4 * h) {
        for (let j = 0; j < h; j++) {
          const w1r = cos1[j]!;
          const w1i = s * sin1[j]!;
          const w2r = cos2[j]!;
          const w2i = s * sin2[j]!;
          const w3r = cos3[j]!;
          const w3i = s * sin3[j]!;
          const first = (start + j) * count;
          for (let p0 = first; p0 < first + count; p0++) {
            const p1 = p0 + quarter;
            const p2 = p1 + quarter;
            const p3 = p2 + quarter;
            // Bin j of the four size-h sub-transforms of this block (bit-reversed input order).
            const a0r = re[p0]!;
            const a0i = im[p0]!;
            const x1r = re[p1]!;
            const x1i = im[p1]!;
            const x2r = re[p2]!;
            const x2i = im[p2]!;
            const x3r = re[p3]!;
            const x3i = im[p3]!;
            // A1 = w^2j·x1, A2 = w^j·x2, A3 = w^3j·x3
            const a1r = x1r * w2r - x1i * w2i;
            const a1i = x1r * w2i + x1i * w2r;
            const a2r = x2r * w1r - x2i * w1i;
            const a2i = x2r * w1i + x2i * w1r;
            const a3r = x3r * w3r - x3i * w3i;
            const a3i = x3r * w3i + x3i * w3r;
            const b0r = a0r + a1r;
            const b0i = a0i + a1i;
            const b1r = a0r - a1r;
            const b1i = a0i - a1i;
            const c0r = a2r + a3r;
            const c0i = a2i + a3i;
            // −i·(A2 − A3) forward, +i·(A2 − A3) inverse.
            const c1r = s * (a2i - a3i);
            const c1i = -s * (a2r - a3r);
            re[p0] = b0r + c0r;
            im[p0] = b0i + c0i;
            re[p2] = b0r - c0r;
            im[p2] = b0i - c0i;
            re[p1] = b1r + c1r;
            im[p1] = b1i + c1i;
            re[p3] = b1r - c1r;
            im[p3] = b1i - c1i;
          }
        }
      }
    }
  }
}
