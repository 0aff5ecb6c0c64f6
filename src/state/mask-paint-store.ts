/**
 * Session-only settings of the exclusion-mask brush and overlays (the strokes themselves are
 * records of the picks document, undoable and saved), and the automatic mask of each tomogram's
 * last proposals run, for the overlay.
 */
import { create } from 'zustand';
import type { MaskShape } from '../core/mask/stroke.ts';

/** A voxel keep-mask (1 = keep) with the grid it belongs to. */
export interface ShapedMask {
  shape: MaskShape;
  mask: Uint8Array;
}

export const DEFAULT_BRUSH_RADIUS_NM = 15;

interface MaskPaintState {
  /** While on, a drag on a slice view paints instead of picking. */
  painting: boolean;
  /** The brush puts voxels back instead of excluding them. */
  eraser: boolean;
  radiusNm: number;
  showPainted: boolean;
  showAuto: boolean;
  /** Overlay opacity in [0, 1]. */
  opacity: number;
  /** Mask used by the last proposals run, by tomogram id. */
  autoMasks: Readonly<Record<string, ShapedMask>>;
  setPainting(on: boolean): void;
  setEraser(on: boolean): void;
  setRadiusNm(nm: number): void;
  setShowPainted(on: boolean): void;
  setShowAuto(on: boolean): void;
  setOpacity(opacity: number): void;
  setAutoMask(tomogramId: string, mask: ShapedMask | undefined): void;
}

export const useMaskPaintStore = create<MaskPaintState>()((set) => ({
  painting: false,
  eraser: false,
  radiusNm: DEFAULT_BRUSH_RADIUS_NM,
  showPainted: true,
  showAuto: true,
  opacity: 0.45,
  autoMasks: {},
  setPainting: (painting) => set({ painting }),
  setEraser: (eraser) => set({ eraser }),
  setRadiusNm: (nm) => set({ radiusNm: Number.isFinite(nm) && nm > 0 ? nm : DEFAULT_BRUSH_RADIUS_NM }),
  setShowPainted: (showPainted) => set({ showPainted }),
  setShowAuto: (showAuto) => set({ showAuto }),
  setOpacity: (opacity) => set({ opacity: Math.min(1, Math.max(0, opacity)) }),
  setAutoMask: (tomogramId, mask) =>
    set((s) => {
      const autoMasks = { ...s.autoMasks };
      if (mask) autoMasks[tomogramId] = mask;
      else delete autoMasks[tomogramId];
      return { autoMasks };
    }),
}));

/** Brush radius in voxels of a tomogram with `voxelSizeAngstrom` in the plane (Å → nm is × 10). */
export function brushRadiusVoxels(radiusNm: number, voxelSizeAngstrom: number): number {
  return (radiusNm * 10) / voxelSizeAngstrom;
}
