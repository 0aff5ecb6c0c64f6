import { describe, expect, it } from 'vitest';
import { computeProposalFieldWithFallback } from './field-with-fallback.ts';
import { FourierLogFilterBank } from './fourier-log-bank.ts';
import type { LogFilterBank } from './log-filter-bank.ts';
import { computeProposalField } from './propose.ts';
import { ballVolume } from './test-volumes.ts';

const volume = ballVolume([32, 28, 20], [{ x: 14, y: 12, z: 10, diameter: 8, contrast: -1 }], 0.3, 2);
const options = { diameterAngstrom: [60, 110] as [number, number], autoMask: false };

/** Delivers the CPU bank's first response, then fails like a lost GPU. */
const failingBank: LogFilterBank = {
  name: 'failing',
  async run(v, filters, consume, runOptions) {
    await new FourierLogFilterBank().run(v, filters.slice(0, 1), consume, runOptions);
    throw new Error('device lost');
  },
};

describe('computeProposalFieldWithFallback', () => {
  it('recomputes the whole field on the CPU bank when the preferred bank fails mid-run', async () => {
    const errors: string[] = [];
    const field = await computeProposalFieldWithFallback(volume, options, failingBank, { onFallback: (e) => errors.push(e.message) });
    const reference = await computeProposalField(volume, options);
    expect(errors).toEqual(['device lost']);
    expect(field.bank).toBe('cpu-fourier');
    expect(field.candidates).toEqual(reference.candidates);
  });

  it('does not fall back after a cancel, nor when onFallback rethrows', async () => {
    const controller = new AbortController();
    const cancelling: LogFilterBank = {
      name: 'cancelling',
      async run() {
        controller.abort();
        throw new Error('aborted');
      },
    };
    await expect(computeProposalFieldWithFallback(volume, options, cancelling, { signal: controller.signal })).rejects.toThrow('aborted');
    const rethrow = (error: Error) => {
      throw error;
    };
    await expect(computeProposalFieldWithFallback(volume, options, failingBank, { onFallback: rethrow })).rejects.toThrow('device lost');
  });
});
