/**
 * Running maximum over the LoG scales, one response at a time: per voxel the best response
 * (LoG_best), the index of its scale (d_best) and the responses at the scales just below and
 * above the best one (for the sub-scale diameter), plus the best response over the scales from
 * `rangeStart` up (`bestFromRange`: what recentring weighs, and where `projection` candidates are located, see
 * propose.ts). Only one previous response is kept, so the bank never needs all scales in memory.
 */
export class ScaleSpaceMax {
  readonly best: Float32Array;
  readonly bestScale: Uint8Array;
  /** Response at bestScale − 1 (0 when bestScale is 0). */
  readonly belowBest: Float32Array;
  /** Response at bestScale + 1 (0 when bestScale is the last scale). */
  readonly aboveBest: Float32Array;
  /** Best response over the scales ≥ rangeStart (-Infinity until the first of them arrives). */
  readonly bestFromRange: Float32Array;
  private readonly previous: Float32Array;
  private nextScale = 0;

  constructor(
    readonly voxels: number,
    readonly rangeStart = 0,
  ) {
    this.best = new Float32Array(voxels).fill(-Infinity);
    this.bestScale = new Uint8Array(voxels);
    this.belowBest = new Float32Array(voxels);
    this.aboveBest = new Float32Array(voxels);
    this.bestFromRange = new Float32Array(voxels).fill(-Infinity);
    this.previous = new Float32Array(voxels);
  }

  /**
   * Adds the response of the next scale (scales must arrive in ascending order), multiplied by
   * `gain` on the way (the normalisation, fused here to save a pass over the volume). `response`
   * is left unchanged.
   */
  add(scale: number, response: Float32Array, gain = 1): void {
    if (scale !== this.nextScale) throw new Error(`scale ${scale} arrived out of order (expected ${this.nextScale})`);
    if (response.length !== this.voxels) throw new Error(`response has ${response.length} voxels, expected ${this.voxels}`);
    if (scale > 255) throw new Error('at most 256 scales are supported');
    const { best, bestScale, belowBest, aboveBest, previous, bestFromRange } = this;
    const n = response.length;
    // Rounded to float32 as if the scaled response had been stored first. The first scale has a
    // loop of its own: it only initialises, so the later scales' loop needs no scale test.
    if (scale === 0) {
      for (let i = 0; i < n; i++) {
        const r = Math.fround(response[i]! * gain);
        best[i] = r > -Infinity ? r : -Infinity; // a NaN response never becomes the best
        previous[i] = r;
      }
      if (this.rangeStart === 0) bestFromRange.set(best);
    } else {
      const below = scale - 1;
      const inRange = scale >= this.rangeStart;
      for (let i = 0; i < n; i++) {
        const r = Math.fround(response[i]! * gain);
        if (r > best[i]!) {
          best[i] = r;
          bestScale[i] = scale;
          belowBest[i] = previous[i]!;
          aboveBest[i] = 0;
        } else if (bestScale[i] === below) {
          aboveBest[i] = r;
        }
        if (inRange && r > bestFromRange[i]!) bestFromRange[i] = r;
        previous[i] = r;
      }
    }
    this.nextScale++;
  }
}
