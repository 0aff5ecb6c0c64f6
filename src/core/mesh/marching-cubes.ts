/**
 * Marching cubes over a scalar field (a Volume's native-dtype voxels or any Float32Array), x fastest:
 * i = x + nx·(y + ny·z). One pass over the volume, one layer of cubes (two grid sections) at a time.
 *
 * Conventions (see README.md in this folder):
 * - "Inside" is `value > level`; with `invert`, `value < level` (dark particles in cryo-ET).
 * - Positions are in voxel units of the full volume (voxel centres at integers), whatever `step`
 *   or region of interest.
 * - Triangles are counter-clockwise seen from outside, and normals (the field's gradient by central
 *   differences, interpolated along the cut edge) point out of the inside region.
 * - One vertex per cut grid edge, shared by every triangle that uses it (edge-indexed caches for the
 *   bottom and top sections and the vertical edges of the current layer).
 * - Ambiguous faces separate the inside corners (classic marching cubes; the tables explain why it
 *   is still crack-free). A closed surface inside the sampled region comes out watertight.
 */
import { TRIANGLE_EDGES, TRIANGLE_OFFSETS } from './marching-cubes-tables.ts';
import { FieldSliceReader, splitField, type ScalarField, type SectionValues } from './field-slices.ts';
import { createYielder } from './yield-control.ts';
import { MeshBuilder, emptyMesh, type IsosurfaceMesh } from './mesh-builder.ts';
import { sampleGrid, validateDims, type Dims, type RegionOfInterest, type SampleGrid } from './sample-grid.ts';

export type { IsosurfaceMesh } from './mesh-builder.ts';
export type { Dims, RegionOfInterest } from './sample-grid.ts';
export type { ScalarField } from './field-slices.ts';

export interface MarchingCubesOptions {
  /** Sample every `step` voxels along each axis (a coarser, faster mesh in the same frame). Default 1. */
  step?: number;
  /** Only this box of voxels is meshed; surfaces are open where they leave it. */
  roi?: RegionOfInterest;
  /** Enclose the values below the level instead of above it. */
  invert?: boolean;
  /** Mesh the indicator `voxel === labelValue` of a label map; `level` must then lie in (0, 1). */
  labelValue?: number;
}

export interface JobHooks {
  signal?: AbortSignal;
  /** Fraction done (cube layers), at most about once per percent; `stage` names the step. */
  onProgress?: (fraction: number, stage?: string) => void;
}

/** Incremental extractor: `advance` processes cube layers (z-slabs) so callers can yield between. */
export class IsosurfaceExtractor {
  readonly layerCount: number;
  private layer = 0;
  private readonly grid: SampleGrid;
  private readonly reader: FieldSliceReader | null;
  private readonly level: number;
  private readonly invert: boolean;
  private readonly sx: number;
  private readonly sy: number;
  private readonly sz: number;
  /** Grid sections k mod 4 (layer k needs k−1..k+2 for central-difference gradients)… */
  private readonly values: SectionValues[] = [];
  /** …their copies when the source cannot be viewed directly… */
  private readonly scratch: Float32Array[];
  /** …1 where the sample is inside the surface… */
  private readonly inside: Uint8Array[];
  /** …and how many samples of each row are: rows all in or all out are skipped whole. */
  private readonly rowInside: Int32Array[];
  private loadedUpTo = -1;
  /** Vertex ids of x- and y-edges in the layer's bottom and top sections, and of its z-edges. */
  private xBottom: Int32Array;
  private yBottom: Int32Array;
  private xTop: Int32Array;
  private yTop: Int32Array;
  private readonly zEdges: Int32Array;
  private readonly out = new MeshBuilder();
  private readonly gradA = new Float64Array(3);
  private readonly gradB = new Float64Array(3);

