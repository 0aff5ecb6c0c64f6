/// <reference lib="webworker" />
/**
 * The training/prediction engine's worker (see train.engine.ts). It owns its tfjs backend: chosen
 * once (webgpu → webgl → wasm → cpu, or the page's forced `?backend=`, passed in by the client).
 */
import * as Comlink from 'comlink';
import { selectBrowserBackend } from '../src/gpu/browser/select-browser-backend.ts';
import type { BackendChoice, BackendName } from '../src/core/backend-order.ts';
import { createTrainEngine } from './train.engine.ts';

let order: BackendName[] | undefined;
let choice: Promise<BackendChoice> | undefined;

const engine = createTrainEngine(async () => {
  choice ??= selectBrowserBackend(order);
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
