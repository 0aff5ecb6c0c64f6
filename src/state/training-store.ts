/**
 * The studio's U-Net training run and current model, as plain data for the training panel: phase,
 * step/ETA, loss and validation-F1 curves, the resumable checkpoint, and the model in hand (its two
 * files). Lives outside the panel so a run keeps reporting while the user switches tomograms.
 */
import { create } from 'zustand';
import type { StoredMetaState } from './persistence/model-db.ts';

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

/** What a meta-learning step reported (trainer.ts MetaStepSummary), for the dashboard's charts. */
export interface MetaPoint {
  step: number;
  /** Upper-level (clean validation) loss; null on steps without a meta update. */
  validationLoss: number | null;
  meanAlpha: number | null;
  /** Mean data weight of the patches around each class (0 = background), 1 = uniform. */
  weightByClass: Record<number, number> | null;
}

/** The model in hand: trained here, loaded from IndexedDB or imported (model.json text + weights). */
export interface CurrentModel {
  name: string;
  json: string;
  weights: ArrayBuffer;
  /** One line: classes, size, steps. */
  description: string;
  /** Label-correction and reweighting weights of an lc-only / robpicker run (the correction review runs them). */
  metaState?: StoredMetaState;
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
  /** Meta modes only: one point per step. */
  meta: MetaPoint[];
  secondsPerStep: number | undefined;
  error: string | undefined;
  checkpoint: CheckpointInfo | undefined;
  model: CurrentModel | undefined;
  /** Work before the first step (aligning validation picks); cleared when the steps start. */
  preparation: { stage: string; fraction: number } | undefined;
  preparing(preparation: { stage: string; fraction: number }): void;
  /** A run starts (or resumes at `startStep`, keeping the curves up to it). */
  started(info: { backend: string; network: string; startStep: number; steps: number; history?: LossPoint[] }): void;
  stepped(point: LossPoint, steps: number, etaSeconds: number, extra?: { secondsPerStep?: number; meta?: MetaPoint }): void;
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
  meta: [],
  secondsPerStep: undefined,
  error: undefined,
  checkpoint: undefined,
  model: undefined,
  preparation: undefined,
  preparing(preparation) {
    set({ preparation });
  },
  started({ backend, network, startStep, steps, history }) {
    set((s) => ({
      phase: 'running',
      preparation: undefined,
      backend,
      network,
      startStep,
      step: startStep,
      steps,
      etaSeconds: undefined,
      secondsPerStep: undefined,
      error: undefined,
      losses: startStep > 0 ? (history ?? s.losses).filter((p) => p.step <= startStep) : [],
      validation: startStep > 0 ? s.validation.filter((v) => v.step <= startStep) : [],
      // A checkpoint keeps the losses only: a resumed run's meta charts start at its first step.
      meta: startStep > 0 ? s.meta.filter((m) => m.step <= startStep) : [],
    }));
  },
  stepped(point, steps, etaSeconds, extra = {}) {
    set((s) => ({
      step: point.step,
      steps,
      etaSeconds,
      losses: [...s.losses, point],
      ...(extra.secondsPerStep !== undefined ? { secondsPerStep: extra.secondsPerStep } : {}),
      ...(extra.meta ? { meta: [...s.meta, extra.meta] } : {}),
    }));
  },
  validated(point) {
    set((s) => ({ validation: [...s.validation, point] }));
  },
  setPhase(phase, error) {
    // A run that ends (or fails) before its first step leaves no preparation behind.
    set(phase === 'running' || phase === 'paused' ? { phase, error } : { phase, error, preparation: undefined });
  },
  setCheckpoint(checkpoint) {
    set({ checkpoint });
  },
  setModel(model) {
    set({ model });
  },
}));
