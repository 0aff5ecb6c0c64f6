/** Page-side handle on the filter engine. */
import { spawnEngine, type Engine } from './rpc/spawn.ts';
import type { JobOptions } from './io.client.ts';
import type { FilterEngine } from './filter.worker.ts';
import type { Volume } from '../src/core/volume/volume.ts';

let engine: Engine<FilterEngine> | undefined;

function filterEngine(): Engine<FilterEngine> {
  engine ??= spawnEngine<FilterEngine>(new Worker(new URL('./filter.worker.ts', import.meta.url), { type: 'module' }), 'filter');
  return engine;
}

export function lowPassInWorker(volume: Volume, sigmaAngstrom: number, options: JobOptions = {}): Promise<Volume> {
  return filterEngine().job((api, jobId, progress) => api.lowPass(jobId, volume, sigmaAngstrom, progress), options);
}
