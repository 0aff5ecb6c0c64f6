/**
 * The studio's U-Net training run and current model, as plain data for the training panel: phase,
 * step/ETA, loss and validation-F1 curves, the resumable checkpoint, and the model in hand (its two
 * files). Lives outside the panel so a run keeps reporting while the user switches tomograms.
 */
import { create } from 'zustand';

export type TrainingPhase = 'idle' | 'running' | 'paused' | 'finished' | 'cancelled' | 'failed';

export interface LossPoint {
  step: number;
  loss: number;
  smoothed: number;
}

export interface ValidationPoint {
  step: number;
  loss: number | null;
  /** F1 per class (NaN when the class had no truth and no prediction). */
  f1: { classId: number; f1: number }[];
}

/** The model in hand: trained here, loaded from IndexedDB or imported (model.json text + weights). */
export interface CurrentModel {
  name: string;
  json: string;
  weights: ArrayBuffer;
  /** One line: classes, size, steps. */
  description: string;
}

export interface CheckpointInfo {
  step: number;
  steps: number;
  savedAt: string;
}

interface TrainingState {
  phase: TrainingPhase;
  /** Step the current run started at: 0, or the checkpoint's step when it resumed. */
  startStep: number;
  step: number;
  steps: number;
  etaSeconds: number | undefined;
  backend: string | undefined;
  network: string | undefined;
  losses: LossPoint[];
  validation: ValidationPoint[];
  error: string | undefined;
  checkpoint: CheckpointInfo | undefined;
  model: CurrentModel | undefined;
  /** A run starts (or resumes at `startStep`, keeping the curves up to it). */
  started(info: { backend: string; network: string; startStep: number; steps: number; history?: LossPoint[] }): void;
  stepped(point: LossPoint, steps: number, etaSeconds: number): void;
  validated(point: ValidationPoint): void;
  setPhase(phase: TrainingPhase, error?: string): void;
  setCheckpoint(checkpoint: CheckpointInfo | undefined): void;
  setModel(model: CurrentModel | undefined): void;
}

export const useTrainingStore = create<TrainingState>()((set) => ({
  phase: 'idle',
  startStep: 0,
  step: 0,
  steps: 0,
  etaSeconds: undefined,
  backend: undefined,
  network: undefined,
  losses: [],
  validation: [],
  error: undefined,
  checkpoint: undefined,
  model: undefined,
  started({ backend, network, startStep, steps, history }) {
    set((s) => ({
      phase: 'running',
      backend,
      network,
      startStep,
      step: startStep,
      steps,
      etaSeconds: undefined,
      error: undefined,
      losses: startStep > 0 ? (history ?? s.losses).filter((p) => p.step <= startStep) : [],
      validation: startStep > 0 ? s.validation.filter((v) => v.step <= startStep) : [],
    }));
  },
  stepped(point, steps, etaSeconds) {
    set((s) => ({ step: point.step, steps, etaSeconds, losses: [...s.losses, point] }));
  },
  validated(point) {
    set((s) => ({ validation: [...s.validation, point] }));
  },
  setPhase(phase, error) {
    set({ phase, error });
  },
  setCheckpoint(checkpoint) {
    set({ checkpoint });
  },
  setModel(model) {
    set({ model });
  },
}));
