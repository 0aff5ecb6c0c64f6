/**
 * C and R with their optimiser slots as name → Float32Array, for checkpoints. They travel in the
 * checkpoint's state file next to the U-Net optimiser's slots, under `meta/`, so a resumed
 * meta-learning run restores all of its state from the same two files (model + state) as a
 * supervised one, and the studio's checkpoint store needs no second record.
 */
import * as tf from '@tensorflow/tfjs';
import type { Optimizer } from '../optim/optimizer.ts';
import type { UNetConfig } from '../unet/config.ts';
import { initLabelCorrectionParams } from './label-correction-net.ts';
import type { MetaLearner } from './meta-learner.ts';

export const META_STATE_PREFIX = 'meta/';

type State = Record<string, Float32Array>;

async function readWeights(weights: Record<string, tf.Variable> | null, out: State): Promise<void> {
  for (const [name, v] of Object.entries(weights ?? {})) out[`${META_STATE_PREFIX}${name}`] = (await v.data()) as Float32Array;
}

async function readOptimizer(optimizer: Optimizer | null, tag: string, out: State): Promise<void> {
  if (!optimizer) return;
  for (const [name, value] of Object.entries(await optimizer.readState())) out[`${META_STATE_PREFIX}${tag}/${name}`] = value;
}

/** C, R and their optimisers' slots (empty in `supervised`). */
export async function readMetaState(learner: MetaLearner): Promise<State> {
  const out: State = {};
  await readWeights(learner.correction, out);
  await readWeights(learner.reweighting, out);
  await readOptimizer(learner.correctionOptimizer, 'lc-opt', out);
  await readOptimizer(learner.reweightingOptimizer, 'dr-opt', out);
  return out;
}

/** Splits a checkpoint's state into the U-Net optimiser's slots and the meta entries (prefix removed). */
export function splitMetaState(state: Readonly<State>): { segmentation: State; meta: State } {
  const segmentation: State = {};
  const meta: State = {};
  for (const [name, value] of Object.entries(state)) {
    if (name.startsWith(META_STATE_PREFIX)) meta[name.slice(META_STATE_PREFIX.length)] = value;
    else segmentation[name] = value;
  }
  return { segmentation, meta };
}

function loadWeights(weights: Record<string, tf.Variable> | null, meta: Readonly<State>, mode: string): Record<string, number[]> {
  const shapes: Record<string, number[]> = {};
  for (const [name, v] of Object.entries(weights ?? {})) {
    const value = meta[name];
    if (!value) throw new Error(`the checkpoint has no "${name}" (was it written by a run in another mode than ${mode}?)`);
    if (value.length !== v.size) throw new Error(`the checkpoint's "${name}" has ${value.length} values, the network expects ${v.size}`);
    const loaded = tf.tensor(value, v.shape);
    v.assign(loaded);
    loaded.dispose();
    shapes[name] = v.shape;
  }
  return shapes;
}

function optimizerState(meta: Readonly<State>, tag: string): State {
  const prefix = `${tag}/`;
  return Object.fromEntries(Object.entries(meta).filter(([n]) => n.startsWith(prefix)).map(([n, v]) => [n.slice(prefix.length), v]));
}

/** Restores C, R and their optimisers from `splitMetaState(...).meta`. */
export function loadMetaState(learner: MetaLearner, meta: Readonly<State>): void {
  const mode = learner.settings.mode;
  const lcShapes = loadWeights(learner.correction, meta, mode);
  const drShapes = loadWeights(learner.reweighting, meta, mode);
  learner.correctionOptimizer?.loadState(optimizerState(meta, 'lc-opt'), lcShapes);
  learner.reweightingOptimizer?.loadState(optimizerState(meta, 'dr-opt'), drShapes);
}

/**
 * The label-correction weights alone, from `splitMetaState(...).meta` of an lc-only or robpicker
 * checkpoint (what the correction review runs). The caller disposes them.
 */
export function correctionFromState(config: UNetConfig, meta: Readonly<State>): Record<string, tf.Variable> {
  const correction = initLabelCorrectionParams(config, 0, { startFromHead: false });
  try {
    loadWeights(correction, meta, 'lc-only or robpicker');
  } catch (err) {
    for (const v of Object.values(correction)) v.dispose();
    throw err;
  }
  return correction;
}
