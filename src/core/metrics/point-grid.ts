/**
 * Uniform spatial grid over a fixed set of 3D points, for radius queries that visit only the cells
 * near the query instead of every point (matching 100k × 100k picks stays near-linear).
 * Layout: point indices sorted by cell key, plus a map from each occupied cell to its range, so an
 * empty region costs nothing however sparse the points are.
 */
export interface Point3 {
  x: number;
  y: number;
  z: number;
}

/** Keeps cell keys below 2^48 (exact in a double) whatever the extent / cell size ratio. */
const MAX_CELLS_PER_AXIS = 1 << 16;

export class PointGrid {
  readonly cellSize: number;
  private readonly min: [number, number, number];
  private readonly dims: [number, number, number];
  /** Point indices ordered by cell key. */
  private readonly order: Uint32Array;
  /** Start of each occupied cell's run in `order`; one extra entry closes the last run. */
  private readonly runStarts: Uint32Array;
  /** Cell key → index into runStarts. */
  private readonly runOfCell = new Map<number, number>();

  constructor(
    private readonly points: readonly Point3[],
    cellSize: number,
  ) {
    if (!(cellSize > 0) || !Number.isFinite(cellSize)) {
      throw new Error(`PointGrid: cell size must be a positive finite number, got ${cellSize}`);
    }
    const min: [number, number, number] = [Infinity, Infinity, Infinity];
    const max: [number, number, number] = [-Infinity, -Infinity, -Infinity];
    for (const p of points) {
      if (p.x < min[0]) min[0] = p.x;
      if (p.y < min[1]) min[1] = p.y;
      if (p.z < min[2]) min[2] = p.z;
      if (p.x > max[0]) max[0] = p.x;
      if (p.y > max[1]) max[1] = p.y;
      if (p.z > max[2]) max[2] = p.z;
    }
    if (points.length === 0) {
      min.fill(0);
      max.fill(0);
    }
    const extent = Math.max(max[0] - min[0], max[1] - min[1], max[2] - min[2]);
    // A cell larger than asked is still correct (queries just test a few more points).
    this.cellSize = Math.max(cellSize, extent / (MAX_CELLS_PER_AXIS - 1));
    this.min = min;
    this.dims = [0, 1, 2].map((a) => Math.floor((max[a]! - min[a]!) / this.cellSize) + 1) as [number, number, number];

    const keys = new Float64Array(points.length);
    points.forEach((p, i) => (keys[i] = this.keyOf(this.cellOf(p.x, 0), this.cellOf(p.y, 1), this.cellOf(p.z, 2))));
    this.order = Uint32Array.from(points.keys()).sort((a, b) => keys[a]! - keys[b]!);
    const starts: number[] = [];
    let previous = NaN;
    this.order.forEach((pointIndex, position) => {
      const key = keys[pointIndex]!;
      if (key !== previous) {
        this.runOfCell.set(key, starts.length);
        starts.push(position);
        previous = key;
      }
    });
    starts.push(this.order.length);
    this.runStarts = Uint32Array.from(starts);
  }

  /**
   * Calls visit(index, distanceSquared) for every point within `radius` (inclusive) of (x, y, z).
   * Order of visits is by cell, not by distance.
   */
  forEachWithin(x: number, y: number, z: number, radius: number, visit: (index: number, distanceSquared: number) => void): void {
    const r2 = radius * radius;
    const [nx, ny, nz] = this.dims;
    const x0 = Math.max(0, this.cellOf(x - radius, 0));
    const y0 = Math.max(0, this.cellOf(y - radius, 1));
    const z0 = Math.max(0, this.cellOf(z - radius, 2));
    const x1 = Math.min(nx - 1, this.cellOf(x + radius, 0));
    const y1 = Math.min(ny - 1, this.cellOf(y + radius, 1));
    const z1 = Math.min(nz - 1, this.cellOf(z + radius, 2));
    for (let cz = z0; cz <= z1; cz++) {
      for (let cy = y0; cy <= y1; cy++) {
        for (let cx = x0; cx <= x1; cx++) {
          const run = this.runOfCell.get(this.keyOf(cx, cy, cz));
          if (run === undefined) continue;
          const end = this.runStarts[run + 1]!;
          for (let k = this.runStarts[run]!; k < end; k++) {
            const index = this.order[k]!;
            const p = this.points[index]!;
            const dx = p.x - x;
            const dy = p.y - y;
            const dz = p.z - z;
            const d2 = dx * dx + dy * dy + dz * dz;
            if (d2 <= r2) visit(index, d2);
          }
        }
      }
    }
  }

  private cellOf(value: number, axis: 0 | 1 | 2): number {
    return Math.floor((value - this.min[axis]) / this.cellSize);
  }

  private keyOf(cx: number, cy: number, cz: number): number {
    return cx + this.dims[0] * (cy + this.dims[1] * cz);
  }
}
