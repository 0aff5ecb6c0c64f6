/** Small synthetic volumes for the proposal tests: soft-edged balls on a noisy background. */
import { computeStats, type Volume } from '../volume/volume.ts';
import { createRandom } from '../sim/random.ts';

export interface Ball {
  x: number;
  y: number;
  z: number;
  /** Diameter, voxels. */
  diameter: number;
  /** Added to the background inside the ball (negative = dark). */
  contrast: number;
}

export function ballVolume(shape: [number, number, number], balls: readonly Ball[], noiseSd = 0, seed = 1): Volume {
  const [nx, ny, nz] = shape;
  const data = new Float32Array(nx * ny * nz);
  const random = createRandom(seed);
  if (noiseSd > 0) for (let i = 0; i < data.length; i++) data[i] = noiseSd * random.gaussian();
  for (const b of balls) {
    const r = b.diameter / 2;
    for (let z = 0; z < nz; z++)
      for (let y = 0; y < ny; y++)
        for (let x = 0; x < nx; x++) {
          // One-voxel linear edge, as the simulator draws particles.
          const inside = Math.min(1, Math.max(0, r + 0.5 - Math.hypot(x - b.x, y - b.y, z - b.z)));
          const i = x + nx * (y + ny * z);
          if (inside > 0) data[i] = data[i]! + b.contrast * inside;
        }
  }
  const volume: Volume = { nx, ny, nz, voxelSize: [10, 10, 10], origin: [0, 0, 0], dtype: 'float32', data, stats: computeStats({ dtype: 'float32', data }) };
  return volume;
}
