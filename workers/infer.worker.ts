/// <reference lib="webworker" />
/**
 * Inference engine. For now it owns the tfjs backend choice (webgpu → webgl → wasm → cpu) so the page
 * can show which one this machine gets; prediction lands here with the U-Net issue.
 */
import * as Comlink from 'comlink';
import { selectBrowserBackend } from '../src/gpu/browser/select-browser-backend.ts';
import type { BackendChoice, BackendName } from '../src/core/backend-order.ts';
import { JobRegistry } from './rpc/jobs.ts';

const jobs = new JobRegistry();
let choice: Promise<BackendChoice> | undefined;

const inferEngine = {
  cancel: (jobId: string) => jobs.cancel(jobId),
  /** Idempotent: the backend is chosen once per worker; `order` (a forced backend) counts on the first call. */
  backend(order?: BackendName[]): Promise<BackendChoice> {
    choice ??= selectBrowserBackend(order);
    return choice;
  },
};

export type InferEngine = typeof inferEngine;
Comlink.expose(inferEngine);
