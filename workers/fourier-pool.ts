/**
 * The CPU Fourier bank's worker pool in the browser, opened by the proposals engine: only where
 * memory can be shared (a cross-origin isolated page) and there is more than one core.
 */
import { TaskPool, type PoolWorker } from '../src/core/parallel/task-pool.ts';
import { MAX_FOURIER_THREADS, type FourierPassTask, type FourierPool } from '../src/core/proposals/fourier-pass.ts';

export function openBrowserFourierPool(): FourierPool | null {
  if (!globalThis.crossOriginIsolated || typeof SharedArrayBuffer === 'undefined') return null;
  const threads = Math.min(MAX_FOURIER_THREADS, navigator.hardwareConcurrency || 1);
  if (threads < 2) return null;
  return new TaskPool<FourierPassTask>(
    Array.from({ length: threads }, () => browserPoolWorker(new Worker(new URL('./fourier-pass.worker.ts', import.meta.url), { type: 'module' }))),
  );
}

function browserPoolWorker(worker: Worker): PoolWorker<FourierPassTask> {
  return {
    postMessage: (request) => worker.postMessage(request),
    listen(onReply, onFailure) {
      worker.addEventListener('message', (event) => onReply(event.data));
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        onFailure(new Error(`A filter bank thread stopped${event.message ? `: ${event.message}` : ''}`));
      });
      worker.addEventListener('messageerror', () => onFailure(new Error('A filter bank thread could not read a message')));
    },
    terminate: () => worker.terminate(),
  };
}
