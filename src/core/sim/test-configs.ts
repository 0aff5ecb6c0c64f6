/**
 * Small configurations for the simulator's own tests: the standard species and imaging model at
 * 20 Å/voxel in a 64×64×32 box, so a whole simulation takes well under a second.
 */
import type { SimulationConfig } from './config.ts';
import { standardCase } from './standard-cases.ts';

export function smallTestConfig(overrides: Partial<SimulationConfig> = {}): SimulationConfig {
  const base = standardCase('standard-snr0.5');
  return {
    ...base,
    name: 'small-test',
    shape: [64, 64, 32],
    voxelSize: 20,
    slabFraction: 0.9,
    particleCount: 24,
    membrane: { radiusAngstrom: 300, bilayerThicknessAngstrom: 40, contrast: 1 },
    fiducials: { ...base.fiducials, goldCount: 3, contaminationCount: 1 },
    ...overrides,
  };
}
