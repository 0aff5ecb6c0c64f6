/// <reference lib="webworker" />
/**
 * Proposals engine: the A-LoG filtering (seconds to minutes) runs here; the page re-selects with a
 * new threshold or K in milliseconds from the returned field.
 *
 * Filter bank: WebGPU when `navigator.gpu` yields a hardware adapter, else the CPU bank, its
 * transforms on a pool of threads where memory can be shared (fourier-pool.ts). Software
 * adapters (SwiftShader) are skipped unless asked for with backend 'webgpu': they compute the same
 * responses ~10× slower than the CPU bank. A GPU or thread failure mid-run (device lost, out of
 * memory, a killed thread) is logged once and the field recomputed on the CPU in this worker.
 * `field.bank` says which bank produced it.
 */
import * as Comlink from 'comlink';
import { computeProposalFieldWithFallback } from '../src/core/proposals/field-with-fallback.ts';
import type { ProposalField, ProposalOptions } from '../src/core/proposals/propose.ts';
import type { Volume } from '../src/core/volume/volume.ts';
import { openWebGpuLogBank, type OpenedLogBank } from '../src/gpu/log-bank/request-device.ts';
import { FourierLogFilterBank } from '../src/core/proposals/fourier-log-bank.ts';
import type { FourierPool } from '../src/core/proposals/fourier-pass.ts';
import { bankDisplayName, type LogFilterBank } from '../src/core/proposals/log-filter-bank.ts';
import { openBrowserFourierPool } from './fourier-pool.ts';
import { JobRegistry, type ProgressCallback } from './rpc/jobs.ts';

export type ProposalsBackend = 'auto' | 'webgpu' | 'cpu';

const jobs = new JobRegistry();
let gpuBank: Promise<OpenedLogBank | null> | undefined;
let fallbackLogged = false;

/** One device for the worker's life; forgotten when lost, so the next run asks for a new one. */
function webGpuBank(): Promise<OpenedLogBank | null> {
  gpuBank ??= openWebGpuLogBank(self.navigator.gpu)
    .catch((error: unknown) => {
      console.warn(`proposals: no WebGPU device (${(error as Error).message}); using the CPU filter bank`);
      return null;
    })
    .then((opened) => {
      void opened?.device.lost.then(() => (gpuBank = undefined));
      return opened;
    });
  return gpuBank;
}

let cpuPool: FourierPool | null | undefined;

/** The CPU bank's threads, opened on first use and again after a failure (a thread killed). */
function cpuBank(): LogFilterBank | null {
  if (cpuPool?.failed) cpuPool = undefined;
  cpuPool ??= openBrowserFourierPool();
  return cpuPool && new FourierLogFilterBank({ pool: cpuPool });
}

async function preferredBank(backend: ProposalsBackend): Promise<LogFilterBank | null> {
  if (backend === 'cpu') return cpuBank();
  const opened = await webGpuBank();
  if (!opened || (opened.software && backend === 'auto')) return cpuBank();
  return opened.bank;
}

const proposalsEngine = {
  cancel: (jobId: string) => jobs.cancel(jobId),

  computeField(
    jobId: string,
    volume: Volume,
    options: Omit<ProposalOptions, 'bank'>,
    onProgress: ProgressCallback,
    backend: ProposalsBackend = 'auto',
  ): Promise<ProposalField> {
    return jobs.run(jobId, async (signal) => {
      const bank = await preferredBank(backend);
      let ranOn = bank ? bankDisplayName(bank.name) : 'CPU';
      const field = await computeProposalFieldWithFallback(volume, options, bank, {
        signal,
        onProgress: (f, stage) => onProgress(f, stage === 'filtering' ? `filtering (${ranOn})` : stage),
        onFallback: (error) => {
          ranOn = 'CPU';
          if (!fallbackLogged) console.warn(`proposals: the ${bank?.name ?? 'preferred'} filter bank failed (${error.message}); recomputing on the CPU`);
          fallbackLogged = true;
        },
      });
      const transfers: ArrayBuffer[] = [field.maximaScores.buffer as ArrayBuffer];
      if (field.mask) transfers.push(field.mask.buffer as ArrayBuffer);
      return Comlink.transfer(field, transfers);
    });
  },
};

export type ProposalsEngine = typeof proposalsEngine;
Comlink.expose(proposalsEngine);
