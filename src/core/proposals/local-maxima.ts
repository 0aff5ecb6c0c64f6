/**
 * Voxels that are maxima of their 3×3×3 neighbourhood (26 neighbours, clipped at the volume
 * edge). On a plateau only the voxel with the lowest index counts: it must be ≥ every neighbour
 * and > the neighbours that come before it in memory order, so equal values never give twins.
 * `accept`, when given, is asked after the row neighbours (a cheap test that spares the rest of
 * the neighbour search).
 */
export function localMaxima(
  values: Float32Array,
  shape: readonly [number, number, number],
  include?: Uint8Array,
  signal?: AbortSignal,
  accept?: (index: number, value: number) => boolean,
): Int32Array {
  const [nx, ny, nz] = shape;
  if (values.length !== nx * ny * nz) throw new Error(`localMaxima: ${values.length} values do not match ${nx}×${ny}×${nz}`);
  const plane = nx * ny;
  let found = new Int32Array(1024);
  let count = 0;
  for (let z = 0; z < nz; z++) {
    if ((z & 15) === 0) signal?.throwIfAborted();
    const z0 = z > 0 ? -1 : 0;
    const z1 = z < nz - 1 ? 1 : 0;
    for (let y = 0; y < ny; y++) {
      const y0 = y > 0 ? -1 : 0;
      const y1 = y < ny - 1 ? 1 : 0;
      const rowBase = nx * (y + ny * z);
      for (let x = 0; x < nx; x++) {
        const i = rowBase + x;
        if (include && !include[i]) continue;
        const v = values[i]!;
        if (!(v > -Infinity)) continue;
        // The row neighbours first (same cache line): on a smooth map they reject most voxels.
        if ((x > 0 && values[i - 1]! >= v) || (x < nx - 1 && values[i + 1]! > v)) continue;
        if (accept && !accept(i, v)) continue;
        const x0 = x > 0 ? -1 : 0;
        const x1 = x < nx - 1 ? 1 : 0;
        let isMax = true;
        search: for (let dz = z0; dz <= z1; dz++) {
          for (let dy = y0; dy <= y1; dy++) {
            const base = i + dz * plane + dy * nx;
            for (let dx = x0; dx <= x1; dx++) {
              const j = base + dx;
              if (j === i) continue;
              const w = values[j]!;
              if (w > v || (w === v && j < i)) {
                isMax = false;
                break search;
              }
            }
          }
        }
        if (!isMax) continue;
        if (count === found.length) {
          const grown = new Int32Array(found.length * 2);
          grown.set(found);
          found = grown;
        }
        found[count++] = i;
      }
    }
  }
  return found.slice(0, count);
}
