/**
 * Cancellation across the worker boundary. comlink cannot move an AbortSignal, so each long call
 * carries a job id and the page calls `cancel(id)`; the worker owns the AbortController. The worker
 * handles the cancel message between the awaits of the running job (chunked reads, per-patch syncs).
 */
export interface CancellableEngine {
  cancel(jobId: string): void;
}

export type ProgressCallback = (fraction: number, stage?: string) => void;

export class JobRegistry implements CancellableEngine {
  private readonly controllers = new Map<string, AbortController>();

  /** Runs `work` with an AbortSignal that `cancel(jobId)` trips. */
  async run<T>(jobId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.controllers.set(jobId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.controllers.delete(jobId);
    }
  }

  cancel(jobId: string): void {
    this.controllers.get(jobId)?.abort(new DOMException('Cancelled by the user', 'AbortError'));
  }
}

export function isAbortError(err: unknown): boolean {
  return err instanceof Error && err.name === 'AbortError';
}