  constructor(field: ScalarField, dims: Dims, level: number, options: MarchingCubesOptions = {}) {
    const { data, dtype } = splitField(field);
    validateDims(dims, data.length);
    if (!Number.isFinite(level)) throw new Error(`the isosurface level must be a finite number, got ${level}`);
    const { labelValue } = options;
    if (labelValue !== undefined) {
      if (!Number.isFinite(labelValue)) throw new Error(`labelValue must be a finite number, got ${labelValue}`);
      if (!(level > 0 && level < 1)) throw new Error(`with labelValue the level must lie in (0, 1), got ${level}`);
    }
    this.grid = sampleGrid(dims, options.step ?? 1, options.roi);
    this.level = level;
    this.invert = options.invert ?? false;
    [this.sx, this.sy, this.sz] = this.grid.size;
    const meshable = this.sx > 1 && this.sy > 1 && this.sz > 1;
    this.layerCount = meshable ? this.sz - 1 : 0;
    this.reader = meshable ? new FieldSliceReader(data, dtype, dims, this.grid, labelValue) : null;
    const plane = meshable ? this.sx * this.sy : 0;
    const ring = meshable ? 4 : 0;
    this.scratch = Array.from({ length: ring }, () => new Float32Array(plane));
    this.inside = Array.from({ length: ring }, () => new Uint8Array(plane));
    this.rowInside = Array.from({ length: ring }, () => new Int32Array(this.sy));
    this.xBottom = new Int32Array(plane);
    this.yBottom = new Int32Array(plane);
    this.xTop = new Int32Array(plane);
    this.yTop = new Int32Array(plane);
    this.zEdges = new Int32Array(plane);
  }

  get done(): boolean {
    return this.layer >= this.layerCount;
  }

  get progress(): number {
    return this.layerCount === 0 ? 1 : this.layer / this.layerCount;
  }

  /** Processes up to `maxLayers` more layers of cubes; true once the whole grid is done. */
  advance(maxLayers: number): boolean {
    const end = Math.min(this.layerCount, this.layer + maxLayers);
    for (; this.layer < end; this.layer++) this.processLayer(this.layer);
    return this.done;
  }

  /** The finished mesh (empty when the level is never crossed). */
  result(): IsosurfaceMesh {
    if (!this.done) throw new Error('the isosurface is not finished: call advance() until it returns true');
    return this.out.vertexCount === 0 ? emptyMesh() : this.out.build();
  }

  private section(k: number): SectionValues {
    return this.values[k & 3]!;
  }

  private loadSectionsThrough(k: number): void {
    const last = Math.min(k, this.sz - 1);
    while (this.loadedUpTo < last) {
      const slot = ++this.loadedUpTo & 3;
      const values = this.reader!.read(this.loadedUpTo, this.scratch[slot]!);
      this.values[slot] = values;
      markInside(values, this.level, this.invert, this.sx, this.inside[slot]!, this.rowInside[slot]!);
    }
  }

  private processLayer(k: number): void {
    this.loadSectionsThrough(k + 2);
    // The previous layer's top edges are this layer's bottom edges.
    if (k === 0) {
      this.xBottom.fill(-1);
      this.yBottom.fill(-1);
    } else {
      [this.xBottom, this.xTop] = [this.xTop, this.xBottom];
      [this.yBottom, this.yTop] = [this.yTop, this.yBottom];
    }
    this.xTop.fill(-1);
    this.yTop.fill(-1);
    this.zEdges.fill(-1);

    const { sx, sy } = this;
    const b = this.inside[k & 3]!;
    const t = this.inside[(k + 1) & 3]!;
    const rowsB = this.rowInside[k & 3]!;
    const rowsT = this.rowInside[(k + 1) & 3]!;
    for (let y = 0; y < sy - 1; y++) {
      const count = rowsB[y]! + rowsB[y + 1]! + rowsT[y]! + rowsT[y + 1]!;
      if (count === 0 || count === 4 * sx) continue; // no cube of this row is cut
      let i = y * sx;
      // Corners 0, 3, 4, 7 of a cube are corners 1, 2, 5, 6 of the cube before it.
      let c0347 = b[i]! | (b[i + sx]! << 3) | (t[i]! << 4) | (t[i + sx]! << 7);
      for (let x = 0; x < sx - 1; x++, i++) {
        const c1256 = (b[i + 1]! << 1) | (b[i + 1 + sx]! << 2) | (t[i + 1]! << 5) | (t[i + 1 + sx]! << 6);
        const caseIndex = c0347 | c1256;
        c0347 = ((c1256 >> 1) & 0x11) | ((c1256 << 1) & 0x88);
        if (caseIndex === 0 || caseIndex === 255) continue;
        this.emitCube(caseIndex, x, y, k, i);
      }
    }
  }

