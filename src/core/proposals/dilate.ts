/**
 * Grows a binary mask by a ball of `radius` voxels: every set voxel on the boundary of its
 * region stamps a ball, row by row (one `fill` per row of the ball), so the cost scales with the
 * surface of the masked regions, not with the volume.
 */
export function dilateMask(mask: Uint8Array, shape: readonly [number, number, number], radius: number): Uint8Array {
  const [nx, ny, nz] = shape;
  const out = mask.slice();
  if (radius <= 0) return out;
  const r = Math.floor(radius);
  const r2 = radius * radius;
  const plane = nx * ny;
  const isSet = (x: number, y: number, z: number) =>
    x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && mask[x + nx * (y + ny * z)] !== 0;
  for (let z = 0; z < nz; z++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        if (!mask[x + nx * (y + ny * z)]) continue;
        const interior =
          isSet(x - 1, y, z) && isSet(x + 1, y, z) && isSet(x, y - 1, z) && isSet(x, y + 1, z) && isSet(x, y, z - 1) && isSet(x, y, z + 1);
        if (interior) continue;
        for (let dz = -r; dz <= r; dz++) {
          const zz = z + dz;
          if (zz < 0 || zz >= nz) continue;
          for (let dy = -r; dy <= r; dy++) {
            const yy = y + dy;
            const rest = r2 - dz * dz - dy * dy;
            if (yy < 0 || yy >= ny || rest < 0) continue;
            const half = Math.floor(Math.sqrt(rest));
            const x0 = Math.max(0, x - half);
            const x1 = Math.min(nx - 1, x + half);
            const row = zz * plane + yy * nx;
            out.fill(1, row + x0, row + x1 + 1);
          }
        }
      }
    }
  }
  return out;
}
