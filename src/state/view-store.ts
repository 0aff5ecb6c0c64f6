import { create } from 'zustand';
import type { BackendChoice } from '../core/backend-order.ts';

export type SliceAxis = 'xy' | 'xz' | 'yz';

/** Display settings; slice positions are voxel indices of the active tomogram. */
interface ViewState {
  position: { x: number; y: number; z: number };
  contrast: { low: number; high: number; invert: boolean } | undefined;
  slabThickness: number;
  backend: BackendChoice | undefined;
  backendError: string | undefined;
  setPosition(p: Partial<ViewState['position']>): void;
  setContrast(c: ViewState['contrast']): void;
  setSlabThickness(n: number): void;
  setBackend(choice: BackendChoice | undefined, error?: string): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  position: { x: 0, y: 0, z: 0 },
  contrast: undefined,
  slabThickness: 1,
  backend: undefined,
  backendError: undefined,
  setPosition(p) {
    set((s) => ({ position: { ...s.position, ...p } }));
  },
  setContrast(contrast) {
    set({ contrast });
  },
  setSlabThickness(n) {
    set({ slabThickness: Math.max(1, Math.round(n)) });
  },
  setBackend(backend, backendError) {
    set({ backend, backendError });
  },
}));