  private emitCube(caseIndex: number, x: number, y: number, k: number, i: number): void {
    const end = TRIANGLE_OFFSETS[caseIndex + 1]!;
    for (let t = TRIANGLE_OFFSETS[caseIndex]!; t < end; t += 3) {
      const a = this.edgeVertex(TRIANGLE_EDGES[t]!, x, y, k, i);
      const b = this.edgeVertex(TRIANGLE_EDGES[t + 1]!, x, y, k, i);
      const c = this.edgeVertex(TRIANGLE_EDGES[t + 2]!, x, y, k, i);
      this.out.addTriangle(a, b, c);
    }
  }

  /** Vertex id of cube edge e (numbering of marching-cubes-tables.ts), created on first use. */
  private edgeVertex(e: number, x: number, y: number, k: number, i: number): number {
    const sx = this.sx;
    switch (e) {
      case 0: return this.cached(this.xBottom, i, x, y, k, 0);
      case 1: return this.cached(this.yBottom, i + 1, x + 1, y, k, 1);
      case 2: return this.cached(this.xBottom, i + sx, x, y + 1, k, 0);
      case 3: return this.cached(this.yBottom, i, x, y, k, 1);
      case 4: return this.cached(this.xTop, i, x, y, k + 1, 0);
      case 5: return this.cached(this.yTop, i + 1, x + 1, y, k + 1, 1);
      case 6: return this.cached(this.xTop, i + sx, x, y + 1, k + 1, 0);
      case 7: return this.cached(this.yTop, i, x, y, k + 1, 1);
      case 8: return this.cached(this.zEdges, i, x, y, k, 2);
      case 9: return this.cached(this.zEdges, i + 1, x + 1, y, k, 2);
      case 10: return this.cached(this.zEdges, i + 1 + sx, x + 1, y + 1, k, 2);
      default: return this.cached(this.zEdges, i + sx, x, y + 1, k, 2);
    }
  }

  private cached(cache: Int32Array, slot: number, x: number, y: number, k: number, axis: 0 | 1 | 2): number {
    const id = cache[slot]!;
    if (id >= 0) return id;
    const created = this.createVertex(x, y, k, axis);
    cache[slot] = created;
    return created;
  }

  /**
   * Vertex on the grid edge from (x, y, k) one sample along `axis`. Non-finite samples cannot put a
   * NaN in the mesh: NaN counts as outside, an undefined crossing goes mid-edge, and a gradient
   * that is not finite (or zero) gives way to the edge direction.
   */
  private createVertex(x: number, y: number, k: number, axis: 0 | 1 | 2): number {
    const { sx, level, gradA, gradB } = this;
    const ia = x + sx * y;
    const ib = axis === 0 ? ia + 1 : axis === 1 ? ia + sx : ia;
    const va = this.section(k)[ia]!;
    const vb = this.section(axis === 2 ? k + 1 : k)[ib]!;
    let t = (level - va) / (vb - va);
    if (!(t >= 0 && t <= 1)) t = 0.5;
    this.gradient(x, y, k, gradA);
    this.gradient(axis === 0 ? x + 1 : x, axis === 1 ? y + 1 : y, axis === 2 ? k + 1 : k, gradB);
    // Outward = away from the inside values: −gradient, or +gradient when the inside is below.
    const sign = this.invert ? 1 : -1;
    let nx = sign * (gradA[0]! + t * (gradB[0]! - gradA[0]!));
    let ny = sign * (gradA[1]! + t * (gradB[1]! - gradA[1]!));
    let nz = sign * (gradA[2]! + t * (gradB[2]! - gradA[2]!));
    const length = Math.hypot(nx, ny, nz);
    if (length > 0 && Number.isFinite(length)) {
      nx /= length;
      ny /= length;
      nz /= length;
    } else {
      const outward = this.inside[k & 3]![ia] ? 1 : -1; // from the edge's inside end to its outside end
      nx = axis === 0 ? outward : 0;
      ny = axis === 1 ? outward : 0;
      nz = axis === 2 ? outward : 0;
    }
    const { start, step } = this.grid;
    return this.out.addVertex(
      start[0] + step * (x + (axis === 0 ? t : 0)),
      start[1] + step * (y + (axis === 1 ? t : 0)),
      start[2] + step * (k + (axis === 2 ? t : 0)),
      nx,
      ny,
      nz,
    );
  }

