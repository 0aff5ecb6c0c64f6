/**
 * Seeded initial values for the small meta networks, from our generator (not tf.random*) so a seed
 * gives the same networks on every backend and runtime — as unet/params.ts does for the U-Net. Each
 * tensor draws from its own stream (seed, name), so adding a tensor does not shift the others.
 */
import type * as tf from '@tensorflow/tfjs';
import { createRandom, deriveSeed, type Random } from '../../core/sim/random.ts';
import { variableFrom } from '../tensors/variable-from.ts';

export type Sampler = (random: Random) => number;

export const constant = (value: number): Sampler => () => value;
/** He-normal for a layer followed by ReLU (or anything) with `fanIn` inputs per unit. */
export const heNormal = (fanIn: number): Sampler => (random) => random.gaussian() * Math.sqrt(2 / fanIn);
/** PyTorch's default nn.Linear init, U(−1/√fanIn, 1/√fanIn), which Meta-Weight-Net uses. */
export const linearUniform = (fanIn: number): Sampler => (random) => random.uniform(-1, 1) / Math.sqrt(fanIn);

export function seededVariable(seed: number, name: string, shape: number[], sample: Sampler): tf.Variable {
  const random = createRandom(deriveSeed(seed, name));
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = sample(random);
  return variableFrom(values, shape, true);
}
