import { describe, expect, it } from 'vitest';
import { JobRegistry, isAbortError } from './jobs.ts';

describe('JobRegistry', () => {
  it('cancel(jobId) aborts the signal of that job only', async () => {
    const jobs = new JobRegistry();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: boolean[] = [];
    const a = jobs.run('a', async (signal) => {
      await gate;
      seen.push(signal.aborted);
      signal.throwIfAborted();
      return 'a';
    });
    const b = jobs.run('b', async (signal) => {
      await gate;
      return signal.aborted ? 'b-aborted' : 'b';
    });
    jobs.cancel('a');
    jobs.cancel('unknown'); // a stale id is harmless
    release();
    await expect(a).rejects.toSatisfy(isAbortError);
    await expect(b).resolves.toBe('b');
    expect(seen).toEqual([true]);
  });
});
