/**
 * Mesh engine: isosurfaces of tomograms and label/probability maps for the 3D view, off the main
 * thread. Kept apart from mesh.worker.ts (which only exposes it) so tests can drive it over a
 * MessageChannel in Node. Thin by design: the work is in src/core/mesh.
 */
import * as Comlink from 'comlink';
import type { IsosurfaceMesh } from '../src/core/mesh/marching-cubes.ts';
import { isosurface, type IsosurfaceOptions, type IsosurfaceSource } from '../src/core/mesh/volume-isosurface.ts';
import { classAverageSurfaces, type ClassAverageSurface } from '../src/core/labels/class-averages.ts';
import type { LabelPoint } from '../src/core/labels/sphere-labels.ts';
import type { Volume } from '../src/core/volume/volume.ts';
import { JobRegistry, type ProgressCallback } from './rpc/jobs.ts';

export function createMeshEngine() {
  const jobs = new JobRegistry();
  return {
    cancel: (jobId: string) => jobs.cancel(jobId),

    /** The mesh comes back with its three buffers transferred, not copied. */
    isosurface(
      jobId: string,
      source: IsosurfaceSource,
      level: number,
      options: IsosurfaceOptions,
      onProgress: ProgressCallback,
    ): Promise<IsosurfaceMesh> {
      return jobs.run(jobId, async (signal) => {
        const mesh = await isosurface(source, level, { ...options, signal, onProgress });
        const buffers = [mesh.positions.buffer, mesh.normals.buffer, mesh.indices.buffer] as ArrayBuffer[];
        return Comlink.transfer(mesh, buffers);
      });
    },

    /** Class averages of a tomogram's picks and their mask surfaces (core/labels/class-averages.ts). */
    classAverages(
      jobId: string,
      volume: Pick<Volume, 'nx' | 'ny' | 'nz' | 'dtype' | 'data'>,
      picks: LabelPoint[],
      classes: { classId: number; radiusVoxels: number }[],
      refineRotations: boolean,
      onProgress: ProgressCallback,
    ): Promise<ClassAverageSurface[]> {
      return jobs.run(jobId, async (signal) => {
        const surfaces = await classAverageSurfaces(volume, picks, classes, { refineRotations, signal, onProgress });
        const buffers = surfaces.flatMap(({ mesh }) => [mesh.positions.buffer, mesh.normals.buffer, mesh.indices.buffer] as ArrayBuffer[]);
        return Comlink.transfer(surfaces, buffers);
      });
    },
  };
}

export type MeshEngine = ReturnType<typeof createMeshEngine>;
