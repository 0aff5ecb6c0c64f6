/** Page-side handle on the inference engine. */
import { spawnEngine, type Engine } from './rpc/spawn.ts';
import type { InferEngine } from './infer.worker.ts';
import type { BackendChoice } from '../src/core/backend-order.ts';

let engine: Engine<InferEngine> | undefined;

function inferEngine(): Engine<InferEngine> {
  engine ??= spawnEngine<InferEngine>(new Worker(new URL('./infer.worker.ts', import.meta.url), { type: 'module' }), 'infer');
  return engine;
}

export function probeBackend(): Promise<BackendChoice> {
  return inferEngine().job((api) => api.backend());
}
