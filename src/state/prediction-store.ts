/**
 * The last prediction's class probability maps per tomogram, and how the views show them (slice
 * overlay + 3D isosurfaces). Memory only: a map is uint8 (one byte per voxel per class), cheap to
 * recompute with "Predict picks", and not worth a second copy of the tomogram in IndexedDB.
 */
import { create } from 'zustand';

/** Uint8 probability maps on a tomogram's grid: maps[k][x + nx·(y + ny·z)] = round(255·p(classIds[k])). */
export interface ProbabilityMaps {
  nx: number;
  ny: number;
  nz: number;
  classIds: number[];
  maps: Uint8Array[];
  /** The model that made them (shown next to the overlay controls). */
  modelName: string;
}

export interface OverlaySettings {
  visible: boolean;
  /** Alpha of a voxel at p = 1; a voxel at probability p ≥ threshold is drawn with alpha opacity·p. */
  opacity: number;
  /** Probabilities below this are not drawn; also the 3D isosurface level. */
  threshold: number;
}

export const DEFAULT_OVERLAY: Readonly<OverlaySettings> = Object.freeze({ visible: true, opacity: 0.6, threshold: 0.5 });

interface PredictionState {
  byTomogram: Readonly<Record<string, ProbabilityMaps>>;
  overlay: OverlaySettings;
  setMaps(tomogramId: string, maps: ProbabilityMaps): void;
  clearMaps(tomogramId: string): void;
  setOverlay(change: Partial<OverlaySettings>): void;
}

/** Checks the maps against their grid; a mismatch would draw garbage, so it is an error. */
export function validateProbabilityMaps(m: ProbabilityMaps): void {
  const voxels = m.nx * m.ny * m.nz;
  if (m.maps.length !== m.classIds.length) throw new Error(`${m.maps.length} probability maps for ${m.classIds.length} classes`);
  m.maps.forEach((map, k) => {
    if (map.length !== voxels) throw new Error(`probability map of class ${m.classIds[k]} has ${map.length} voxels, the grid ${m.nx}×${m.ny}×${m.nz} has ${voxels}`);
  });
}

const unit = (v: number, name: string): number => {
  if (!(v >= 0 && v <= 1)) throw new RangeError(`overlay ${name} must lie in [0, 1], got ${v}`);
  return v;
};

export const usePredictionStore = create<PredictionState>()((set) => ({
  byTomogram: {},
  overlay: { ...DEFAULT_OVERLAY },
  setMaps(tomogramId, maps) {
    validateProbabilityMaps(maps);
    set((s) => ({ byTomogram: { ...s.byTomogram, [tomogramId]: maps } }));
  },
  clearMaps(tomogramId) {
    set((s) => {
      const { [tomogramId]: _dropped, ...rest } = s.byTomogram;
      return { byTomogram: rest };
    });
  },
  setOverlay(change) {
    set((s) => ({
      overlay: {
        visible: change.visible ?? s.overlay.visible,
        opacity: change.opacity === undefined ? s.overlay.opacity : unit(change.opacity, 'opacity'),
        threshold: change.threshold === undefined ? s.overlay.threshold : unit(change.threshold, 'threshold'),
      },
    }));
  },
}));
