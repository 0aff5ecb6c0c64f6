import { writeFileSync } from 'node:fs';

export interface Ball {
  x: number;
  y: number;
  z: number;
}

/**
 * A float32 MRC (mode 2) of bright balls of `radius` voxels on uniform noise (seeded), with the
 * voxel size in the header: a tiny tomogram a small U-Net learns in a few dozen steps.
 */
export function writeBallsMrc(path: string, options: { size: { nx: number; ny: number; nz: number }; voxel: number; balls: readonly Ball[]; seed?: number; radius?: number }): void {
  const { size, voxel, balls, radius = 4.5 } = options;
  const { nx, ny, nz } = size;
  const data = new Float32Array(nx * ny * nz);
  let seed = options.seed ?? 7;
  const noise = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.8;
  for (let z = 0, i = 0; z < nz; z++)
    for (let y = 0; y < ny; y++)
      for (let x = 0; x < nx; x++, i++) {
        const inBall = balls.some((b) => Math.hypot(x - b.x, y - b.y, z - b.z) <= radius);
        data[i] = (inBall ? 2 : 0) + noise();
      }
  const header = Buffer.alloc(1024);
  [nx, ny, nz, 2, 0, 0, 0, nx, ny, nz].forEach((v, k) => header.writeInt32LE(v, 4 * k));
  [nx * voxel, ny * voxel, nz * voxel, 90, 90, 90].forEach((v, k) => header.writeFloatLE(v, 40 + 4 * k));
  [1, 2, 3].forEach((v, k) => header.writeInt32LE(v, 64 + 4 * k));
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of data) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  header.writeFloatLE(min, 76);
  header.writeFloatLE(max, 80);
  header.writeFloatLE(sum / data.length, 84);
  header.write('MAP ', 208, 'latin1');
  header.writeUInt8(0x44, 212);
  header.writeUInt8(0x44, 213);
  writeFileSync(path, Buffer.concat([header, Buffer.from(data.buffer)]));
}
