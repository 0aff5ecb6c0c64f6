/// <reference lib="webworker" />
/**
 * Proposals engine: the A-LoG filtering (seconds to minutes) runs here; the page re-selects with a
 * new threshold or K in milliseconds from the returned field.
 */
import * as Comlink from 'comlink';
import { computeProposalField, type ProposalField, type ProposalOptions } from '../src/core/proposals/propose.ts';
import type { Volume } from '../src/core/volume/volume.ts';
import { JobRegistry, type ProgressCallback } from './rpc/jobs.ts';

const jobs = new JobRegistry();

const proposalsEngine = {
  cancel: (jobId: string) => jobs.cancel(jobId),

  computeField(jobId: string, volume: Volume, options: Omit<ProposalOptions, 'bank'>, onProgress: ProgressCallback): Promise<ProposalField> {
    return jobs.run(jobId, async (signal) => {
      const field = await computeProposalField(volume, options, { signal, onProgress: (f, stage) => onProgress(f, stage) });
      const transfers: ArrayBuffer[] = [field.maximaScores.buffer as ArrayBuffer];
      if (field.mask) transfers.push(field.mask.buffer as ArrayBuffer);
      return Comlink.transfer(field, transfers);
    });
  },
};

export type ProposalsEngine = typeof proposalsEngine;
Comlink.expose(proposalsEngine);
