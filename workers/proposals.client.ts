/** Page-side handle on the proposals engine. */
import * as Comlink from 'comlink';
import { spawnEngine, type Engine } from './rpc/spawn.ts';
import type { JobOptions } from './io.client.ts';
import type { ProposalsEngine } from './proposals.worker.ts';
import type { ProposalField, ProposalOptions } from '../src/core/proposals/propose.ts';
import type { Volume } from '../src/core/volume/volume.ts';

let engine: Engine<ProposalsEngine> | undefined;

function proposalsEngine(): Engine<ProposalsEngine> {
  engine ??= spawnEngine<ProposalsEngine>(new Worker(new URL('./proposals.worker.ts', import.meta.url), { type: 'module' }), 'proposals');
  return engine;
}

/** The volume is copied to the worker (structured clone); the page keeps its own. A user mask is transferred (the caller gives it up). */
export function computeProposalField(volume: Volume, options: Omit<ProposalOptions, 'bank'>, jobOptions: JobOptions = {}): Promise<ProposalField> {
  const sent = options.userMask ? Comlink.transfer(options, [options.userMask.buffer as ArrayBuffer]) : options;
  return proposalsEngine().job((api, jobId, progress) => api.computeField(jobId, volume, sent, progress), jobOptions);
}
