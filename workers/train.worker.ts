/// <reference lib="webworker" />
/**
 * The training/prediction engine's worker (see train.engine.ts). It owns its tfjs backend: chosen
 * once (webgpu → webgl → wasm → cpu, or the page's forced `?backend=`, passed in by the client).
 * A lost GPU device ends the worker as a crash does; the page resumes from the last checkpoint.
 */
import * as Comlink from 'comlink';
import { selectBrowserBackend } from '../src/gpu/browser/select-browser-backend.ts';
import type { BackendChoice, BackendName } from '../src/core/backend-order.ts';
import { watchDeviceLoss } from './device-loss.ts';
import { createTrainEngine } from './train.engine.ts';

let order: BackendName[] | undefined;
let choice: Promise<BackendChoice> | undefined;

const engine = createTrainEngine(async () => {
  choice ??= selectBrowserBackend(order).then((c) => {
    // Thrown outside any job, so it reaches the page as this worker's error event (see spawnEngine).
    watchDeviceLoss(c.active, (message) =>
      setTimeout(() => {
        throw new Error(message);
      }),
    );
    return c;
  });
  return (await choice).active;
});

const trainWorker = {
  ...engine,
  /** Call before the first job: a forced backend order (no effect once the backend is chosen). */
  setBackendOrder(forced: BackendName[] | undefined): void {
    order = forced;
  },
};

export type TrainWorkerApi = typeof trainWorker;
Comlink.expose(trainWorker);