  /** Central differences on the sample grid (one-sided on its border), per sample spacing. */
  private gradient(x: number, y: number, k: number, g: Float64Array): void {
    const { sx, sy, sz } = this;
    const s = this.section(k);
    const i = x + sx * y;
    g[0] = x === 0 ? s[i + 1]! - s[i]! : x === sx - 1 ? s[i]! - s[i - 1]! : 0.5 * (s[i + 1]! - s[i - 1]!);
    g[1] = y === 0 ? s[i + sx]! - s[i]! : y === sy - 1 ? s[i]! - s[i - sx]! : 0.5 * (s[i + sx]! - s[i - sx]!);
    g[2] =
      k === 0
        ? this.section(1)[i]! - s[i]!
        : k === sz - 1
          ? s[i]! - this.section(k - 1)[i]!
          : 0.5 * (this.section(k + 1)[i]! - this.section(k - 1)[i]!);
  }
}

/** 1 where a sample is inside the surface (NaN never is), and the count per row of sx samples. */
function markInside(values: SectionValues, level: number, invert: boolean, sx: number, out: Uint8Array, rows: Int32Array): void {
  for (let y = 0, i = 0; y < rows.length; y++) {
    let count = 0;
    const end = i + sx;
    if (invert) for (; i < end; i++) count += out[i] = values[i]! < level ? 1 : 0;
    else for (; i < end; i++) count += out[i] = values[i]! > level ? 1 : 0;
    rows[y] = count;
  }
}

/** Progress is reported when it has moved by at least this much. */
const PROGRESS_STEP = 0.01;

/** The whole isosurface in one synchronous call (tests, CLI, or a worker that need not yield). */
export function marchingCubes(
  field: ScalarField,
  dims: Dims,
  level: number,
  options: MarchingCubesOptions & JobHooks = {},
): IsosurfaceMesh {
  const extractor = new IsosurfaceExtractor(field, dims, level, options);
  const { signal, onProgress } = options;
  let reported = 0;
  while (!extractor.advance(1)) {
    signal?.throwIfAborted();
    if (onProgress && extractor.progress - reported >= PROGRESS_STEP) onProgress((reported = extractor.progress));
  }
  onProgress?.(1);
  return extractor.result();
}

/**
 * As `marchingCubes`, but returns to the event loop every `yieldEveryMs` so a worker can receive a
 * cancel message (comlink delivers it between tasks) while the surface is being built.
 */
export async function marchingCubesAsync(
  field: ScalarField,
  dims: Dims,
  level: number,
  options: MarchingCubesOptions & JobHooks & { yieldEveryMs?: number } = {},
): Promise<IsosurfaceMesh> {
  const extractor = new IsosurfaceExtractor(field, dims, level, options);
  const { signal, onProgress, yieldEveryMs = 50 } = options;
  const pause = createYielder(yieldEveryMs, signal);
  let reported = 0;
  while (!extractor.advance(1)) {
    await pause();
    if (onProgress && extractor.progress - reported >= PROGRESS_STEP) onProgress((reported = extractor.progress));
  }
  onProgress?.(1);
  return extractor.result();
}
