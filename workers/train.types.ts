/**
 * What crosses the training worker's boundary: requests, progress events and checkpoints. Plain
 * data (structured-cloneable); the big buffers travel as transfers. Shared by the engine and the
 * page-side client; the UI imports these types through workers/train.client.ts.
 */
import type { ClusterPick } from '../src/core/picks/clustering/clusters-to-picks.ts';
import type { ClusteringMethod } from '../src/core/picks/segmentation-picks.ts';
import type { Volume } from '../src/core/volume/volume.ts';
import type { BackendName } from '../src/core/backend-order.ts';
import type { LabelledTomogram } from '../src/ml/train/prepare.ts';
import { DEFAULT_TRAINING_SETTINGS, type TrainingCheckpoint, type TrainingClass, type TrainingRequest, type TrainingResult, type TrainingSettings } from '../src/ml/train/training-run.ts';
import type { StepReport } from '../src/ml/train/trainer.ts';
import type { ValidationScores } from '../src/ml/train/validation.ts';
import type { UNetConfig } from '../src/ml/unet/config.ts';
import type { Suggestion } from '../src/core/labels/correction-suggestions.ts';
import type { LabelPoint } from '../src/core/labels/sphere-labels.ts';
import type { PackedTensors } from '../src/ml/io/checkpoint-format.ts';
import type { SerializedModel } from '../src/ml/io/model-format.ts';

/** The Dice loss a checkpoint was trained with (a studio resume keeps it). */
export { checkpointLoss } from '../src/ml/io/checkpoint-format.ts';
export { defaultCrossEntropyWeight } from '../src/ml/train/training-run.ts';

export type { ClassScore, ValidationScores } from '../src/ml/train/validation.ts';
export type { StepReport } from '../src/ml/train/trainer.ts';
export type { ModelClass, ModelJson, SerializedModel } from '../src/ml/io/model-format.ts';
export type { UNetConfig, UNetPresetName } from '../src/ml/unet/config.ts';
export type { TrainingCheckpoint } from '../src/ml/train/training-run.ts';
export type { PackedTensors } from '../src/ml/io/checkpoint-format.ts';
export type { Suggestion } from '../src/core/labels/correction-suggestions.ts';

/** The part of a Volume the worker needs (no stats, no origin). */
export type VolumeData = Pick<Volume, 'nx' | 'ny' | 'nz' | 'dtype' | 'data'>;

export type TrainTomogram = LabelledTomogram;

/** Studio classes always carry a radius (the class manager requires one). */
export interface TrainClass extends TrainingClass {
  radiusAngstrom: number;
}

export type StudioTrainSettings = TrainingSettings;

/** The studio's defaults: fewer steps than the CLI, so a first run finishes while you watch. */
export const DEFAULT_STUDIO_TRAIN_SETTINGS: Readonly<StudioTrainSettings> = Object.freeze({ ...DEFAULT_TRAINING_SETTINGS, steps: 200 });

/** Everything a training run (or its resumption) needs; settings default to the studio's. */
export interface TrainRequest extends Omit<TrainingRequest, 'settings' | 'classes' | 'voxelSizeAngstrom'> {
  classes: TrainClass[];
  voxelSizeAngstrom: number;
  settings: Partial<StudioTrainSettings>;
}

export type TrainEvent =
  /** Before the first step: slow preparation (aligning validation picks), 0–1 within the stage. */
  | { kind: 'preparing'; stage: string; fraction: number }
  | { kind: 'started'; backend: BackendName; config: UNetConfig; startStep: number; steps: number }
  | { kind: 'step'; report: StepReport }
  | { kind: 'validation'; scores: ValidationScores }
  /** Awaited by the worker: the page stores it (IndexedDB) before training goes on. */
  | { kind: 'checkpoint'; checkpoint: TrainingCheckpoint };

export type TrainEventCallback = (event: TrainEvent) => void | Promise<void>;

export type TrainResult = TrainingResult;

export interface PredictOptions {
  overlap?: number;
  batchSize?: number;
  method?: ClusteringMethod;
  minSize?: number;
  /** Drop picks whose mean probability is below this (0–1) in every class; default: the model's calibrated per-class cuts, else 0. */
  minScore?: number;
  /** Drop clusters below this fraction of their class's sphere volume (default 0.1). */
  minVolumeFraction?: number;
  /** Clusters below this fraction touching another class join it as its fragments (default 0.5, 0 = off). */
  fragmentFraction?: number;
  /** Clusters with distance-map peaks this many class radii apart are split into that many particles (default 1.5, 0 = off). */
  splitSeparation?: number;
  /** Å per voxel of the tomogram (class radii are in Å); default: the model's training voxel size. */
  voxelSizeAngstrom?: number;
}

export interface PredictResult {
  picks: ClusterPick[];
  /** probabilities[c − 1] = round(255·p(class c)), x fastest: compact maps for overlays. */
  probabilities: Uint8Array[];
  backend: BackendName;
}

/** The correction review's input: a model with its label-correction weights, a tomogram, its picks. */
export interface SuggestFixesRequest {
  model: SerializedModel;
  /** TrainingResult.metaState of an lc-only / robpicker run. */
  metaState: PackedTensors;
  volume: VolumeData;
  /** The labels to review; a suggestion's pickIndex is a position in this list. */
  picks: LabelPoint[];
  /** Å per voxel of the tomogram (class radii are in Å). */
  voxelSizeAngstrom: number;
}

export interface SuggestFixesResult {
  /** Most confident first; every disagreement of at least 5 % of C's mass. */
  suggestions: Suggestion[];
  backend: BackendName;
}
