/**
 * Training/prediction engine (issue 5) behind workers/train.worker.ts: the same steps as
 * `tomopick train` / `tomopick predict` (src/cli/commands), over data the page sends. Kept apart
 * from the worker file so Vitest drives it in Node on the cpu backend. Every run disposes its model
 * and optimiser, so tensor memory stays flat across runs (asserted by the tests).
 */
import * as Comlink from 'comlink';
import type { BackendName } from '../src/core/backend-order.ts';
import { createYielder } from '../src/core/mesh/yield-control.ts';
import { pickingFromRadii, picksFromSegmentation } from '../src/core/picks/segmentation-picks.ts';
import { normaliseForNetwork } from '../src/core/training/normalise.ts';
import { predictVolume } from '../src/ml/infer/predict-volume.ts';
import { scoreCutOfClass, type SerializedModel } from '../src/ml/io/model-format.ts';
import { unetFromSerialized } from '../src/ml/io/unet-serialization.ts';
import { shapeOf } from '../src/ml/train/prepare.ts';
import { disposeUNet } from '../src/ml/unet/model.ts';
import { runTraining } from '../src/ml/train/training-run.ts';
import { unpackTensors } from '../src/ml/io/checkpoint-format.ts';
import { splitMetaState } from '../src/ml/meta/meta-state.ts';
import { suggestLabelFixes } from '../src/ml/meta/suggest-fixes.ts';
import { PauseGate } from './pause-gate.ts';
import { JobRegistry, type ProgressCallback } from './rpc/jobs.ts';
import {
  DEFAULT_STUDIO_TRAIN_SETTINGS,
  type PredictOptions,
  type PredictResult,
  type SuggestFixesRequest,
  type SuggestFixesResult,
  type TrainEventCallback,
  type TrainRequest,
  type TrainResult,
  type VolumeData,
} from './train.types.ts';

/** How often a running job hands the worker's event loop a turn (pause/cancel messages). */
const YIELD_EVERY_MS = 50;

