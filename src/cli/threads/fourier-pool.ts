/**
 * The CPU Fourier bank's worker pool in Node (CLI, bench): worker_threads over SharedArrayBuffers.
 * The workers run TypeScript through tsx, registered in each worker before its module is loaded
 * (a Worker does not inherit the parent's loader). They are unref'd: an idle pool never keeps the
 * process alive, and `dispose()` ends them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { MAX_FOURIER_THREADS, type FourierPassTask, type FourierPool } from '../../core/proposals/fourier-pass.ts';
import { TaskPool, type PoolWorker, type TaskReply, type TaskRequest } from '../../core/parallel/task-pool.ts';

/** The default thread count: the machine's cores, at most MAX_FOURIER_THREADS. */
export function defaultFourierThreads(): number {
  return Math.min(MAX_FOURIER_THREADS, availableParallelism());
}

/** A pool of `threads` workers, or null for one thread (the bank then runs on the caller's). */
export function openNodeFourierPool(threads = defaultFourierThreads()): FourierPool | null {
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`threads must be a positive integer, got ${threads}`);
  if (threads === 1) return null;
  const tsx = tsxEsmApi();
  const entry = new URL('./fourier-pass.node-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`;
  return new TaskPool<FourierPassTask>(Array.from({ length: threads }, () => nodePoolWorker(new Worker(bootstrap, { eval: true }))));
}

/** tsx's ESM register API as a file URL (require.resolve would give its CommonJS twin). */
function tsxEsmApi(): string {
  const manifestPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(join(dirname(manifestPath), manifest.exports['./esm/api']!.import.default)).href;
}

function nodePoolWorker(worker: Worker): PoolWorker<FourierPassTask> {
  worker.unref();
  let terminated = false;
  return {
    postMessage: (request: TaskRequest<FourierPassTask>) => worker.postMessage(request),
    listen(onReply, onFailure) {
      worker.on('message', (reply: TaskReply) => onReply(reply));
      worker.on('error', (error) => onFailure(new Error(`A filter bank worker failed: ${error.message}`)));
      worker.on('messageerror', (error) => onFailure(new Error(`A filter bank worker could not read a message: ${error.message}`)));
      worker.on('exit', (code) => {
        if (!terminated) onFailure(new Error(`A filter bank worker exited (code ${code})`));
      });
    },
    terminate() {
      terminated = true;
      void worker.terminate();
    },
  };
}
