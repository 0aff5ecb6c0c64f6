/** Small helpers for weights held as name → tensor maps (U-Net, label correction, reweighting). */
import type * as tf from '@tensorflow/tfjs';

/** Pairs `names` with `tensors` (the argument order of tf.grads). */
export function byName(names: readonly string[], tensors: readonly tf.Tensor[]): Record<string, tf.Tensor> {
  if (names.length !== tensors.length) throw new Error(`internal: ${names.length} names for ${tensors.length} tensors`);
  const out: Record<string, tf.Tensor> = {};
  names.forEach((name, i) => (out[name] = tensors[i] as tf.Tensor));
  return out;
}

/** Tensors of `map` in the order of `names`; a missing name is an error, not undefined. */
export function inOrder(map: Readonly<Record<string, tf.Tensor>>, names: readonly string[]): tf.Tensor[] {
  return names.map((name) => {
    const t = map[name];
    if (!t) throw new Error(`weight "${name}" is missing`);
    return t;
  });
}

/** The entries of `map` whose names start with `prefix`. */
export function withPrefix(map: Readonly<Record<string, tf.Tensor>>, prefix: string): Record<string, tf.Tensor> {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, t] of Object.entries(map)) if (name.startsWith(prefix)) out[name] = t;
  return out;
}

export function countValues(map: Readonly<Record<string, tf.Tensor>>): number {
  return Object.values(map).reduce((n, t) => n + t.size, 0);
}
