/**
 * Maxima of the normalised LoG in space *and* scale, one response at a time: a voxel at scale s
 * is an extremum when its response beats its 26 neighbours at that scale and its own responses at
 * the scales s − 1 and s + 1 (blob_log's and Lindeberg's blob definition). Unlike the maxima of
 * the best response over the scales, a small particle beside a large one keeps its peak: the large
 * one's broad response is a slope there at the coarse scales, but not at the small one's scale.
 * Two previous responses are kept, so the bank never needs all scales in memory.
 */
import { localMaxima } from './local-maxima.ts';
import type { Shape3 } from './mirror-pad.ts';

/** The extrema found so far (parallel arrays, `count` long). */
export interface ScaleExtrema {
  count: number;
  /** Voxel index. */
  index: Int32Array;
  scale: Uint8Array;
  /** Response at the extremum's scale, and at the scales just below and above (0 beyond the bank). */
  response: Float32Array;
  below: Float32Array;
  above: Float32Array;
}

export class ScaleSpaceExtrema {
  private readonly voxels: number;
  /** R at the scale before the last one, and at the last one (normalised). */
  private older: Float32Array;
  private last: Float32Array;
  private nextScale = 0;
  private finished = false;
  private found: ScaleExtrema = { count: 0, index: new Int32Array(1024), scale: new Uint8Array(1024), response: new Float32Array(1024), below: new Float32Array(1024), above: new Float32Array(1024) };

  /** Extrema are kept at scales ≥ `firstScale` with a response above `floor`. */
  constructor(
    readonly shape: Shape3,
    readonly firstScale: number,
    readonly floor = 0,
  ) {
    this.voxels = shape[0] * shape[1] * shape[2];
    this.older = new Float32Array(this.voxels);
    this.last = new Float32Array(this.voxels);
  }

  /** Adds the next scale's response times `gain` (scales in ascending order); `response` is left unchanged. */
  add(scale: number, response: Float32Array, gain = 1): void {
    if (this.finished) throw new Error('add() after finish()');
    if (scale !== this.nextScale) throw new Error(`scale ${scale} arrived out of order (expected ${this.nextScale})`);
    if (response.length !== this.voxels) throw new Error(`response has ${response.length} voxels, expected ${this.voxels}`);
    if (scale > 255) throw new Error('at most 256 scales are supported');
    if (scale >= 1 && scale - 1 >= this.firstScale) this.collect(scale - 1, response, gain);
    // The older buffer becomes the newest: R at this scale, rounded as if stored before the test.
    // Scales more than one below the first collected one are never read: not stored.
    const reuse = this.older;
    this.older = this.last;
    this.last = reuse;
    if (scale + 1 >= this.firstScale) for (let i = 0; i < this.voxels; i++) reuse[i] = Math.fround(response[i]! * gain);
    this.nextScale++;
  }

  /** The extrema, the last scale included (tested against the scale below only). */
  finish(): ScaleExtrema {
    if (this.finished) throw new Error('finish() was already called');
    this.finished = true;
    const lastScale = this.nextScale - 1;
    if (lastScale >= 0 && lastScale >= this.firstScale) this.collect(lastScale, null, 1);
    return this.found;
  }

  /** Extrema at `scale` (held in `last`, `older` holds the scale below), `next` the scale above (null: none). */
  private collect(scale: number, next: Float32Array | null, gain: number): void {
    const values = this.last;
    const below = scale > 0 ? this.older : null;
    const { floor } = this;
    const above = (i: number) => (next ? Math.fround(next[i]! * gain) : 0);
    // Ties go to the earlier scale and, in space, to the lower index (no twins on a plateau).
    const beatsScales = (i: number, v: number) => v > floor && (!below || v > below[i]!) && !(above(i) > v);
    for (const i of localMaxima(values, this.shape, undefined, undefined, beatsScales)) this.push(i, scale, values[i]!, below ? below[i]! : 0, above(i));
  }

  private push(index: number, scale: number, response: number, below: number, above: number): void {
    let f = this.found;
    if (f.count === f.index.length) {
      const grow = <T extends Int32Array | Uint8Array | Float32Array>(a: T): T => {
        const g = new (a.constructor as new (n: number) => T)(a.length * 2);
        g.set(a);
        return g;
      };
      f = this.found = { count: f.count, index: grow(f.index), scale: grow(f.scale), response: grow(f.response), below: grow(f.below), above: grow(f.above) };
    }
    const k = f.count++;
    f.index[k] = index;
    f.scale[k] = scale;
    f.response[k] = response;
    f.below[k] = below;
    f.above[k] = above;
  }
}
