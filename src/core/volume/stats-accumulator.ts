/**
 * Streaming VolumeStats: fed chunk by chunk while a file is read, so the statistics cost no
 * extra pass over a cold multi-gigabyte array. 8- and 16-bit data (float16 included, by its bit
 * pattern) go through a histogram: one increment per voxel, exact, and the figures come from at
 * most 65,536 bins. float32 uses one tight loop. Agrees with computeStats (volume.ts).
 */
import { float16BitsToNumber, type VolumeStats, type VoxelArray, type VoxelDType } from './volume.ts';

const HISTOGRAM_OFFSET: Partial<Record<VoxelDType, number>> = { int8: 128, uint8: 0, int16: 32768, uint16: 0, float16: 0 };

export class StatsAccumulator {
  private readonly histogram: Float64Array | null;
  private readonly histogramOffset: number;
  private min = Infinity;
  private max = -Infinity;
  private sum = 0;
  private sumSq = 0;
  private finite = 0;
  private nonFinite = 0;

  constructor(private readonly dtype: VoxelDType) {
    const offset = HISTOGRAM_OFFSET[dtype];
    this.histogramOffset = offset ?? 0;
    this.histogram = offset === undefined ? null : new Float64Array(dtype === 'int8' || dtype === 'uint8' ? 256 : 65536);
  }

  /** Adds voxels [start, end) of `data`, which must hold this accumulator's dtype. */
  add(data: VoxelArray, start = 0, end = data.length): void {
    if (this.histogram) this.addToHistogram(data, start, end);
    else if (!this.addFiniteFast(data, start, end)) this.addChecked(data, start, end);
  }

  private addToHistogram(data: VoxelArray, start: number, end: number): void {
    // Int32 counts per call (a call never exceeds 2^31 voxels), folded into the float64 totals after.
    const counts = new Int32Array(this.histogram!.length);
    const offset = this.histogramOffset;
    for (let i = start; i < end; i++) counts[data[i]! + offset]!++;
    const hist = this.histogram!;
    for (let bin = 0; bin < counts.length; bin++) if (counts[bin]) hist[bin]! += counts[bin]!;
  }

  /**
   * Branch-free pass (Math.min/max vectorise; compare-and-branch does not): ~5× faster. Any NaN or
   * ±Inf makes the sum non-finite, in which case nothing is kept and the checked loop redoes it.
   */
  private addFiniteFast(data: VoxelArray, start: number, end: number): boolean {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let sumSq = 0;
    for (let i = start; i < end; i++) {
      const x = data[i]!;
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
      sumSq += x * x;
    }
    if (!Number.isFinite(sum) || !Number.isFinite(sumSq)) return false;
    this.merge(min, max, sum, sumSq, end - start);
    return true;
  }

  private addChecked(data: VoxelArray, start: number, end: number): void {
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    let sumSq = 0;
    let nonFinite = 0;
    for (let i = start; i < end; i++) {
      const x = data[i]!;
      if (x - x !== 0) {
        nonFinite++; // NaN and ±Inf: x − x is NaN only for them
        continue;
      }
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
      sumSq += x * x;
    }
    this.nonFinite += nonFinite;
    this.merge(min, max, sum, sumSq, end - start - nonFinite);
  }

  private merge(min: number, max: number, sum: number, sumSq: number, finite: number): void {
    if (min < this.min) this.min = min;
    if (max > this.max) this.max = max;
    this.sum += sum;
    this.sumSq += sumSq;
    this.finite += finite;
  }

  result(): VolumeStats {
    let { min, max, sum, sumSq, finite: n, nonFinite } = this;
    const hist = this.histogram;
    if (hist) {
      const isHalf = this.dtype === 'float16';
      for (let bin = 0; bin < hist.length; bin++) {
        const count = hist[bin]!;
        if (count === 0) continue;
        const x = isHalf ? float16BitsToNumber(bin) : bin - this.histogramOffset;
        if (!Number.isFinite(x)) {
          nonFinite += count;
          continue;
        }
        if (x < min) min = x;
        if (x > max) max = x;
        sum += count * x;
        sumSq += count * x * x;
        n += count;
      }
    }
    if (n === 0) return { min: NaN, max: NaN, mean: NaN, rms: NaN, nonFinite };
    const mean = sum / n;
    return { min, max, mean, rms: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), nonFinite };
  }
}

/** Stats of a whole array in one call. */
export function statsOf(dtype: VoxelDType, data: VoxelArray): VolumeStats {
  const acc = new StatsAccumulator(dtype);
  acc.add(data);
  return acc.result();
}
