import { describe, expect, it } from 'vitest';
import { spawnEngine } from './spawn.ts';

/** A worker that takes messages and never answers (a hung or killed one), as far as comlink can tell. */
class SilentWorker extends EventTarget {
  terminated = 0;
  postMessage(): void {}
  terminate(): void {
    this.terminated++;
  }
  /** Fires the event a crashed worker's page-side object gets. */
  crash(message: string): void {
    const event = new Event('error', { cancelable: true }) as Event & { message: string };
    event.message = message;
    this.dispatchEvent(event);
  }
}

interface EchoEngine {
  cancel(jobId: string): void;
  echo(jobId: string): Promise<string>;
}

describe('spawnEngine', () => {
  it('rejects pending jobs when the worker is terminated, with the reason given, and terminates once', async () => {
    const worker = new SilentWorker();
    const engine = spawnEngine<EchoEngine>(worker as unknown as Worker, 'echo');
    const pending = engine.job((api, jobId) => api.echo(jobId));
    engine.terminate('killed by a test');
    await expect(pending).rejects.toThrow('killed by a test');
    engine.terminate();
    expect(worker.terminated).toBe(1);
  });

  it('rejects pending jobs when the worker crashes', async () => {
    const worker = new SilentWorker();
    const engine = spawnEngine<EchoEngine>(worker as unknown as Worker, 'echo');
    const pending = engine.job((api, jobId) => api.echo(jobId));
    worker.crash('Uncaught Error: GPU device lost');
    await expect(pending).rejects.toThrow('The echo worker stopped unexpectedly: Uncaught Error: GPU device lost');
    engine.terminate();
  });
});
