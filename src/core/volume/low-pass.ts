import { gaussianBlur3d } from './gaussian-blur.ts';
import { computeStats, toFloat32, type Volume } from './volume.ts';

/** Above this many voxels a float32 working copy gets too big for a browser tab: bin on load instead. */
export const LOW_PASS_MAX_VOXELS = 256 * 1024 * 1024;

/**
 * A Gaussian low-pass copy of a volume for display (σ in Å, per axis from the voxel size), as
 * float32. The FWHM-free convention: σ is the Gaussian's standard deviation in real space.
 */
export async function lowPassVolume(
  volume: Volume,
  sigmaAngstrom: number,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<Volume> {
  if (!(sigmaAngstrom > 0)) throw new RangeError(`low-pass σ must be positive, got ${sigmaAngstrom} Å`);
  const count = volume.nx * volume.ny * volume.nz;
  if (count > LOW_PASS_MAX_VOXELS) {
    throw new Error(`low-pass needs a float copy of ${(count / 2 ** 20).toFixed(0)} M voxels; open the tomogram binned (2× or 4×) to filter it`);
  }
  const data = toFloat32(volume);
  const sigma = volume.voxelSize.map((v) => sigmaAngstrom / v) as [number, number, number];
  let units = 0;
  const total = volume.ny * volume.nz * 2 + volume.nz;
  await gaussianBlur3d(data, [volume.nx, volume.ny, volume.nz], sigma, () => {
    options.signal?.throwIfAborted();
    units += 1;
    if (units % 256 === 0) options.onProgress?.(Math.min(0.99, units / total));
    return undefined;
  });
  options.onProgress?.(1);
  return { ...volume, dtype: 'float32', data, stats: computeStats({ dtype: 'float32', data }) };
}
