/**
 * The one helper through which the page creates engines (DESIGN.md §5): wraps comlink, turns
 * AbortSignals into `cancel(jobId)` calls, proxies progress callbacks, and reports a crashed worker
 * as an error instead of a promise that never settles.
 */
import * as Comlink from 'comlink';
import type { CancellableEngine, ProgressCallback } from './jobs.ts';

export interface Engine<T extends CancellableEngine> {
  api: Comlink.Remote<T>;
  /** Runs one cancellable job; `call` receives the job id and a proxied progress callback. */
  job<R>(
    call: (api: Comlink.Remote<T>, jobId: string, progress: ProgressCallback) => Promise<R>,
    options?: { signal?: AbortSignal; onProgress?: ProgressCallback },
  ): Promise<R>;
  /** Stops the worker; jobs still pending reject with `reason` (default: "the … worker was stopped"). */
  terminate(reason?: string): void;
}

let jobCounter = 0;

export function spawnEngine<T extends CancellableEngine>(worker: Worker, label: string): Engine<T> {
  const api = Comlink.wrap<T>(worker);
  // A worker that dies (out of memory, killed) or is terminated rejects every pending job with a clear message.
  let stop: (error: Error) => void = () => undefined;
  const crashed = new Promise<never>((_, reject) => {
    stop = reject;
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      reject(new Error(`The ${label} worker stopped unexpectedly${event.message ? `: ${event.message}` : ''}`));
    });
  });
  crashed.catch(() => undefined);
  let terminated = false;

  return {
    api,
    async job(call, options = {}) {
      const jobId = `${label}-${++jobCounter}`;
      const { signal, onProgress } = options;
      signal?.throwIfAborted();
      const onAbort = () => void api.cancel(jobId);
      signal?.addEventListener('abort', onAbort, { once: true });
      const progress: ProgressCallback = (fraction, stage) => onProgress?.(fraction, stage);
      try {
        return await Promise.race([call(api, jobId, Comlink.proxy(progress)), crashed]);
      } finally {
        signal?.removeEventListener('abort', onAbort);
      }
    },
    terminate(reason) {
      if (terminated) return;
      terminated = true;
      // A terminated worker never answers: without this its pending jobs would wait forever.
      stop(new Error(reason ?? `The ${label} worker was stopped`));
      api[Comlink.releaseProxy]();
      worker.terminate();
    },
  };
}
