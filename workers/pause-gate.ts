/**
 * Pause/resume for a running job: the job awaits `wait()` between steps; `pause()` makes that
 * promise hang until `resume()`. An aborted signal ends the wait at once, so a paused job can be
 * cancelled.
 */
export class PauseGate {
  private release: (() => void) | null = null;
  private gate: Promise<void> | null = null;

  get paused(): boolean {
    return this.gate !== null;
  }

  pause(): void {
    if (this.gate) return;
    this.gate = new Promise<void>((resolve) => (this.release = resolve));
  }

  resume(): void {
    const release = this.release;
    this.gate = null;
    this.release = null;
    release?.();
  }

  async wait(signal?: AbortSignal): Promise<void> {
    if (!this.gate) return;
    signal?.throwIfAborted();
    if (!signal) return this.gate;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([this.gate, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort!);
    }
  }
}
