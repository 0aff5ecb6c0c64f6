/** Page-side handle on the inference engine. */
import { spawnEngine, type Engine } from './rpc/spawn.ts';
import type { InferEngine } from './infer.worker.ts';
import type { BackendChoice } from '../src/core/backend-order.ts';
import { backendOrderFromQuery } from '../src/core/backend-override.ts';

let engine: Engine<InferEngine> | undefined;

function inferEngine(): Engine<InferEngine> {
  engine ??= spawnEngine<InferEngine>(new Worker(new URL('./infer.worker.ts', import.meta.url), { type: 'module' }), 'infer');
  return engine;
}

/** The page's `?backend=NAME` forces that backend (e2e tests use it); an unknown name rejects. */
export async function probeBackend(): Promise<BackendChoice> {
  const order = backendOrderFromQuery(location.search);
  return inferEngine().job((api) => api.backend(order));
}