export function createTrainEngine(ensureBackend: () => Promise<BackendName>) {
  const jobs = new JobRegistry();
  const gates = new Map<string, PauseGate>();

  async function train(request: TrainRequest, onEvent: TrainEventCallback, signal: AbortSignal, gate: PauseGate): Promise<TrainResult> {
    const backend = await ensureBackend();
    if (!(request.voxelSizeAngstrom > 0)) throw new Error(`the voxel size must be positive, got ${request.voxelSizeAngstrom} Å`);
    const settings = { ...DEFAULT_STUDIO_TRAIN_SETTINGS, ...request.settings };
    const yielder = createYielder(YIELD_EVERY_MS, signal);
    const result = await runTraining({ ...request, settings }, backend, {
      signal,
      onPreparing: (stage, fraction) => void onEvent({ kind: 'preparing', stage, fraction }),
      onStart: (info) => onEvent({ kind: 'started', backend, config: info.config, startStep: info.startStep, steps: info.steps }),
      // A step's read-back never yields on cpu/wasm: give the worker's message loop a turn so
      // pause and cancel messages get through.
      waitWhilePaused: async () => {
        await yielder();
        await gate.wait(signal);
      },
      onStep: (report) => void onEvent({ kind: 'step', report }),
      onValidation: (scores) => void onEvent({ kind: 'validation', scores }),
      onCheckpoint: async (checkpoint) => {
        await onEvent(Comlink.transfer({ kind: 'checkpoint', checkpoint }, [checkpoint.model.weights, checkpoint.optimizer.data]));
      },
    });
    return Comlink.transfer(result, [result.model.weights]);
  }

  async function predict(model: SerializedModel, volume: VolumeData, options: PredictOptions, onProgress: ProgressCallback, signal: AbortSignal): Promise<PredictResult> {
    const backend = await ensureBackend();
    const { minScore } = options;
    if (minScore !== undefined && !(minScore >= 0 && minScore <= 1)) throw new Error(`minimum score must lie in [0, 1], got ${minScore}`);
    const shape = shapeOf(volume);
    const source = normaliseForNetwork(volume);
    const network = unetFromSerialized(model.json, model.weights);
    let maps;
    try {
      maps = await predictVolume(network, source, shape, {
        ...(options.overlap !== undefined ? { overlap: options.overlap } : {}),
        ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
        signal,
        yielder: createYielder(YIELD_EVERY_MS, signal),
        onProgress: (done, total) => onProgress((0.95 * done) / total, `patch ${done}/${total}`),
      });
    } finally {
      disposeUNet(network);
    }
    // Fragments far smaller than their class's particle are dropped (radius from the model's classes).
    const voxel = options.voxelSizeAngstrom ?? model.json.provenance?.voxelSizeAngstrom ?? 0;
    const radiusVoxels = (id: number) => {
      const r = model.json.classes.find((c) => c.id === id)?.radiusAngstrom;
      return r && voxel > 0 ? r / voxel : undefined;
    };
    const cut = scoreCutOfClass(model.json.classes, minScore);
    const picks = picksFromSegmentation(maps, shape, pickingFromRadii(radiusVoxels, options)).filter((p) => p.score >= cut(p.classId));
    onProgress(1, 'clustering');
    const probabilities = [...maps.probabilities];
    return Comlink.transfer({ picks, probabilities, backend }, probabilities.map((p) => p.buffer as ArrayBuffer));
  }

  async function suggestFixes(request: SuggestFixesRequest, onProgress: ProgressCallback, signal: AbortSignal): Promise<SuggestFixesResult> {
    const backend = await ensureBackend();
    const { model, metaState, volume, picks, voxelSizeAngstrom } = request;
    if (!(voxelSizeAngstrom > 0)) throw new Error(`the voxel size must be positive, got ${voxelSizeAngstrom} Å`);
    const meta = splitMetaState(unpackTensors(metaState)).meta;
    if (!Object.keys(meta).some((name) => name.startsWith('lc.'))) throw new Error('this model has no label-correction network (train it in mode lc-only or robpicker)');
    const radiusVoxels = (id: number) => {
      const r = model.json.classes.find((c) => c.id === id)?.radiusAngstrom;
      return r ? r / voxelSizeAngstrom : undefined;
    };
    const suggestions = await suggestLabelFixes(model, meta, volume, picks, radiusVoxels, {
      signal,
      yielder: createYielder(YIELD_EVERY_MS, signal),
      onProgress: (done, total) => onProgress((0.95 * done) / total, `patch ${done}/${total}`),
    });
    onProgress(1, 'listing fixes');
    return { suggestions, backend };
  }

  return {
    cancel: (jobId: string) => jobs.cancel(jobId),
    /** The tfjs backend this engine computes on (chosen once). */
    backend: (): Promise<BackendName> => ensureBackend(),

    /** Trains (or resumes) a U-Net; events report steps, validation and checkpoints. Resolves with the model files. */
    train(jobId: string, request: TrainRequest, onEvent: TrainEventCallback): Promise<TrainResult> {
      const gate = new PauseGate();
      gates.set(jobId, gate);
      return jobs.run(jobId, (signal) => train(request, onEvent, signal, gate)).finally(() => gates.delete(jobId));
    },
    /** Holds a running training job between steps (no-op for an unknown or finished job). */
    pause: (jobId: string) => gates.get(jobId)?.pause(),
    resume: (jobId: string) => gates.get(jobId)?.resume(),

    /** Whole-tomogram prediction → picks (centroids, mean-probability scores) + uint8 probability maps. */
    predict(jobId: string, model: SerializedModel, volume: VolumeData, options: PredictOptions, onProgress: ProgressCallback): Promise<PredictResult> {
      return jobs.run(jobId, (signal) => predict(model, volume, options, onProgress, signal));
    },

    /** Label fixes from the label-correction network of an lc-only / robpicker model (the correction review). */
    suggestFixes(jobId: string, request: SuggestFixesRequest, onProgress: ProgressCallback): Promise<SuggestFixesResult> {
      return jobs.run(jobId, (signal) => suggestFixes(request, onProgress, signal));
    },
  };
}

export type TrainEngine = ReturnType<typeof createTrainEngine>;
