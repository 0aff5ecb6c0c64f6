/**
 * A fixed set of workers running short tasks over shared memory: `run(tasks)` hands each task to
 * the next idle worker and resolves when all are done. The tasks' arrays live in
 * SharedArrayBuffers, so a message carries only views and numbers, and a task's result is what it
 * wrote. Transport-agnostic: a Web Worker and a Node worker_threads Worker are adapted to
 * `PoolWorker` by their owners (workers/, src/cli/), and `serveTasks` is the other end.
 *
 * A worker that dies (killed, out of memory, failed to load) breaks the pool: every pending and
 * later run rejects with that error, so the caller can redo its work on the main thread.
 */

export interface TaskRequest<T> {
  id: number;
  task: T;
}

export interface TaskReply {
  id: number;
  /** The task's exception message; absent when it succeeded. */
  error?: string;
}

/** The pool's view of one worker. */
export interface PoolWorker<T> {
  postMessage(request: TaskRequest<T>): void;
  /** Replies to requests; `onFailure` when the worker itself fails (after which it is not used again). */
  listen(onReply: (reply: TaskReply) => void, onFailure: (error: Error) => void): void;
  terminate(): void;
}

interface Job {
  left: number;
  failed: boolean;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class TaskPool<T> {
  private readonly idle: PoolWorker<T>[];
  private readonly queue: { task: T; job: Job }[] = [];
  private readonly inFlight = new Map<number, { worker: PoolWorker<T>; job: Job }>();
  private nextId = 1;
  private broken: Error | null = null;

  constructor(private readonly workers: readonly PoolWorker<T>[]) {
    if (workers.length === 0) throw new Error('A task pool needs at least one worker.');
    this.idle = [...workers];
    for (const worker of workers) {
      worker.listen(
        (reply) => this.settle(worker, reply),
        (error) => this.breakDown(error),
      );
    }
  }

  get size(): number {
    return this.workers.length;
  }

  /** True once a worker has died or the pool was disposed: every run rejects from then on. */
  get failed(): boolean {
    return this.broken !== null;
  }

  /**
   * Runs every task (in any order, in parallel); rejects on the first failure, or when `signal`
   * aborts (then at once: a thread that died without a word, which browsers allow, cannot hold a
   * cancel up; tasks already running finish on their own, their results unused).
   */
  run(tasks: readonly T[], signal?: AbortSignal): Promise<void> {
    if (this.broken) return Promise.reject(this.broken);
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (tasks.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onAbort = () => fail(job, abortReason(signal!));
      const job: Job = {
        left: tasks.length,
        failed: false,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        reject: (error) => {
          signal?.removeEventListener('abort', onAbort);
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      for (const task of tasks) this.queue.push({ task, job });
      this.pump();
    });
  }

  /** Terminates the workers; pending runs reject. */
  dispose(): void {
    this.breakDown(new Error('The task pool was disposed.'));
  }

  private pump(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const { task, job } = this.queue.shift()!;
      if (job.failed) continue;
      const worker = this.idle.pop()!;
      const id = this.nextId++;
      this.inFlight.set(id, { worker, job });
      worker.postMessage({ id, task });
    }
  }

  private settle(worker: PoolWorker<T>, reply: TaskReply): void {
    const entry = this.inFlight.get(reply.id);
    if (!entry || this.broken) return;
    this.inFlight.delete(reply.id);
    this.idle.push(worker);
    const { job } = entry;
    if (reply.error !== undefined) fail(job, new Error(reply.error));
    else if (--job.left === 0 && !job.failed) job.resolve();
    this.pump();
  }

  private breakDown(error: Error): void {
    if (this.broken) return;
    this.broken = error;
    for (const { job } of this.inFlight.values()) fail(job, error);
    for (const { job } of this.queue) fail(job, error);
    this.inFlight.clear();
    this.queue.length = 0;
    for (const worker of this.workers) worker.terminate();
  }
}

function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted.', 'AbortError');
}

function fail(job: Job, error: Error): void {
  if (job.failed) return;
  job.failed = true;
  job.reject(error);
}

/** The worker's end: answers each request once its task has run. */
export function serveTasks<T>(
  port: { onRequest: (handler: (request: TaskRequest<T>) => void) => void; reply: (reply: TaskReply) => void },
  runTask: (task: T) => void,
): void {
  port.onRequest(({ id, task }) => {
    try {
      runTask(task);
      port.reply({ id });
    } catch (error) {
      port.reply({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

/** Shared memory for a pool's tasks when a pool is used, plain memory otherwise. */
export function float32Array(length: number, shared: boolean): Float32Array {
  return shared ? new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT)) : new Float32Array(length);
}
