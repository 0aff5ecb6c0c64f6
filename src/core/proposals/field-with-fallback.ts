/**
 * Runs the proposal field on a preferred filter bank (the GPU one) and, if it fails for any reason
 * other than a cancel, once more from the start on the exact CPU bank. Restarting the whole field
 * (not the bank) matters: the bank's consumer accumulates state per response, so a half-delivered
 * bank run cannot be resumed by another bank. `onFallback` may rethrow to forbid the fallback.
 */
import { FourierLogFilterBank } from './fourier-log-bank.ts';
import type { LogFilterBank } from './log-filter-bank.ts';
import { computeProposalField, type ProposalField, type ProposalOptions, type RunOptions } from './propose.ts';

export async function computeProposalFieldWithFallback(
  volume: Parameters<typeof computeProposalField>[0],
  options: Omit<ProposalOptions, 'bank'>,
  preferred: LogFilterBank | null,
  run: RunOptions & { onFallback?: (error: Error) => void } = {},
): Promise<ProposalField> {
  if (preferred) {
    try {
      return await computeProposalField(volume, { ...options, bank: preferred }, run);
    } catch (error) {
      if (run.signal?.aborted) throw error;
      run.onFallback?.(error as Error);
    }
  }
  return computeProposalField(volume, { ...options, bank: new FourierLogFilterBank() }, run);
}
