/**
 * Where a tomogram sits in the 3D scene. Everything is drawn in voxel coordinates (the frame of
 * picks, slices and meshes) inside one group whose transform makes world units isotropic Å scaled
 * to x voxels, and puts the volume's centre at the origin, where the orbit controls turn.
 */
export type Triple = readonly [number, number, number];

export interface VolumeFrame {
  /** World units per voxel along x, y, z: voxelSize / voxelSize[0], so anisotropic voxels look right. */
  scale: Triple;
  /** World position of voxel (0, 0, 0): minus the scaled centre voxel (n − 1)/2. */
  offset: Triple;
  /** Half the diagonal of the volume's box in world units: the camera keeps it in view. */
  radius: number;
}

export function volumeFrame(dims: Triple, voxelSize: Triple): VolumeFrame {
  if (!dims.every((n) => Number.isInteger(n) && n > 0)) throw new RangeError(`volume dimensions must be positive integers, got ${dims.join('×')}`);
  if (!voxelSize.every((v) => v > 0 && Number.isFinite(v))) throw new RangeError(`voxel size must be positive, got ${voxelSize.join(', ')} Å`);
  const scale = [1, voxelSize[1] / voxelSize[0], voxelSize[2] / voxelSize[0]] as const;
  const offset = [0, 1, 2].map((a) => (-(dims[a]! - 1) / 2) * scale[a]!) as unknown as Triple;
  const radius = Math.hypot(...[0, 1, 2].map((a) => (dims[a]! * scale[a]!) / 2));
  return { scale, offset, radius };
}

/**
 * Camera distance at which the disc of `radius` facing the camera fills the narrower field of
 * view: a slab-shaped tomogram seen face-on then fills the view instead of floating in it.
 */
export function fitDistance(radius: number, fovDegrees: number, aspect: number): number {
  const halfFov = (fovDegrees * Math.PI) / 360;
  // A narrow canvas is limited by its horizontal field of view instead.
  const halfHorizontal = Math.atan(Math.tan(halfFov) * aspect);
  return radius / Math.tan(Math.min(halfFov, halfHorizontal));
}
