/**
 * A training checkpoint: the model files plus the optimiser's slots and the step reached, so a
 * run resumes after a closed tab, a killed worker or a lost GPU device. The optimiser state is
 * packed like the weights: a JSON index (name, shape, offset) and one float32 buffer.
 */
import type { CrossEntropyAveraging } from '../losses/cross-entropy.ts';
import type { DiceClasses } from '../losses/dice.ts';
import type { LossOptions } from '../losses/segmentation-loss.ts';
import type { MetaMode } from '../meta/meta-learner.ts';

export interface PackedTensors {
  index: { name: string; length: number }[];
  data: ArrayBuffer;
}

export function packTensors(values: Readonly<Record<string, Float32Array>>): PackedTensors {
  const entries = Object.entries(values);
  const total = entries.reduce((n, [, v]) => n + v.length, 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const [, v] of entries) {
    data.set(v, offset);
    offset += v.length;
  }
  return { index: entries.map(([name, v]) => ({ name, length: v.length })), data: data.buffer };
}

export function unpackTensors(packed: PackedTensors): Record<string, Float32Array> {
  const all = new Float32Array(packed.data);
  const expected = packed.index.reduce((n, e) => n + e.length, 0);
  if (all.length !== expected) throw new Error(`checkpoint optimiser state holds ${all.length} values, its index says ${expected}`);
  const out: Record<string, Float32Array> = {};
  let offset = 0;
  for (const { name, length } of packed.index) {
    out[name] = all.subarray(offset, offset + length);
    offset += length;
  }
  return out;
}

export interface CheckpointMeta {
  step: number;
  steps: number;
  seed: number;
  /** Training mode (absent in checkpoints written before the meta modes: supervised). */
  mode?: MetaMode;
  /** Classes the Dice loss averaged over (absent in checkpoints written before the choice: `all`). */
  diceClasses?: DiceClasses;
  /** The cross-entropy term (absent in checkpoints written before it was recorded: unknown). */
  crossEntropyWeight?: number;
  crossEntropyAveraging?: CrossEntropyAveraging;
  /**
   * The step the run's random patch streams were seeded at: 0, or the step a checkpoint written
   * before resumes replayed their draws was resumed from (absent there: its own step). A resume
   * replays the draws since then, so it continues exactly as the uninterrupted run would have.
   */
  streamStart?: number;
  optimizerIndex: PackedTensors['index'];
  lossHistory: { step: number; loss: number }[];
}

/**
 * The loss a checkpoint was trained with, as far as it says: Dice over `all` classes when written
 * before that choice; its cross-entropy terms only once they were recorded.
 */
export function checkpointLoss(meta: CheckpointMeta): Partial<LossOptions> & Pick<LossOptions, 'diceClasses'> {
  return {
    diceClasses: meta.diceClasses ?? 'all',
    ...(meta.crossEntropyWeight !== undefined ? { crossEntropyWeight: meta.crossEntropyWeight } : {}),
    ...(meta.crossEntropyAveraging !== undefined ? { crossEntropyAveraging: meta.crossEntropyAveraging } : {}),
  };
}
