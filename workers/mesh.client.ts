/** Page-side handle on the mesh engine (one worker, created lazily). */
import { spawnEngine, type Engine } from './rpc/spawn.ts';
import type { JobOptions } from './io.client.ts';
import type { MeshEngine } from './mesh.engine.ts';
import type { IsosurfaceMesh } from '../src/core/mesh/marching-cubes.ts';
import type { IsosurfaceOptions, IsosurfaceSource } from '../src/core/mesh/volume-isosurface.ts';
import type { ClassAverageSurface } from '../src/core/labels/class-averages.ts';
import type { LabelPoint } from '../src/core/labels/sphere-labels.ts';
import type { Volume } from '../src/core/volume/volume.ts';

let engine: Engine<MeshEngine> | undefined;

function meshEngine(): Engine<MeshEngine> {
  engine ??= spawnEngine<MeshEngine>(new Worker(new URL('./mesh.worker.ts', import.meta.url), { type: 'module' }), 'mesh');
  return engine;
}

/**
 * Isosurface at `level` in a worker. The source is structured-cloned into the worker unless its
 * data lives in a SharedArrayBuffer (cross-origin isolated pages), so callers meshing a big
 * tomogram repeatedly should keep it shared. Cancel a superseded request (a dragged threshold
 * slider) through `job.signal`.
 */
export function computeIsosurface(
  source: IsosurfaceSource,
  level: number,
  options: IsosurfaceOptions = {},
  job: JobOptions = {},
): Promise<IsosurfaceMesh> {
  return meshEngine().job((api, jobId, progress) => api.isosurface(jobId, source, level, options, progress), job);
}

/** Class averages of `picks` on `volume` and the surfaces of their masks, in a worker. */
export function computeClassAverages(
  volume: Pick<Volume, 'nx' | 'ny' | 'nz' | 'dtype' | 'data'>,
  picks: LabelPoint[],
  classes: { classId: number; radiusVoxels: number }[],
  refineRotations: boolean,
  job: JobOptions = {},
): Promise<ClassAverageSurface[]> {
  return meshEngine().job((api, jobId, progress) => api.classAverages(jobId, volume, picks, classes, refineRotations, progress), job);
}
