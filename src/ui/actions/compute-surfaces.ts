/**
 * Runs the 3D view's isosurface jobs in the mesh worker, with a progress bar (jobs store) that
 * can cancel them, and turns the meshes into coloured surface parts. A label map gives one
 * surface per class present in the project (its indicator at 0.5, coloured like the class);
 * uint8 class probability maps give one surface per class at 255·level.
 */
import type { ClassDef } from '../../core/picks/pick.ts';
import type { FieldSource } from '../../core/mesh/volume-isosurface.ts';
import type { Volume } from '../../core/volume/volume.ts';
import type { SurfacePart } from '../../render/scene3d/isosurface-layer.ts';
import { useJobsStore } from '../../state/jobs-store.ts';
import { computeIsosurface } from '../../../workers/mesh.client.ts';

/** The 3D view surfaces grids of at most 128³ voxels (bin 'auto'): fast to mesh and to draw. */
export const SURFACE_MAX_VOXELS = 128 ** 3;
export const TOMOGRAM_SURFACE_COLOR = '#c9b98c';

export type SurfaceBin = 'auto' | 1 | 2 | 4;

export type SurfaceRequest =
  | { kind: 'tomogram'; volume: Volume; sdLevel: number; dark: boolean; lowPassSigma: number; bin: SurfaceBin }
  | { kind: 'probability'; field: FieldSource; level: number; bin: SurfaceBin }
  | { kind: 'labels'; field: FieldSource; classes: readonly ClassDef[] }
  /** One uint8 map (round(255·p)) per class on a dims grid, each surfaced at 255·level in its colour. */
  | { kind: 'class-probabilities'; dims: [number, number, number]; maps: readonly { data: Uint8Array; color: string }[]; level: number };

export async function computeSurfaces(request: SurfaceRequest, signal: AbortSignal): Promise<SurfacePart[]> {
  const jobs = useJobsStore.getState();
  const controller = new AbortController();
  const abort = () => controller.abort(new DOMException('Cancelled', 'AbortError'));
  signal.addEventListener('abort', abort, { once: true });
  const jobId = jobs.startJob('3D surface', abort);
  const progress = (part: number, parts: number) => (fraction: number, stage?: string) =>
    useJobsStore.getState().updateJob(jobId, (part + fraction) / parts, stage);
  const job = (part = 0, parts = 1) => ({ signal: controller.signal, onProgress: progress(part, parts) });
  try {
    if (request.kind === 'tomogram') {
      const { volume, sdLevel, dark, lowPassSigma, bin } = request;
      const options = { bin, maxVoxels: SURFACE_MAX_VOXELS, lowPassSigma, levelInSd: true, invert: dark };
      const mesh = await computeIsosurface(volume, dark ? -sdLevel : sdLevel, options, job());
      return [{ mesh, color: TOMOGRAM_SURFACE_COLOR }];
    }
    if (request.kind === 'probability') {
      const mesh = await computeIsosurface(request.field, request.level, { bin: request.bin, maxVoxels: SURFACE_MAX_VOXELS }, job());
      return [{ mesh, color: TOMOGRAM_SURFACE_COLOR }];
    }
    const parts: SurfacePart[] = [];
    if (request.kind === 'class-probabilities') {
      const options = { bin: 'auto' as const, maxVoxels: SURFACE_MAX_VOXELS };
      for (const [i, map] of request.maps.entries()) {
        const field: FieldSource = { dims: request.dims, data: map.data, dtype: 'uint8' };
        parts.push({ mesh: await computeIsosurface(field, 255 * request.level, options, job(i, request.maps.length)), color: map.color });
      }
      return parts;
    }
    for (const [i, cls] of request.classes.entries()) {
      const options = { labelValue: cls.id, bin: 'auto' as const, maxVoxels: SURFACE_MAX_VOXELS };
      parts.push({ mesh: await computeIsosurface(request.field, 0.5, options, job(i, request.classes.length)), color: cls.color });
    }
    return parts;
  } finally {
    signal.removeEventListener('abort', abort);
    useJobsStore.getState().endJob(jobId);
  }
}

