/**
 * What the renderer needs from a particle shape, whatever its source (procedural primitives or a
 * density map). Coordinates are in tomogram voxels in the particle's own (unrotated) frame, with
 * the particle centre at the origin.
 */
export interface ShapeModel {
  /** Every voxel with density ≥ labelThreshold lies within this distance of the centre, voxels. */
  radius: number;
  densityAt(x: number, y: number, z: number): number;
  /** A voxel belongs to the particle in the label map when its density reaches this value. */
  labelThreshold: number;
}
