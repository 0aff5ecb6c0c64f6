import { describe, expect, it } from 'vitest';
import { validateSimulationConfig } from './config.ts';
import { countsByAbundance } from './placement.ts';
import { STANDARD_CASES, standardCase } from './standard-cases.ts';

describe('standard cases', () => {
  it('defines the DESIGN.md §7 cases, all valid', () => {
    expect(Object.keys(STANDARD_CASES)).toEqual(['demo', 'standard-snr0.5', 'standard-snr0.1', 'standard-snr0.05', 'hard', 'rare-snr0.5']);
    for (const config of Object.values(STANDARD_CASES)) expect(validateSimulationConfig(config)).toBe(config);
    const std = STANDARD_CASES['standard-snr0.1']!;
    expect(std.shape).toEqual([256, 256, 128]);
    expect(std.voxelSize).toBe(10);
    expect(std.species.map((s) => s.diameterAngstrom / std.voxelSize)).toEqual([26, 16, 10, 6]);
    expect(std.species.map((s) => s.abundance)).toEqual([0.45, 0.3, 0.18, 0.07]);
    expect(std.snr).toBe(0.1);
    expect(std.wedgeDegrees).toBe(60);
    expect(std.noisyLabels).toEqual({ dropFraction: 0.3, spuriousFraction: 0.1, jitterVoxels: 1.5 });
    expect(STANDARD_CASES.hard!.wedgeDegrees).toBe(50);
    expect(STANDARD_CASES.hard!.snr).toBe(0.05);
    expect(STANDARD_CASES.demo!.snr).toBe(0.5);
  });

  it('rare-snr0.5 is standard-snr0.5 with a globule for its rare species', () => {
    const rare = standardCase('rare-snr0.5');
    const std = standardCase('standard-snr0.5');
    expect(rare.species.map((s) => s.shape)).toEqual(['ribosome', 'proteasome', 'lobed', 'globule']);
    expect({ ...rare, name: '', species: [] }).toEqual({ ...std, name: '', species: [] });
    expect(rare.species.map(({ shape: _, ...s }) => s)).toEqual(std.species.map(({ shape: _, ...s }) => s));
  });

  it('hands out copies, and names the known cases on a typo', () => {
    const copy = standardCase('demo');
    copy.shape[0] = 8;
    expect(STANDARD_CASES.demo!.shape[0]).toBe(256);
    expect(() => standardCase('standard')).toThrow(/unknown simulation case "standard" \(one of demo, standard-snr0.5/);
  });
});

describe('countsByAbundance', () => {
  it('splits a total by abundance, summing exactly', () => {
    expect(countsByAbundance(300, [0.45, 0.3, 0.18, 0.07])).toEqual([135, 90, 54, 21]);
    expect(countsByAbundance(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(countsByAbundance(0, [1, 2])).toEqual([0, 0]);
  });
});
