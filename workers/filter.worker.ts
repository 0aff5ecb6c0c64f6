/// <reference lib="webworker" />
/** Filter engine: display low-pass of a tomogram, off the main thread. */
import * as Comlink from 'comlink';
import { lowPassVolume } from '../src/core/volume/low-pass.ts';
import type { Volume } from '../src/core/volume/volume.ts';
import { JobRegistry, type ProgressCallback } from './rpc/jobs.ts';

const jobs = new JobRegistry();

const filterEngine = {
  cancel: (jobId: string) => jobs.cancel(jobId),

  lowPass(jobId: string, volume: Volume, sigmaAngstrom: number, onProgress: ProgressCallback): Promise<Volume> {
    return jobs.run(jobId, async (signal) => {
      const out = await lowPassVolume(volume, sigmaAngstrom, { signal, onProgress: (f) => onProgress(f, 'low-pass') });
      return Comlink.transfer(out, [out.data.buffer as ArrayBuffer]);
    });
  },
};

export type FilterEngine = typeof filterEngine;
Comlink.expose(filterEngine);
