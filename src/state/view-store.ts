import { create } from 'zustand';
import type { BackendChoice } from '../core/backend-order.ts';

export type SliceAxis = 'xy' | 'xz' | 'yz';

/** Display settings; slice positions are voxel indices of the active tomogram. */
interface ViewState {
  position: { x: number; y: number; z: number };
  contrast: { low: number; high: number; invert: boolean } | undefined;
  slabThickness: number;
  /** The slice view shown large. */
  mainAxis: SliceAxis;
  /** Display low-pass σ in Å; 0 shows the raw tomogram. */
  lowPassAngstrom: number;
  backend: BackendChoice | undefined;
  backendError: string | undefined;
  /** The pick shown as selected in every view (2D and 3D). */
  selectedPickId: string | undefined;
  /** Class given to new picks. */
  activeClassId: number;
  setPosition(p: Partial<ViewState['position']>): void;
  setContrast(c: ViewState['contrast']): void;
  setSlabThickness(n: number): void;
  setLowPass(sigmaAngstrom: number): void;
  setMainAxis(axis: SliceAxis): void;
  setBackend(choice: BackendChoice | undefined, error?: string): void;
  selectPick(id: string | undefined): void;
  setActiveClass(id: number): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  position: { x: 0, y: 0, z: 0 },
  contrast: undefined,
  slabThickness: 1,
  lowPassAngstrom: 0,
  mainAxis: 'xy',
  backend: undefined,
  backendError: undefined,
  selectedPickId: undefined,
  activeClassId: 1,
  setPosition(p) {
    set((s) => ({ position: { ...s.position, ...p } }));
  },
  setContrast(contrast) {
    set({ contrast });
  },
  setSlabThickness(n) {
    set({ slabThickness: Math.max(1, Math.round(n)) });
  },
  setMainAxis(mainAxis) {
    set({ mainAxis });
  },
  setLowPass(sigma) {
    set({ lowPassAngstrom: Number.isFinite(sigma) && sigma > 0 ? sigma : 0 });
  },
  setBackend(backend, backendError) {
    set({ backend, backendError });
  },
  selectPick(selectedPickId) {
    set({ selectedPickId });
  },
  setActiveClass(activeClassId) {
    set({ activeClassId });
  },
}));
