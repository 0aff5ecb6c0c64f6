import { AdamOptimizer } from './adam.ts';
import type { Optimizer, OptimizerSettings } from './optimizer.ts';
import { SgdOptimizer } from './sgd.ts';

export function createOptimizer(settings: OptimizerSettings): Optimizer {
  if (!(settings.learningRate > 0)) throw new Error(`learning rate must be positive, got ${settings.learningRate}`);
  return settings.kind === 'adam' ? new AdamOptimizer(settings) : new SgdOptimizer(settings);
}
