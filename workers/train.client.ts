/**
 * Page-side handle on the training/prediction engine (one worker, created lazily). A worker that
 * dies (crash, out of memory, lost GPU device) or fails is replaced by a fresh one on the next job,
 * so the user can resume from the last checkpoint.
 */
import * as Comlink from 'comlink';
import { spawnEngine, type Engine } from './rpc/spawn.ts';
import { isAbortError, type ProgressCallback } from './rpc/jobs.ts';
import type { TrainWorkerApi } from './train.worker.ts';
import type { PredictOptions, PredictResult, SuggestFixesRequest, SuggestFixesResult, TrainEvent, TrainRequest, TrainResult, VolumeData } from './train.types.ts';
import type { SerializedModel } from '../src/ml/io/model-format.ts';
import { backendOrderFromQuery } from '../src/core/backend-override.ts';

export * from './train.types.ts';
export * from './model-files.ts';

let engine: Engine<TrainWorkerApi> | undefined;

function trainEngine(): Engine<TrainWorkerApi> {
  if (!engine) {
    engine = spawnEngine<TrainWorkerApi>(new Worker(new URL('./train.worker.ts', import.meta.url), { type: 'module' }), 'train');
    // The page's `?backend=NAME` forces that backend here too (e2e tests use it).
    void engine.api.setBackendOrder(backendOrderFromQuery(location.search));
  }
  return engine;
}

/** A failed worker may hold a broken backend (lost device): the next job gets a fresh one. */
function discardAfterFailure<T>(running: Engine<TrainWorkerApi>, job: Promise<T>): Promise<T> {
  return job.catch((err: unknown) => {
    if (!isAbortError(err) && engine === running) {
      running.terminate();
      engine = undefined;
    }
    throw err;
  });
}

/**
 * Stops the worker now, as a crash would: its running job rejects with `reason` and the next job
 * gets a fresh worker. The test hooks use it to check recovery from a dead worker.
 */
export function terminateTrainingWorker(reason = 'The train worker was terminated'): void {
  const running = engine;
  engine = undefined;
  running?.terminate(reason);
}

export interface TrainingHandle {
  done: Promise<TrainResult>;
  pause(): void;
  resume(): void;
}

/** Starts (or, with `request.resume`, continues) a training run. Cancel through `signal`. */
export function startTraining(request: TrainRequest, options: { signal: AbortSignal; onEvent: (event: TrainEvent) => void | Promise<void> }): TrainingHandle {
  const running = trainEngine();
  let jobId: string | undefined;
  const done = discardAfterFailure(
    running,
    running.job(
      (api, id) => {
        jobId = id;
        return api.train(id, request, Comlink.proxy(options.onEvent));
      },
      { signal: options.signal },
    ),
  );
  return {
    done,
    pause: () => void (jobId && running.api.pause(jobId)),
    resume: () => void (jobId && running.api.resume(jobId)),
  };
}

/** Picks (+ uint8 probability maps) of a whole tomogram. The model and volume are copied, not moved. */
export function predictPicks(
  model: SerializedModel,
  volume: VolumeData,
  options: PredictOptions,
  job: { signal?: AbortSignal; onProgress?: ProgressCallback } = {},
): Promise<PredictResult> {
  const running = trainEngine();
  return discardAfterFailure(
    running,
    running.job((api, jobId, progress) => api.predict(jobId, model, volume, options, progress), job),
  );
}

/** Label fixes from a model's label-correction network over one tomogram. The inputs are copied, not moved. */
export function suggestFixes(request: SuggestFixesRequest, job: { signal?: AbortSignal; onProgress?: ProgressCallback } = {}): Promise<SuggestFixesResult> {
  const running = trainEngine();
  return discardAfterFailure(
    running,
    running.job((api, jobId, progress) => api.suggestFixes(jobId, request, progress), job),
  );
}
