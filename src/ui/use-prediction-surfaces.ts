/**
 * The 3D view's prediction layer: while the probability overlay is on, each class's probability
 * map of the last prediction on this tomogram is surfaced at the overlay threshold (mesh worker,
 * marching cubes on the uint8 map at 255·threshold), in the class colour. Off, or without a
 * prediction, the layer is empty.
 */
import { useEffect } from 'react';
import type { Scene3D } from '../render/scene3d/scene3d.ts';
import { useJobsStore } from '../state/jobs-store.ts';
import { usePredictionStore } from '../state/prediction-store.ts';
import { useProjectStore } from '../state/project-store.ts';
import { computeSurfaces } from './actions/compute-surfaces.ts';

/** Waits after the last threshold change before meshing (a slider drag sends dozens). */
const DEBOUNCE_MS = 200;

export function usePredictionSurfaces(scene: Scene3D | undefined, tomogramId: string): void {
  const maps = usePredictionStore((s) => s.byTomogram[tomogramId]);
  const visible = usePredictionStore((s) => s.overlay.visible);
  const threshold = usePredictionStore((s) => s.overlay.threshold);
  const classes = useProjectStore((s) => s.classes);

  useEffect(() => {
    if (!scene) return;
    if (!maps || !visible) {
      scene.predictions.clear();
      scene.requestRender();
      return;
    }
    const controller = new AbortController();
    const colorOf = (id: number) => classes.find((c) => c.id === id)?.color ?? '#c8c8c8';
    const timer = setTimeout(() => {
      computeSurfaces(
        { kind: 'class-probabilities', dims: [maps.nx, maps.ny, maps.nz], maps: maps.maps.map((data, k) => ({ data, color: colorOf(maps.classIds[k]!) })), level: threshold },
        controller.signal,
      ).then(
        (parts) => {
          scene.predictions.set(parts);
          scene.requestRender();
        },
        (err: Error) => {
          if (err.name !== 'AbortError') useJobsStore.getState().notify('error', `Probability surfaces failed: ${err.message}`);
        },
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [scene, maps, visible, threshold, classes]);
}
