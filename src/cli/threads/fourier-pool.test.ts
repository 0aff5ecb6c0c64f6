import { afterAll, describe, expect, it } from 'vitest';
import { FourierLogFilterBank } from '../../core/proposals/fourier-log-bank.ts';
import { computeProposalField, selectProposals } from '../../core/proposals/propose.ts';
import type { FourierPassTask } from '../../core/proposals/fourier-pass.ts';
import type { BankFilter } from '../../core/proposals/log-filter-bank.ts';
import { sigmaForDiameter } from '../../core/proposals/scales.ts';
import { ballVolume } from '../../core/proposals/test-volumes.ts';
import type { Volume } from '../../core/volume/volume.ts';
import { openNodeFourierPool } from './fourier-pool.ts';

const iso = (s: number) => [s, s, s] as const;
const filters: BankFilter[] = [
  ...[4, 6, 9].map((d): BankFilter => ({ kind: 'log', sigmaVoxels: iso(sigmaForDiameter(d)), sign: 1 })),
  { kind: 'gaussian', sigmaVoxels: iso(3) },
];

async function responses(volume: Volume, bank: FourierLogFilterBank): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  await bank.run(volume, filters, (index, response) => (out[index] = response.slice()));
  return out;
}

describe('the CPU Fourier bank on a Node worker pool', () => {
  const pool = openNodeFourierPool(3)!;
  afterAll(() => pool.dispose());

  // Powers of two (no padding, responses in place), padded x/y (separate response arrays), odd depth.
  it.each([
    [[32, 16, 8]],
    [[20, 27, 12]],
    [[16, 16, 7]],
  ] as [number, number, number][][])('gives bit-identical responses to one thread on %j', async (shape) => {
    const volume = ballVolume(shape, [{ x: 8, y: 7, z: 3, diameter: 5, contrast: -1 }], 0.3, 5);
    const serial = await responses(volume, new FourierLogFilterBank());
    const pooled = await responses(volume, new FourierLogFilterBank({ pool }));
    expect(pooled).toHaveLength(filters.length);
    pooled.forEach((r, k) => expect(Buffer.from(r.buffer).equals(Buffer.from(serial[k]!.buffer))).toBe(true));
  });

  it('proposes the same, context pass included, as one thread', async () => {
    const volume = ballVolume(
      [64, 64, 48],
      [
        { x: 20, y: 20, z: 24, diameter: 5, contrast: -1 },
        { x: 44, y: 40, z: 20, diameter: 4, contrast: -1 },
        { x: 32, y: 32, z: 24, diameter: 24, contrast: -0.6 },
      ],
      0.2,
      3,
    );
    volume.voxelSize = [10, 10, 10];
    const options = { diameterAngstrom: [27, 60] as [number, number] };
    const single = await computeProposalField(volume, options);
    const pooled = await computeProposalField(volume, { ...options, bank: new FourierLogFilterBank({ pool }) });
    expect(pooled.bank).toBe('cpu-fourier×3');
    expect(single.largeObjects.length).toBeGreaterThan(0);
    expect(pooled.largeObjects).toEqual(single.largeObjects);
    expect(selectProposals(pooled, {}).proposals).toEqual(selectProposals(single, {}).proposals);
  });

  it('a cancel stops a pooled run; the pool serves the next one', async () => {
    const volume = ballVolume([32, 32, 32], [{ x: 16, y: 16, z: 16, diameter: 6, contrast: -1 }]);
    const controller = new AbortController();
    const bank = new FourierLogFilterBank({ pool });
    const cancelled = bank.run(volume, filters, () => controller.abort(new Error('cancelled')), { signal: controller.signal });
    await expect(cancelled).rejects.toThrow('cancelled');
    await expect(responses(volume, bank)).resolves.toHaveLength(filters.length);
  });

  it('names the bank by its thread count', () => {
    expect(new FourierLogFilterBank({ pool }).name).toBe('cpu-fourier×3');
    expect(openNodeFourierPool(1)).toBeNull();
  });

  it('reports a task that throws and stays usable; a disposed pool rejects its runs', async () => {
    const own = openNodeFourierPool(2)!;
    const broken = { kind: 'pair-rows', pair: null, rows: new Int32Array(1), target: null } as unknown as FourierPassTask;
    await expect(own.run([broken])).rejects.toThrow(/null/);
    const volume = ballVolume([16, 16, 16], [{ x: 8, y: 8, z: 8, diameter: 5, contrast: -1 }]);
    await expect(responses(volume, new FourierLogFilterBank({ pool: own }))).resolves.toHaveLength(filters.length);
    const running = new FourierLogFilterBank({ pool: own }).run(volume, filters, () => {});
    own.dispose();
    await expect(running).rejects.toThrow(/disposed/);
  });
});
