/**
 * U-Net weights as named tfjs Variables, initialised from our seeded generator (not tf.random*)
 * so the same seed gives the same network on every backend and in every runtime.
 */
import type * as tf from '@tensorflow/tfjs';
import { createRandom, deriveSeed } from '../../core/sim/random.ts';
import { variableFrom } from '../tensors/variable-from.ts';
import type { UNetConfig } from './config.ts';
import { unetParamSpecs, type ParamSpec } from './param-specs.ts';

/** Trainable weights and batch-norm running statistics, both by spec name. */
export interface UNetWeights {
  trainable: Record<string, tf.Variable>;
  running: Record<string, tf.Variable>;
}

function initialValues(spec: ParamSpec, seed: number): Float32Array {
  const size = spec.shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  if (spec.init === 'ones') values.fill(1);
  if (spec.init === 'he') {
    const random = createRandom(deriveSeed(seed, spec.name));
    const sd = Math.sqrt(2 / spec.fanIn);
    for (let i = 0; i < size; i++) values[i] = random.gaussian() * sd;
  }
  return values;
}

export function initUNetWeights(config: UNetConfig, seed: number): UNetWeights {
  const weights: UNetWeights = { trainable: {}, running: {} };
  for (const spec of unetParamSpecs(config)) {
    const variable = variableFrom(initialValues(spec, seed), spec.shape, spec.trainable);
    (spec.trainable ? weights.trainable : weights.running)[spec.name] = variable;
  }
  return weights;
}

/** Builds weights from stored values (a checkpoint or a loaded model); checks every shape. */
export function weightsFromValues(config: UNetConfig, values: Readonly<Record<string, Float32Array>>): UNetWeights {
  const weights: UNetWeights = { trainable: {}, running: {} };
  for (const spec of unetParamSpecs(config)) {
    const data = values[spec.name];
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (!data) throw new Error(`model is missing weight "${spec.name}"`);
    if (data.length !== size) throw new Error(`weight "${spec.name}" has ${data.length} values, expected ${size} (${spec.shape.join('×')})`);
    const variable = variableFrom(data, spec.shape, spec.trainable);
    (spec.trainable ? weights.trainable : weights.running)[spec.name] = variable;
  }
  return weights;
}

export async function readWeightValues(weights: UNetWeights): Promise<Record<string, Float32Array>> {
  const out: Record<string, Float32Array> = {};
  for (const [name, v] of [...Object.entries(weights.trainable), ...Object.entries(weights.running)]) {
    out[name] = (await v.data()) as Float32Array;
  }
  return out;
}

export function disposeWeights(weights: UNetWeights): void {
  for (const v of Object.values(weights.trainable)) v.dispose();
  for (const v of Object.values(weights.running)) v.dispose();
}
