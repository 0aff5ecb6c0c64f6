/**
 * The studio's "Class averages": for each class with picks on a tomogram, the average of its picks
 * (aligned by position, or in rotation too) and the mask made from it (average-shape-labels.ts) — the shape the meta
 * modes stamp as clean validation labels — with its surface for the 3D view. The same
 * normalisation as training (normaliseForNetwork), so what is shown is what training uses.
 */
import { isosurface } from '../mesh/volume-isosurface.ts';
import type { IsosurfaceMesh } from '../mesh/marching-cubes.ts';
import { normaliseForNetwork } from '../training/normalise.ts';
import type { Volume } from '../volume/volume.ts';
import { classShapeFromPicks, type ClassShape } from './average-shape-labels.ts';
import type { LabelPoint } from './sphere-labels.ts';

export interface ClassAverageSurface extends Omit<ClassShape, 'average' | 'mask' | 'orientations'> {
  /** Whether the picks were aligned in rotation (else by position only). */
  rotationsRefined: boolean;
  /** The mask's surface (level 0.5) in box voxel coordinates. */
  mesh: IsosurfaceMesh;
}

export interface ClassAverageOptions {
  /** Align the picks in rotation too (average-shape-labels.ts). */
  refineRotations?: boolean;
  signal?: AbortSignal;
  onProgress?: (fraction: number, stage?: string) => void;
}

/** One surface per class of `classes` that has picks, in the order given. */
export async function classAverageSurfaces(
  volume: Pick<Volume, 'nx' | 'ny' | 'nz' | 'dtype' | 'data'>,
  picks: readonly LabelPoint[],
  classes: readonly { classId: number; radiusVoxels: number }[],
  options: ClassAverageOptions = {},
): Promise<ClassAverageSurface[]> {
  options.onProgress?.(0, 'normalising');
  const source = normaliseForNetwork(volume);
  const out: ClassAverageSurface[] = [];
  for (const [i, { classId, radiusVoxels }] of classes.entries()) {
    options.signal?.throwIfAborted();
    const stage = `${options.refineRotations ? 'aligning' : 'averaging'} class ${classId}`;
    options.onProgress?.(i / classes.length, stage);
    const shape = await classShapeFromPicks(source, [volume.nx, volume.ny, volume.nz], picks, classId, radiusVoxels, {
      refineRotations: options.refineRotations ?? false,
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (f) => options.onProgress?.((i + f) / classes.length, stage),
    });
    if (!shape) continue;
    const { average: _average, mask, orientations, ...summary } = shape;
    const mesh = await isosurface({ dims: [shape.box, shape.box, shape.box], data: mask }, 0.5, { signal: options.signal });
    out.push({ ...summary, rotationsRefined: orientations !== null, mesh });
  }
  options.onProgress?.(1);
  return out;
}
