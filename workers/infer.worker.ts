/// <reference lib="webworker" />
/**
 * Inference engine. For now it owns the tfjs backend choice (webgpu → webgl → wasm → cpu) so the page
 * can show which one this machine gets; prediction lands here with the U-Net issue.
 */
import * as Comlink from 'comlink';
import { selectBackend } from '../src/gpu/select-backend.ts';
import type { BackendChoice } from '../src/core/backend-order.ts';
import { JobRegistry } from './rpc/jobs.ts';

const jobs = new JobRegistry();
let choice: Promise<BackendChoice> | undefined;

const inferEngine = {
  cancel: (jobId: string) => jobs.cancel(jobId),
  /** Idempotent: the backend is chosen once per worker. */
  backend(): Promise<BackendChoice> {
    choice ??= selectBackend();
    return choice;
  },
};

export type InferEngine = typeof inferEngine;
Comlink.expose(inferEngine);
