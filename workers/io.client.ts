/** Page-side handle on the I/O engine (one worker, created lazily). */
import { spawnEngine, type Engine } from './rpc/spawn.ts';
import type { ProgressCallback } from './rpc/jobs.ts';
import type { IoEngine } from './io.worker.ts';
import type { OpenedTomogram } from './io.types.ts';

let engine: Engine<IoEngine> | undefined;

function ioEngine(): Engine<IoEngine> {
  engine ??= spawnEngine<IoEngine>(new Worker(new URL('./io.worker.ts', import.meta.url), { type: 'module' }), 'io');
  return engine;
}

export interface JobOptions {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

export function openTomogramFile(file: Blob, name: string, bin: 1 | 2 | 4, options: JobOptions = {}): Promise<OpenedTomogram> {
  return ioEngine().job((api, jobId, progress) => api.openTomogram(jobId, file, name, bin, progress), options);
}

export function generateDemoTomogram(options: JobOptions = {}): Promise<OpenedTomogram> {
  return ioEngine().job((api, jobId, progress) => api.simulateDemo(jobId, progress), options);
}
